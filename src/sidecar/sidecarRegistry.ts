/**
 * The worker side of sidecars: a per-thread registry of the connections this thread received,
 * shared by both copies of the library (it lives on `globalThis` under a `Symbol.for` key),
 * and `sidecar(name)`, the test API that reads it.
 *
 * @packageDocumentation
 */
import type { PostgresConnection, SidecarConnection } from './interfaces';
import { messages } from './messages';
import { SidecarUsageError } from './sidecarErrors';
import { processKeys, processRegistry } from '../platform/processKeys';


/** The per-thread registry. @internal */
export interface SidecarRegistry {
  connections: Map<string, SidecarConnection>;
  /** Names the running test class declared (`static sidecars`), or null when the runner does not scope them. */
  active: Set<string> | null;
  /** Transaction-mode clients, by sidecar name (see `transactionIsolation.ts`). */
  clients: Map<string, unknown>;
}

/** This thread's registry, created on first use. @internal */
export function sidecarRegistry(): SidecarRegistry {
  return processRegistry(processKeys.sidecars, (): SidecarRegistry => ({ connections: new Map(), active: null, clients: new Map() }));
}

/**
 * Record a connection for this thread and export its `env` into `process.env`, so code that
 * reads `DATABASE_URL` or `PGHOST` connects unchanged. The runner calls it (after asking the
 * main process through its requester) before a class's `setUpClass`.
 *
 * @param name - the sidecar's name in the config.
 * @param connection - what the broker returned for this worker.
 * @example
 * ```ts
 * for (const name of TestClass.sidecars ?? []) installSidecarConnection(name, await requester(name));
 * ```
 */
export function installSidecarConnection(name: string, connection: SidecarConnection): void {
  sidecarRegistry().connections.set(name, connection);
  for (const [key, value] of Object.entries(connection.env ?? {})) process.env[key] = value;
}

/**
 * Say which sidecars the class about to run declared; `sidecar(name)` refuses others, so a
 * missing `static sidecars` fails clearly rather than by luck of which class ran first.
 * `null` lifts the restriction.
 *
 * @param names - the class's `static sidecars`.
 */
export function activateSidecars(names: readonly string[] | null): void {
  sidecarRegistry().active = names ? new Set(names) : null;
}

/**
 * This worker's connection to a sidecar its test class declared with `static sidecars`.
 *
 * @param name - the sidecar's name in the config.
 * @returns host, port, user, database, `connectionString`, `env`, ... (see `PostgresConnection`).
 * @throws SidecarUsageError naming the missing `static sidecars = ['<name>']` when the class did not ask for it.
 * @example
 * ```ts
 * class UsersTests extends TestCase {
 *   static sidecars = ['db'];
 *   async test_insert() {
 *     const client = new pg.Client(sidecar<PostgresConnection>('db').connectionString);
 *     ...
 *   }
 * }
 * ```
 */
export function sidecar<T extends SidecarConnection = PostgresConnection>(name: string): T {
  const registry = sidecarRegistry();
  const connection = registry.connections.get(name);
  if (!connection || (registry.active && !registry.active.has(name))) {
    const known = registry.active ? [...registry.active] : [...registry.connections.keys()];
    throw new SidecarUsageError(messages.notAcquired(name, known));
  }
  return connection as T;
}
