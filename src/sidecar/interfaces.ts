/**
 * Contracts of sidecars: long-lived services (PostgreSQL, any command) that the runner
 * starts once per run in the main process, before the workers, watches, and stops on
 * every exit path.
 *
 * Who calls what:
 * - the user's config declares `postgres({...})` / `processSidecar({...})`, which return
 *   a {@link SidecarDefinition};
 * - the main process builds one {@link SidecarBroker} per run; the first
 *   `acquire(name, workerIndex)` starts the sidecar, later ones only hand out
 *   connections;
 * - a worker receives a {@link SidecarConnection} (plain JSON) through a
 *   {@link SidecarRequester}, installs it with `installSidecarConnection`, and tests read it
 *   with `sidecar(name)`.
 *
 * @packageDocumentation
 */

/**
 * What `sidecar(name)` returns in a test: how this worker reaches the service.
 * Plain JSON: it crosses the worker boundary unchanged.
 */
export interface SidecarConnection {
  /** Free-form, JSON-safe details (host, port, user, database, connectionString, ...). */
  [key: string]: unknown;
  /** Environment variables set in the worker's `process.env` for existing code. */
  env: Record<string, string>;
}

/** Isolation of one postgres sidecar's databases between workers and tests. */
export type PostgresIsolation = 'database-per-worker' | 'database-per-test' | 'transaction';

/** The connection of a `postgres()` sidecar, as `sidecar('db')` returns it. */
export interface PostgresConnection extends SidecarConnection {
  kind: 'postgres';
  /**
   * The socket folder (`listen: 'socket'`, the default: `pg` and libpq take a path as host),
   * or `127.0.0.1` (`listen: 'tcp'`).
   */
  host: string;
  /** The port number: the socket file is `.s.PGSQL.<port>`; with `listen: 'tcp'` also the TCP port. */
  port: number;
  /** Directory of the Unix socket (`.s.PGSQL.<port>`), private to the runner's user (mode 0700). */
  socketDir: string;
  /** The bootstrap superuser, `postgres`. */
  user: string;
  /** With `listen: 'tcp'`: the random per-run password (SCRAM). Absent on the socket, which needs none. */
  password?: string;
  /** This worker's own database (or this test's, with `database-per-test`). */
  database: string;
  /**
   * `postgresql://postgres@/database?host=<socket folder>&port=5432`, or with `listen: 'tcp'`
   * `postgresql://postgres:<password>@127.0.0.1:<port>/database`.
   */
  connectionString: string;
  /** The configured isolation mode; `transaction` means the runner wraps each test. */
  isolation: PostgresIsolation;
  /** The server's major version, e.g. 15. */
  serverVersion: number;
  /** PGHOST, PGPORT, PGUSER, PGDATABASE, DATABASE_URL (and PGPASSWORD with `listen: 'tcp'`). */
  env: Record<string, string>;
}

/** A declared sidecar, as `postgres({...})` or `processSidecar({...})` return it. */
export interface SidecarDefinition {
  /** `postgres` or `process`: the key in the sidecar kind table. */
  kind: string;
  /** Start the service. Called once per run, in the main process (never in a worker thread). */
  start(context: SidecarStartContext): Promise<StartedSidecar>;
}

/** What a sidecar gets when it starts. */
export interface SidecarStartContext {
  /** The name it was declared under in the config. */
  name: string;
  /** The run's temp directory (`_trial_temp`); logs go to `<tempDir>/sidecars/<name>.log`. */
  tempDir: string;
  /** The run's cwd, for resolving relative paths in the definition (schema files...). */
  cwd: string;
  /** Number of workers that will ask for connections (0-based indexes). */
  workers: number;
  /**
   * The service crashed after it was ready: it exited, or (postgres) a backend crash made
   * it terminate every session and reinitialize. `reason` is one sentence; `logTail` the
   * last log lines. Tests running at that moment should fail with both.
   */
  onCrash(reason: string, logTail: string): void;
}

/** Options of {@link StartedSidecar.logLinesFor}. */
export interface LogLinesOptions {
  /** Every line of that database, not only ERROR, FATAL and PANIC ones and their details. */
  all?: boolean;
}

/** A running sidecar, owned by the run's closer. */
export interface StartedSidecar {
  /** Connection details for one worker (its own database, for postgres). Same index → same result. */
  connectionFor(workerIndex: number): Promise<SidecarConnection>;
  /**
   * A connection for one test (`database-per-test`: a fresh clone from the pool). Absent
   * on sidecars that have no per-test isolation.
   */
  connectionForTest?(workerIndex: number): Promise<SidecarConnection>;
  /**
   * Watch mode, between runs: forget every worker's connection, so the next run's workers
   * get fresh ones (for postgres: new databases, cloned now in the background; the old
   * ones are dropped). Absent when a worker's connection holds no state of its own.
   */
  renewWorkerConnections?(): void;
  /** Give back what {@link connectionForTest} returned; its database is dropped in the background. */
  releaseTestConnection?(connection: SidecarConnection): Promise<void>;
  /**
   * Log lines written for `database` since `since` (ms since the epoch, as `Date.now()`), so
   * errors the server logged for a test's own database can be attached to that test.
   */
  logLinesFor?(database: string, since: number, options?: LogLinesOptions): string[];
  /** The last `count` lines of the sidecar's log. */
  logTail(count?: number): string[];
  /** Stop the service and remove its run directory. Idempotent. */
  close(): Promise<void>;
}

/**
 * The main process's side of sidecars: starts each one on first request (so a unit-only
 * run pays nothing), hands out per-worker connections, and stops them all on `close`.
 */
export interface SidecarBroker {
  /**
   * The connection for `workerIndex`, starting the sidecar first if it is not running.
   *
   * @throws `SidecarStartError` (code `TRIAL_SIDECAR_START`, exit 3) when it cannot start;
   *   a `SidecarConfigError` (code `TRIAL_SIDECAR_CONFIG`, exit 2) for an unknown name.
   */
  acquire(name: string, workerIndex: number): Promise<SidecarConnection>;
  /** A per-test connection (`database-per-test`), or the worker's one when the sidecar has none. */
  acquireForTest(name: string, workerIndex: number): Promise<SidecarConnection>;
  /** Watch mode, between runs: fresh worker connections for the next run (see {@link StartedSidecar.renewWorkerConnections}). */
  renewWorkerConnections?(): void;
  /** Give back a per-test connection. A no-op for per-worker connections. */
  releaseForTest(name: string, connection: SidecarConnection): Promise<void>;
  /** Log lines of `database` since `since` across started sidecars (see {@link StartedSidecar.logLinesFor}). */
  logLinesFor(database: string, since: number, options?: LogLinesOptions): string[];
  /** Names of the sidecars started so far. */
  started(): string[];
  /** Stop every started sidecar. Idempotent; runs on every exit path. */
  close(): Promise<void>;
}

/** How a thread running tests asks for a sidecar (in-process: the broker; in a worker: a message). */
export type SidecarRequester = (name: string) => Promise<SidecarConnection>;

/** How the main process reaches a service: a log line, a TCP port or an HTTP URL. */
export type ReadyCheck =
  | RegExp
  | { log: RegExp }
  | { tcp: number | '{port}'; host?: string }
  | { http: string };
