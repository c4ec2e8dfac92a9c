/**
 * The options of `postgres()`, validated when the config loads (a typo is exit 2 at once,
 * not a failure after the server started).
 *
 * @packageDocumentation
 */
import type { PostgresIsolation } from './interfaces';
import type { RunAs } from './serverIdentity';
import { messages } from './messages';
import { SidecarConfigError } from './sidecarErrors';

/** A `pg` client connected to the template database, for `migrate`. Typed loosely so users need not depend on `@types/pg`. */
export interface MigrationClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What `postgres()` accepts. */
export interface PostgresOptions {
  /** SQL files (relative to the config file's folder), run in order into the template database once per run. */
  schema?: string | string[];
  /** Run after `schema`, once per run, with a client connected to the template database. */
  migrate?: (client: MigrationClient, connectionString: string) => unknown;
  /**
   * How tests are kept apart:
   * - `database-per-worker` (default): each worker gets its own clone of the template;
   * - `database-per-test`: each test gets a fresh clone from a pool the main process keeps filled
   *   (needs the runner to call `acquireForTest`; fast on tmpfs only);
   * - `transaction`: each worker's clone, and each test runs inside `BEGIN … ROLLBACK` on the
   *   client `sidecarClient(name)` returns (≈0.5 ms; the code under test must use that client).
   */
  isolation?: PostgresIsolation;
  /** Server settings (`-c name=value`), merged over the test-only defaults (fsync off, ...). */
  settings?: Record<string, string | number | boolean>;
  /** When the runner is root: who the server runs as (default: `postgres`, else `nobody`). */
  runAs?: RunAs;
  /** Give up starting after this many ms (default 30 000). */
  startTimeout?: number;
  /**
   * How tests reach the server:
   * - `socket` (default): a Unix socket in the run's private folder (mode 0700), no TCP
   *   listener; `host` is that folder, which `pg` and libpq clients accept;
   * - `tcp`: also 127.0.0.1 on a free port, with a random per-run password (SCRAM) in the
   *   connection string, `password` and `PGPASSWORD`, for clients that cannot use a socket.
   */
  listen?: 'socket' | 'tcp';
  /** The folder holding `postgres` and `initdb`, skipping the search. */
  binDir?: string;
  /** Databases kept ready for `database-per-test` (default: twice the workers, at least 2). */
  poolSize?: number;
  /** Prefix of the databases created (default `trial`): lowercase, at most 40 bytes. */
  databasePrefix?: string;
}

const KNOWN = ['schema', 'migrate', 'isolation', 'settings', 'runAs', 'startTimeout', 'listen', 'binDir', 'poolSize', 'databasePrefix'];
const ISOLATIONS: PostgresIsolation[] = ['database-per-worker', 'database-per-test', 'transaction'];
const NAME = /^[a-z_][a-z0-9_]*$/;
/** Longest prefix: `<prefix>_template` and `<prefix>_t<9 digits>` must fit PostgreSQL's 63 bytes. */
export const MAX_PREFIX_BYTES = 40;

/**
 * Whether `name` is a safe PostgreSQL identifier of at most 63 bytes (lowercase, so it needs no quoting).
 *
 * @internal
 */
export function isValidDatabaseName(name: string): boolean {
  return NAME.test(name) && Buffer.byteLength(name) <= 63;
}

/**
 * Check `postgres()` options.
 *
 * @param options - as the user wrote them.
 * @returns the same options, with defaults.
 * @throws SidecarConfigError naming the option and what it must be.
 * @internal
 */
export function validatePostgresOptions(options: PostgresOptions = {}): Required<Pick<PostgresOptions, 'isolation' | 'startTimeout' | 'databasePrefix' | 'listen'>> & PostgresOptions {
  const bad = (option: string, expected: string, got: unknown): never => {
    throw new SidecarConfigError(messages.badOption('postgres', option, expected, got));
  };
  if (typeof options !== 'object' || options === null) bad('options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new SidecarConfigError(messages.unknownOption('postgres', key, KNOWN));
  }
  const { schema, migrate, isolation = 'database-per-worker', startTimeout = 30_000, databasePrefix = 'trial', poolSize, settings, listen = 'socket' } = options;
  if (listen !== 'socket' && listen !== 'tcp') bad('listen', "'socket' or 'tcp'", listen);
  if (schema !== undefined && typeof schema !== 'string' && !(Array.isArray(schema) && schema.every((s) => typeof s === 'string'))) {
    bad('schema', 'a file name or an array of file names', schema);
  }
  if (migrate !== undefined && typeof migrate !== 'function') bad('migrate', 'a function (client) => Promise<void>', migrate);
  if (!ISOLATIONS.includes(isolation)) bad('isolation', ISOLATIONS.map((i) => `'${i}'`).join(' or '), isolation);
  if (!(Number.isFinite(startTimeout) && startTimeout > 0)) bad('startTimeout', 'a positive number of ms', startTimeout);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1)) bad('poolSize', 'an integer of 1 or more', poolSize);
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) {
    bad('settings', 'an object of setting names to values', settings);
  }
  if (typeof databasePrefix !== 'string' || !NAME.test(databasePrefix) || Buffer.byteLength(databasePrefix) > MAX_PREFIX_BYTES) {
    throw new SidecarConfigError(messages.badName('databasePrefix', String(databasePrefix)) + ` The prefix may hold ${MAX_PREFIX_BYTES} bytes.`);
  }
  return { ...options, isolation, startTimeout, databasePrefix, listen };
}
