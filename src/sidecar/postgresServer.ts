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
import { Client } from 'pg';
import { findPostgresBinaries } from './findPostgresBinaries';
import { ManagedProcess } from './managedProcess';
import { messages } from './messages';
import { cachedCluster, copyCluster, makeServerDir, serverEnv, serverVersion, sweepCache, type ServerVersion } from './postgresCluster';
import { POSTGRES_LOG_LINE_PREFIX } from './postgresLogLine';
import { chooseRunRoot, createRunDirectory, firstUnsearchable, sweepRunDirectories, writeOwner } from './runDirectory';
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
  startTimeout: number;
}

/** A running server. @internal */
export interface PostgresServer {
  process: ManagedProcess;
  port: number;
  socketDir: string;
  runDir: string;
  version: ServerVersion;
  identity: ServerIdentity | null;
  /** Timings of the start, in ms. */
  timings: { cluster: number; ready: number; total: number; cacheHit: boolean };
  /** Stop the server (SIGINT, then SIGQUIT) and remove the run directory. Idempotent. */
  close(): Promise<void>;
}

/** A start failure whose reason is one clause of the `startFailed` message. @internal */
export class ServerStartFailure extends Error {
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
    super(message);
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

/**
 * Start a server (see the file comment). On failure the run directory is removed unless
 * `TRIAL_KEEP_SIDECAR_DIR=1`.
 *
 * @throws ServerStartFailure with the reason.
 * @internal
 */
export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  const t0 = performance.now();
  const { log } = options;
  const binDir = options.binDir ?? findBinDir();
  let version: ServerVersion;
  try {
    version = serverVersion(binDir);
  } catch (error) {
    throw new ServerStartFailure(messages.spawnFailed(path.join(binDir, 'postgres') + ' --version', (error as Error).message), '');
  }
  let identity: ServerIdentity | null;
  try {
    identity = resolveServerIdentity(options.runAs);
  } catch (error) {
    throw new ServerStartFailure((error as Error).message, '');
  }
  const root = chooseRunRoot();
  const blocked = identity && firstUnsearchable(root, identity.uid, identity.gid);
  if (blocked) throw new ServerStartFailure(messages.unsearchable(blocked, identity!), '');
  sweepRunDirectories(root);
  const cacheRoot = path.join(root, 'trial-ts-pg-cache');
  sweepCache(cacheRoot);
  const runDir = createRunDirectory(root);
  const removeRunDir = (): void => {
    if (process.env.TRIAL_KEEP_SIDECAR_DIR !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const dataDir = path.join(runDir, 'data');
    const socketDir = path.join(runDir, 'sock');
    const cluster = await cachedCluster(binDir, version, identity, cacheRoot, (l) => log.add(l));
    await copyCluster(cluster.dir, dataDir, identity);
    makeServerDir(socketDir, identity, 0o755);
    const tCluster = performance.now();
    const settings = { ...defaultSettings(options.workers), ...stringify(options.settings) };
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const proc = new ManagedProcess({
        command: path.join(binDir, 'postgres'),
        args: ['-D', dataDir, '-k', socketDir, '-p', String(port), '-h', '127.0.0.1', ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
        env: serverEnv(),
        cwd: dataDir,
        identity,
        log,
        runDir,
        deathSignal: 'SIGQUIT',
        stopSignals: [['SIGINT', 5000], ['SIGQUIT', 2000]],
        group: false,
      });
      const tSpawn = performance.now();
      try {
        await waitForReady(
          proc,
          log,
          [{ log: READY_LINE }, { file: path.join(dataDir, 'postmaster.pid'), test: (t) => t.split('\n')[7]?.trim() === 'ready' }],
          options.startTimeout,
        );
        await selectOne(port, Math.max(1000, options.startTimeout - (performance.now() - tSpawn)));
      } catch (error) {
        await proc.stop();
        const portTaken = log.tail(20).some((l) => PORT_TAKEN.test(l));
        if (portTaken && attempt < 3) continue;
        throw new ServerStartFailure(error instanceof NotReadyError ? error.message : `SELECT 1 failed: ${(error as Error).message}`, runDir);
      }
      writeOwner(runDir, { runnerPid: process.pid, hostname: os.hostname(), createdAt: Date.now(), serverPid: proc.pid });
      proc.unref();
      const tReady = performance.now();
      let closing: Promise<void> | null = null;
      return {
        process: proc,
        port,
        socketDir,
        runDir,
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

function findBinDir(): string {
  const { found, searched } = findPostgresBinaries();
  if (!found) throw new ServerStartFailure(messages.noPostgresBinaries(searched), '', true);
  return found.binDir;
}

function stringify(settings: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings ?? {})) out[k] = typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  return out;
}

async function selectOne(port: number, timeoutMs: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}
