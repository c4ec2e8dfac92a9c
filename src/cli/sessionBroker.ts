/**
 * The session's sidecar broker: the sidecar modules load only when the config declares
 * sidecars, and a sidecar that cannot start is kept for the end of the run (exit 3, its
 * paragraph) while the tests that need it are reported as not run. It also records which workers use which sidecars and
 * databases, for the pipeline's crash charging and server-log attachment.
 *
 * @packageDocumentation
 */
import type { SidecarBroker, SidecarConnection } from '../sidecar/interfaces';
import type { SidecarBrokerContext } from '../sidecar/sidecarBroker';
import { SidecarUnavailableError } from '../sidecar/sidecarErrors';
import type { ResolvedConfig } from './resolveOptions';
import { UsageError } from './usageError';

/** The run's sidecar broker; the sidecar modules load only when the config declares sidecars. */
function sidecarBroker(definitions: ResolvedConfig['sidecars'], context: SidecarBrokerContext): SidecarBroker {
  if (Object.keys(definitions).length === 0) {
    const undeclared = async (name: string): Promise<never> => {
      throw new UsageError(`A test class needs the sidecar '${name}', but the config declares no sidecars; add it under sidecars in trial-ts.config.ts.`);
    };
    return {
      acquire: undeclared,
      acquireForTest: undeclared,
      releaseForTest: async () => undefined,
      logLinesFor: () => [],
      started: () => [],
      close: async () => undefined,
    };
  }
  const { createSidecarBroker } = require('../sidecar/sidecarBroker') as typeof import('../sidecar/sidecarBroker');
  return createSidecarBroker(definitions, context);
}

const START_FAILURES = new Set(['TRIAL_SIDECAR_START', 'TRIAL_SIDECAR_CONFIG']);

/**
 * A broker whose start failures are kept for the end of the run (through `onFatal`: its
 * exit code and its one paragraph) while the run goes on: each class that needs the
 * sidecar gets a {@link SidecarUnavailableError}, and its tests are reported as not run.
 */
function reportStartFailures(
  broker: SidecarBroker,
  onFatal: (error: unknown) => void,
  databases: Map<number, Set<string>>,
  sidecarWorkers: Map<string, Set<number>>,
): SidecarBroker {
  const guard = <A extends unknown[], R>(name: string, acquire: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await acquire(...args);
      } catch (error) {
        if (!START_FAILURES.has((error as { code?: string }).code ?? '')) throw error;
        onFatal(error);
        throw new SidecarUnavailableError(name);
      }
    };
  const remember = async (worker: number, connection: Promise<SidecarConnection>): Promise<SidecarConnection> => {
    const database = (await connection).database;
    if (typeof database === 'string') databases.set(worker, (databases.get(worker) ?? new Set()).add(database));
    return connection;
  };
  return {
    acquire: (name, worker) => {
      sidecarWorkers.set(name, (sidecarWorkers.get(name) ?? new Set()).add(worker));
      return remember(worker, guard(name, broker.acquire.bind(broker))(name, worker));
    },
    acquireForTest: (name, worker) => guard(name, broker.acquireForTest.bind(broker))(name, worker),
    releaseForTest: (name, connection) => broker.releaseForTest(name, connection),
    renewWorkerConnections: () => broker.renewWorkerConnections?.(),
    logLinesFor: (database, since, options) => broker.logLinesFor(database, since, options),
    started: () => broker.started(),
    close: () => broker.close(),
  };
}

/** Who uses which sidecar: filled as workers acquire connections. */
export interface SidecarUse {
  /** Databases each worker was given, by worker index. */
  databases: Map<number, Set<string>>;
  /** Workers that use each sidecar, by sidecar name. */
  workers: Map<string, Set<number>>;
}

/**
 * Make the run's broker.
 *
 * @param definitions - the config's sidecars.
 * @param context - temp dir, cwd, worker count and where sidecar events go.
 * @param onFatal - told of a start failure; the run goes on and ends with it.
 * @returns the broker, and the record of who uses which sidecar.
 */
export function openSessionBroker(
  definitions: ResolvedConfig['sidecars'],
  context: SidecarBrokerContext,
  onFatal: (error: unknown) => void,
): { broker: SidecarBroker; use: SidecarUse } {
  const use: SidecarUse = { databases: new Map(), workers: new Map() };
  return { broker: reportStartFailures(sidecarBroker(definitions, context), onFatal, use.databases, use.workers), use };
}
