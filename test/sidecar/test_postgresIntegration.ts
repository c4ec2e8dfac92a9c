/**
 * Integration tests of `postgres()` through the broker: a real server, real databases,
 * real crashes. Skipped when PostgreSQL is not installed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { TestCase } from 'trial-ts';
import type { SidecarStateEvent } from '../../src/runner/events';
import type { PostgresConnection, SidecarBroker, SidecarDefinition } from '../../src/sidecar/interfaces';
import { postgres } from '../../src/sidecar/postgres';
import { resolveServerIdentity } from '../../src/sidecar/serverIdentity';
import { createSidecarBroker } from '../../src/sidecar/sidecarBroker';
import { SidecarStartError } from '../../src/sidecar/sidecarErrors';
import { installSidecarConnection, sidecarRegistry } from '../../src/sidecar/sidecarRegistry';
import { afterSidecarTest, beforeSidecarTest, closeSidecarClients, sidecarClient } from '../../src/sidecar/transactionIsolation';
import { eventually, postgresMissing, processAlive, serverOf } from './sidecarTestSupport';

const SCHEMA = 'CREATE TABLE users (id text PRIMARY KEY, name text NOT NULL);\n';

/** Tests of a postgres sidecar started through `createSidecarBroker`. */
export class PostgresIntegrationTests extends TestCase {
  #events: SidecarStateEvent[] = [];
  #tempDir = '';

  override setUp() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
    this.#tempDir = this.mktemp();
    fs.mkdirSync(this.#tempDir, { recursive: true });
    fs.writeFileSync(path.join(this.#tempDir, 'schema.sql'), SCHEMA);
  }

  #broker(definition: SidecarDefinition, workers = 2): SidecarBroker {
    this.#events = [];
    const broker = createSidecarBroker({ db: definition }, { tempDir: this.#tempDir, cwd: this.#tempDir, workers, onEvent: (e) => this.#events.push(e) });
    this.addCleanup(() => broker.close());
    return broker;
  }

  async #client(connection: { connectionString?: unknown; env: unknown }): Promise<Client> {
    const client = new Client({ connectionString: String(connection.connectionString) });
    client.on('error', () => undefined);
    await client.connect();
    this.addCleanup(() => client.end().catch(() => undefined));
    return client;
  }

  /** Two workers get distinct databases cloned from the template and insert the same key without conflict. */
  async test_workersGetOwnDatabases() {
    const broker = this.#broker(postgres({ schema: ['schema.sql'] }));
    const [a, b] = (await Promise.all([broker.acquire('db', 0), broker.acquire('db', 1)])) as PostgresConnection[];
    this.assertNotEqual(a!.database, b!.database);
    for (const connection of [a!, b!]) {
      const client = await this.#client(connection);
      await client.query("INSERT INTO users VALUES ('alice', 'Alice')");
      const { rows } = await client.query('SELECT current_database() AS db, count(*)::int AS n FROM users');
      this.assertEqual(rows[0], { db: connection.database, n: 1 });
    }
    this.assertEqual(this.#events.map((e) => e.state), ['starting', 'ready']);
  }

  /** The same worker index gets the same database again; env carries it for existing code. */
  async test_connectionDetails() {
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const again = (await broker.acquire('db', 0)) as PostgresConnection;
    this.assertEqual(again.database, a.database);
    this.assertEqual(a.env, { PGHOST: a.socketDir, PGPORT: String(a.port), PGUSER: 'postgres', PGDATABASE: a.database, DATABASE_URL: a.connectionString });
    this.assertEqual(a.host, a.socketDir);
    this.assertTrue(fs.existsSync(path.join(a.socketDir, `.s.PGSQL.${a.port}`)));
    this.assertTrue(Buffer.byteLength(path.join(a.socketDir, `.s.PGSQL.${a.port}`)) < 107);
  }

  /** By default the server has no TCP listener, and its socket folder is closed to other users. */
  async test_socketOnlyByDefault() {
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const client = await this.#client(a);
    this.assertEqual((await client.query('SHOW listen_addresses')).rows, [{ listen_addresses: '' }]);
    this.assertEqual(fs.statSync(a.socketDir).mode & 0o777, 0o700);
    this.assertIdentical(a.password, undefined);
  }

  /** As root the server runs as the unprivileged server user, who owns the socket folder. */
  async test_serverUnprivilegedWhenRoot() {
    if (process.getuid?.() !== 0 || process.platform !== 'linux') this.skipTest('needs a root runner on Linux (/proc)');
    const expected = resolveServerIdentity('auto')!;
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const { pid } = serverOf(a.socketDir);
    this.assertEqual(fs.statSync(`/proc/${pid}`).uid, expected.uid);
    this.assertNotEqual(expected.uid, 0);
    this.assertEqual(fs.statSync(a.socketDir).uid, expected.uid);
  }

  /** listen: 'tcp' adds loopback TCP, where only the run's password gets in. */
  async test_tcpNeedsThePassword() {
    const broker = this.#broker(postgres({ listen: 'tcp' }));
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    this.assertEqual(a.host, '127.0.0.1');
    this.assertTrue(typeof a.password === 'string' && a.password.length >= 20);
    this.assertEqual(a.env.PGPASSWORD, a.password);
    this.assertSubstring(`:${encodeURIComponent(a.password!)}@127.0.0.1:${a.port}/`, a.connectionString);
    const client = await this.#client(a);
    this.assertEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    this.assertEqual((await client.query('SHOW listen_addresses')).rows, [{ listen_addresses: '127.0.0.1' }]);
    const { rows } = await client.query("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'postgres'");
    this.assertEqual(rows, [{ scram: true }], 'the run password is stored as a SCRAM verifier');
    const intruder = new Client({ host: '127.0.0.1', port: a.port, user: 'postgres', database: a.database, password: 'guess' });
    intruder.on('error', () => undefined);
    const error = (await this.assertRejects(Error, intruder.connect())) as Error;
    this.assertSubstring('password authentication failed', error.message);
    await intruder.end().catch(() => undefined);
  }

  /** Server ERROR lines of a database are attributed to it, and only to it. */
  async test_logLinesForDatabase() {
    const broker = this.#broker(postgres({ schema: 'schema.sql' }));
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const b = (await broker.acquire('db', 1)) as PostgresConnection;
    const since = Date.now();
    const client = await this.#client(a);
    await client.query("INSERT INTO users VALUES ('x', 'X')");
    await this.assertRejects(Error, client.query("INSERT INTO users VALUES ('x', 'X')"));
    this.assertTrue(await eventually(() => broker.logLinesFor(a.database, since).length >= 2));
    const lines = broker.logLinesFor(a.database, since);
    this.assertSubstring('ERROR:  duplicate key value violates unique constraint "users_pkey"', lines[0]!);
    this.assertEqual(broker.logLinesFor(b.database, since), []);
  }

  /** Killing a backend makes postgres terminate every session: reported as a crash, and it recovers. */
  async test_backendCrashDetected() {
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const victim = await this.#client(a);
    const { rows } = await victim.query('SELECT pg_backend_pid() AS pid');
    process.kill(rows[0].pid as number, 'SIGKILL');
    this.assertTrue(await eventually(() => this.#events.some((e) => e.state === 'crashed')));
    const crash = this.#events.find((e) => e.state === 'crashed')!;
    this.assertSubstring('terminated every session', crash.detail!);
    this.assertSubstring('terminated by signal 9', crash.detail!);
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      const client = new Client({ connectionString: a.connectionString });
      client.on('error', () => undefined);
      recovered = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => undefined);
      if (!recovered) await new Promise((r) => setTimeout(r, 20));
    }
    this.assertTrue(recovered);
  }

  /** The postmaster exiting mid-run is reported as a crash with the log tail. */
  async test_postmasterExitDetected() {
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const { pid } = serverOf(a.socketDir);
    // SIGQUIT, not SIGKILL: a SIGKILLed postmaster leaks a SysV segment until reboot.
    process.kill(pid, 'SIGQUIT');
    this.assertTrue(await eventually(() => this.#events.some((e) => e.state === 'crashed')));
    this.assertSubstring('exited while tests were running', this.#events.find((e) => e.state === 'crashed')!.detail!);
  }

  /** close() leaves no server process and no run directory, and reports `stopped`. */
  async test_closeLeavesNothing() {
    const broker = this.#broker(postgres());
    const a = (await broker.acquire('db', 0)) as PostgresConnection;
    const { pid, runDir } = serverOf(a.socketDir);
    this.assertTrue(processAlive(pid));
    await broker.close();
    this.assertFalse(processAlive(pid));
    this.assertFalse(fs.existsSync(runDir));
    this.assertEqual(this.#events.at(-1)?.state, 'stopped');
    this.assertTrue(fs.readFileSync(path.join(this.#tempDir, 'sidecars', 'db.log'), 'utf8').includes('database system is ready to accept connections'));
  }

  /** A server that cannot start is a SidecarStartError (exit 3) carrying the server's own complaint. */
  async test_startFailure() {
    const broker = this.#broker(postgres({ settings: { no_such_setting: 1 } }));
    const error = (await this.assertRejects(SidecarStartError, broker.acquire('db', 0))) as SidecarStartError;
    this.assertEqual(error.code, 'TRIAL_SIDECAR_START');
    this.assertSubstring('could not start', error.message);
    this.assertSubstring('no_such_setting', error.logTail.join('\n'));
    this.assertSubstring('no_such_setting', error.message);
  }

  /** A root so long that the socket path would not fit is a start failure saying so and what to do. */
  async test_socketPathTooLong() {
    const root = path.join('/tmp', 'x'.repeat(80));
    fs.mkdirSync(root, { recursive: true, mode: 0o1777 });
    fs.chmodSync(root, 0o1777);
    this.addCleanup(() => fs.rmSync(root, { recursive: true, force: true }));
    this.patch(process.env, 'TRIAL_SIDECAR_ROOT', root);
    const broker = this.#broker(postgres());
    const error = (await this.assertRejects(SidecarStartError, broker.acquire('db', 0))) as SidecarStartError;
    this.assertSubstring('longer than the 103 bytes a socket path may have; set TRIAL_SIDECAR_ROOT to a shorter folder', error.message);
    this.assertEqual(fs.readdirSync(path.join(root, `trial-ts-${process.getuid?.() ?? 0}`)).filter((n) => n.startsWith('trial-sc-')), [], 'the run directory was removed');
  }

  /** A schema file that does not exist is a config error (exit 2) naming the path and the folder it was resolved from. */
  async test_missingSchemaIsConfigError() {
    const broker = this.#broker(postgres({ schema: ['db/nope.sql'] }));
    const error = (await this.assertRejects(Error, broker.acquire('db', 0))) as Error & { code?: string };
    this.assertEqual(error.code, 'TRIAL_SIDECAR_CONFIG');
    this.assertSubstring(`${path.join(this.#tempDir, 'db', 'nope.sql')} does not exist ("db/nope.sql", resolved from ${this.#tempDir}`, error.message);
  }

  /** A failing schema file is a start error naming the file. */
  async test_schemaFailure() {
    fs.writeFileSync(path.join(this.#tempDir, 'bad.sql'), 'CREATE TABLE (;');
    const broker = this.#broker(postgres({ schema: ['bad.sql'] }));
    const error = (await this.assertRejects(SidecarStartError, broker.acquire('db', 0))) as SidecarStartError;
    this.assertSubstring('bad.sql', error.message);
  }

  /** `migrate(client)` runs once into the template that every clone starts from. */
  async test_migrate() {
    let calls = 0;
    const broker = this.#broker(
      postgres({
        migrate: async (client) => {
          calls++;
          await client.query("CREATE TABLE seeds (n int); INSERT INTO seeds VALUES (42)");
        },
      }),
    );
    for (const i of [0, 1]) {
      const client = await this.#client(await broker.acquire('db', i));
      this.assertEqual((await client.query('SELECT n FROM seeds')).rows, [{ n: 42 }]);
    }
    this.assertEqual(calls, 1);
  }

  /** database-per-test hands out a distinct fresh clone per test from the pool, and drops returned ones. */
  async test_databasePerTest() {
    const broker = this.#broker(postgres({ schema: 'schema.sql', isolation: 'database-per-test', poolSize: 2 }));
    const first = (await broker.acquireForTest('db', 0)) as PostgresConnection;
    const second = (await broker.acquireForTest('db', 0)) as PostgresConnection;
    this.assertNotEqual(first.database, second.database);
    const client = await this.#client(first);
    await client.query("INSERT INTO users VALUES ('a', 'A')");
    await client.end();
    await broker.releaseForTest('db', first);
    const check = await this.#client(second);
    this.assertEqual((await check.query('SELECT count(*)::int AS n FROM users')).rows, [{ n: 0 }]);
    const { rows } = await check.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [first.database]);
    this.assertEqual(rows, [{ n: 0 }]);
  }

  /** Transaction mode: each test's writes roll back; the code's own BEGIN/COMMIT become savepoints. */
  async test_transactionMode() {
    const registry = sidecarRegistry();
    const saved = new Map(registry.connections);
    this.addCleanup(async () => {
      await closeSidecarClients();
      registry.connections = saved;
    });
    const broker = this.#broker(postgres({ schema: 'schema.sql', isolation: 'transaction' }));
    const connection = await broker.acquire('db', 0);
    // installSidecarConnection exports the connection into process.env, as the runner does
    // before setUpClass; inside a test it must be put back.
    const savedEnv = Object.keys(connection.env ?? {}).map((key) => [key, process.env[key]] as const);
    this.addCleanup(() => {
      for (const [key, value] of savedEnv) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });
    installSidecarConnection('db', connection);
    for (const run of [1, 2]) {
      await beforeSidecarTest(['db']);
      const client = sidecarClient('db');
      await client.query('BEGIN');
      await client.query("INSERT INTO users VALUES ('same', 'Same')");
      await client.query('COMMIT');
      this.assertEqual((await client.query('SELECT count(*)::int AS n FROM users')).rows, [{ n: 1 }], `run ${run}`);
      await afterSidecarTest(['db']);
    }
  }
}
