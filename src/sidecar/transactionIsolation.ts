/**
 * Isolation mode `transaction`: each test runs inside `BEGIN … ROLLBACK` on one client per
 * worker and sidecar, which the test gets from `sidecarClient(name)`. The runner calls
 * {@link beforeSidecarTest} and {@link afterSidecarTest} around every test of a class that
 * declared sidecars (both are no-ops for other isolation modes).
 *
 * Limits (documented in docs/sidecars.md): the code under test must use that client; nothing
 * it does is ever committed, so COMMIT-dependent behaviour, a second connection, or code that
 * opens its own pool cannot be tested this way. `BEGIN`/`COMMIT`/`ROLLBACK` sent by the code
 * under test become savepoints.
 *
 * @packageDocumentation
 */
import type { Client } from 'pg';
import { requirePg } from './pgModule';
import type { PostgresConnection } from './interfaces';
import { messages } from './messages';
import { sidecarRegistry } from './sidecarRegistry';
import { SidecarUsageError } from './sidecarErrors';

interface TransactionClient {
  client: Client;
  wrapped: Client;
  depth: number;
  open: boolean;
}

const NESTED = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK)\b[^;]*;?\s*$/i;

function transactionNames(names: readonly string[]): string[] {
  const registry = sidecarRegistry();
  return names.filter((n) => (registry.connections.get(n) as Partial<PostgresConnection> | undefined)?.isolation === 'transaction');
}

/** Map the code under test's own transaction statements onto savepoints inside the test's transaction. */
function wrap(state: TransactionClient): Client {
  return new Proxy(state.client, {
    get(target, property, receiver) {
      if (property !== 'query') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (text: unknown, ...rest: unknown[]) => {
        const m = typeof text === 'string' ? NESTED.exec(text) : null;
        if (m) {
          const verb = m[1]!.toUpperCase();
          if (verb.startsWith('BEGIN') || verb.startsWith('START')) text = `SAVEPOINT trial_sp${++state.depth}`;
          else if (state.depth === 0) text = 'SELECT 1';
          else text = verb === 'ROLLBACK' ? `ROLLBACK TO SAVEPOINT trial_sp${state.depth--}` : `RELEASE SAVEPOINT trial_sp${state.depth--}`;
        }
        return (target.query as (...a: unknown[]) => unknown)(text, ...rest);
      };
    },
  });
}

/**
 * Open the test's transaction on every `transaction`-mode sidecar among `names` (connecting
 * the worker's client the first time; it lives until the worker ends and is not a leak).
 *
 * @param names - the class's `static sidecars`.
 */
export async function beforeSidecarTest(names: readonly string[]): Promise<void> {
  const registry = sidecarRegistry();
  for (const name of transactionNames(names)) {
    let state = registry.clients.get(name) as TransactionClient | undefined;
    if (!state) {
      // Loaded lazily: workers that never use transaction mode do not pay for `pg`.
      const { Client: PgClient } = requirePg(name);
      const client = new PgClient({ connectionString: (registry.connections.get(name) as PostgresConnection).connectionString });
      client.on('error', () => registry.clients.delete(name));
      await client.connect();
      state = { client, wrapped: client, depth: 0, open: false };
      state.wrapped = wrap(state);
      registry.clients.set(name, state);
    }
    await state.client.query('BEGIN');
    state.open = true;
    state.depth = 0;
  }
}

/**
 * Roll back the test's transaction on every `transaction`-mode sidecar among `names`.
 *
 * @param names - the class's `static sidecars`.
 */
export async function afterSidecarTest(names: readonly string[]): Promise<void> {
  const registry = sidecarRegistry();
  for (const name of transactionNames(names)) {
    const state = registry.clients.get(name) as TransactionClient | undefined;
    if (!state?.open) continue;
    state.open = false;
    await state.client.query('ROLLBACK').catch(() => registry.clients.delete(name));
  }
}

/**
 * The client of the running test's transaction (isolation `transaction`). Everything done
 * through it is rolled back when the test ends.
 *
 * @param name - the sidecar's name.
 * @returns a `pg.Client` inside `BEGIN`; its `BEGIN`/`COMMIT`/`ROLLBACK` become savepoints.
 * @throws SidecarUsageError outside a test of a `transaction`-mode sidecar.
 * @example
 * ```ts
 * const users = new UsersRepository(sidecarClient('db'));
 * ```
 */
export function sidecarClient(name: string): Client {
  const state = sidecarRegistry().clients.get(name) as TransactionClient | undefined;
  if (!state?.open) throw new SidecarUsageError(messages.noTransactionClient(name));
  return state.wrapped;
}

/** Close this worker's transaction clients (the worker is ending). */
export async function closeSidecarClients(): Promise<void> {
  const registry = sidecarRegistry();
  const states = [...registry.clients.values()] as TransactionClient[];
  registry.clients.clear();
  await Promise.all(states.map((s) => s.client.end().catch(() => undefined)));
}
