/**
 * The running side of `postgres()`: a real PostgreSQL server as a sidecar. One server per run; a template
 * database built once from `schema` files and/or `migrate(client)`; a clone of it per worker
 * (or per test); crash watching; logs indexed by database.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdminConnection } from './adminConnection';
import { DatabasePool } from './databasePool';
import type { LogLinesOptions, PostgresConnection, SidecarConnection, SidecarStartContext, StartedSidecar } from './interfaces';
import { messages } from './messages';
import { requirePg } from './pgModule';
import { POSTGRES_CRASH_LINE } from './postgresLogLine';
import { type PostgresOptions, type validatePostgresOptions } from './postgresOptions';
import { ServerStartFailure, startPostgresServer, type PostgresServer } from './postgresServer';
import { SidecarConfigError, SidecarStartError } from './sidecarErrors';
import { SidecarError } from '../errors/runnerError';
import { SidecarLog } from './sidecarLog';

const READY_AGAIN = /database system is ready to accept connections/;

/** Options after validation. */
export type Resolved = ReturnType<typeof validatePostgresOptions>;

/** A running postgres sidecar. @internal */
export class StartedPostgres implements StartedSidecar {
  readonly #server: PostgresServer;
  readonly #log: SidecarLog;
  readonly #options: Resolved;
  readonly #context: SidecarStartContext;
  readonly #admin: AdminConnection;
  readonly #template: string;
  readonly #workers = new Map<number, Promise<PostgresConnection>>();
  readonly #pool: DatabasePool | null;
  #testCounter = 0;
  #closing: Promise<void> | null = null;
  #crashReported = false;

  private constructor(server: PostgresServer, log: SidecarLog, options: Resolved, context: SidecarStartContext, template: string) {
    this.#server = server;
    this.#log = log;
    this.#options = options;
    this.#context = context;
    this.#template = template;
    this.#admin = new AdminConnection(server.admin);
    this.#pool =
      options.isolation === 'database-per-test'
        ? new DatabasePool(
            { create: (n) => this.#createDatabase(n), drop: (n) => this.#dropDatabase(n) },
            options.poolSize ?? Math.max(2, context.workers * 2),
            () => `${options.databasePrefix}_t${++this.#testCounter}`,
          )
        : null;
  }

  /** Start the server and build the template; {@link SidecarStartError} on any failure. */
  static async start(options: Resolved, context: SidecarStartContext): Promise<StartedPostgres> {
    requirePg(context.name); // before a server is started that nothing could talk to
    const log = new SidecarLog(context.tempDir, context.name, true);
    let server: PostgresServer | null = null;
    try {
      schemaFiles(options, context.cwd); // a wrong path is a config error, before anything starts
      server = await startPostgresServer({ name: context.name, log, workers: context.workers, ...pick(options), listen: options.listen, startTimeout: options.startTimeout });
      const hasTemplate = options.schema !== undefined || options.migrate !== undefined;
      const template = hasTemplate ? `${options.databasePrefix}_template` : 'template1';
      const started = new StartedPostgres(server, log, options, context, template);
      if (hasTemplate) await started.#buildTemplate();
      started.#watch();
      started.#pool?.fill();
      log.add(`[trial-ts] ready in ${server.timings.total.toFixed(0)} ms (cluster ${server.timings.cluster.toFixed(0)} ms${server.timings.cacheHit ? ', cached' : ', initdb'}; server ${server.timings.ready.toFixed(0)} ms)`);
      return started;
    } catch (error) {
      await server?.close();
      const tail = log.tail(50);
      log.close();
      if (error instanceof SidecarConfigError) throw error;
      if (error instanceof ServerStartFailure && error.paragraph) throw new SidecarStartError(context.name, error.message, []);
      const runDir = error instanceof ServerStartFailure ? error.runDir : server?.runDir ?? '';
      const serverLines = tail.filter((line) => !line.startsWith('[trial-ts]'));
      const reason = (error as Error).message;
      throw new SidecarStartError(context.name, messages.startFailed(context.name, reason, runDir, log.file, serverLines.length > 0), serverLines.length ? tail : [], { cause: error });
    }
  }

  async #buildTemplate(): Promise<void> {
    const t = this.#template;
    await this.#admin.query(`CREATE DATABASE ${t}`);
    const client = new (requirePg().Client)({ ...this.#server.admin, user: 'postgres', database: t });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for (const full of schemaFiles(this.#options, this.#context.cwd)) {
        try {
          await client.query(fs.readFileSync(full, 'utf8'));
        } catch (error) {
          throw new SidecarError(messages.schemaFailed(full, (error as Error).message), 'TRIAL_SIDECAR_SCHEMA');
        }
      }
      if (this.#options.migrate) {
        try {
          await this.#options.migrate(client, this.#url(t));
        } catch (error) {
          throw new SidecarError(messages.migrateFailed((error as Error).message), 'TRIAL_SIDECAR_SCHEMA');
        }
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    // A template anyone is connected to cannot be cloned (55006): close it for good.
    await this.#admin.query(`ALTER DATABASE ${t} IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await this.#admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t}'`);
  }

  #watch(): void {
    this.#log.onLine((line) => {
      if (READY_AGAIN.test(line)) this.#crashReported = false;
      else if (!this.#crashReported && POSTGRES_CRASH_LINE.test(line) && !this.#server.process.stopping) {
        this.#crashReported = true;
        this.#context.onCrash(messages.crashedBackend(this.#context.name, line), this.#log.tail(50).join('\n'));
      }
    });
    void this.#server.process.exited.then((exit) => {
      if (this.#server.process.stopping) return;
      this.#context.onCrash(messages.crashedExit(this.#context.name, exit.code, exit.signal), this.#log.tail(50).join('\n'));
    });
  }

  #url(database: string): string {
    const { host, port, password } = this.#server.address;
    if (password === undefined) return `postgresql://postgres@/${database}?host=${encodeURIComponent(host)}&port=${port}`;
    return `postgresql://postgres:${encodeURIComponent(password)}@${host}:${port}/${database}`;
  }

  #createDatabase(name: string): Promise<void> {
    const strategy = this.#server.version.major >= 15 ? ' STRATEGY FILE_COPY' : '';
    return this.#admin.query(`CREATE DATABASE ${name} TEMPLATE ${this.#template}${strategy}`).then(() => undefined);
  }

  #dropDatabase(name: string): Promise<void> {
    const force = this.#server.version.major >= 13 ? ' WITH (FORCE)' : '';
    return this.#admin.query(`DROP DATABASE IF EXISTS ${name}${force}`).then(() => undefined);
  }

  #connection(database: string): PostgresConnection {
    const { socketDir, address } = this.#server;
    const connectionString = this.#url(database);
    const env: Record<string, string> = { PGHOST: address.host, PGPORT: String(address.port), PGUSER: 'postgres', PGDATABASE: database, DATABASE_URL: connectionString };
    if (address.password !== undefined) env.PGPASSWORD = address.password;
    return {
      kind: 'postgres',
      host: address.host,
      port: address.port,
      socketDir,
      user: 'postgres',
      ...(address.password === undefined ? {} : { password: address.password }),
      database,
      connectionString,
      isolation: this.#options.isolation,
      serverVersion: this.#server.version.major,
      env,
    };
  }

  /** {@inheritDoc StartedSidecar.connectionFor} */
  connectionFor(workerIndex: number): Promise<PostgresConnection> {
    let pending = this.#workers.get(workerIndex);
    if (!pending) {
      const name = this.#workerDatabase(workerIndex);
      pending = this.#createDatabase(name).then(() => this.#connection(name));
      pending.catch(() => this.#workers.delete(workerIndex));
      this.#workers.set(workerIndex, pending);
    }
    return pending;
  }

  /** {@inheritDoc StartedSidecar.renewWorkerConnections} */
  renewWorkerConnections(): void {
    // The same names (`trial_w<N>`, which tests may rely on), dropped and cloned again from
    // the template in the background; the admin connection runs them in order.
    for (const [index, used] of [...this.#workers.entries()]) {
      const name = this.#workerDatabase(index);
      const renewed = used
        .catch(() => undefined)
        .then(() => this.#dropDatabase(name))
        .then(() => this.#createDatabase(name))
        .then(() => this.#connection(name));
      renewed.catch(() => this.#workers.delete(index));
      this.#workers.set(index, renewed);
    }
  }

  #workerDatabase(workerIndex: number): string {
    return `${this.#options.databasePrefix}_w${workerIndex}`;
  }

  /** {@inheritDoc StartedSidecar.connectionForTest} */
  async connectionForTest(workerIndex: number): Promise<PostgresConnection> {
    if (!this.#pool) return this.connectionFor(workerIndex);
    return this.#connection(await this.#pool.take());
  }

  /** {@inheritDoc StartedSidecar.releaseTestConnection} */
  async releaseTestConnection(connection: SidecarConnection): Promise<void> {
    const name = String(connection.database);
    if (this.#pool && name.startsWith(`${this.#options.databasePrefix}_t`)) await this.#pool.give(name);
  }

  /** {@inheritDoc StartedSidecar.logLinesFor} */
  logLinesFor(database: string, since: number, options?: LogLinesOptions): string[] {
    return this.#log.linesFor(database, since, options);
  }

  /** {@inheritDoc StartedSidecar.logTail} */
  logTail(count = 50): string[] {
    return this.#log.tail(count);
  }

  /** The server's pid, run directory and start timings (tests and the benchmark read them). @internal */
  get server(): PostgresServer {
    return this.#server;
  }

  /** {@inheritDoc StartedSidecar.close} */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#pool?.close();
      await this.#admin.close();
      await this.#server.close();
      this.#log.add('[trial-ts] stopped');
      this.#log.close();
    })();
    return this.#closing;
  }
}

/**
 * The schema files as absolute paths, resolved from `cwd` (the config file's folder).
 *
 * @throws SidecarConfigError naming the path and the folder when a file does not exist.
 */
function schemaFiles(options: Resolved, cwd: string): string[] {
  return [options.schema ?? []].flat().map((file) => {
    const full = path.resolve(cwd, file);
    if (!fs.existsSync(full)) throw new SidecarConfigError(messages.missingSchema(full, file, cwd));
    return full;
  });
}

function pick(options: PostgresOptions): { settings?: PostgresOptions['settings']; runAs?: PostgresOptions['runAs']; binDir?: string } {
  const out: { settings?: PostgresOptions['settings']; runAs?: PostgresOptions['runAs']; binDir?: string } = {};
  if (options.settings) out.settings = options.settings;
  if (options.runAs) out.runAs = options.runAs;
  if (options.binDir) out.binDir = options.binDir;
  return out;
}
