/**
 * A fresh PostgreSQL data directory for a run, fast: `initdb` runs once into a cache (keyed
 * by server version, initdb arguments and owner, written atomically), and each run copies
 * the cached cluster (≈30 ms against ≈450 ms for initdb).
 *
 * @packageDocumentation
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerIdentity } from './serverIdentity';
import { isOwnEntry } from './sidecarPlaces';

/** Arguments every cluster is initialised with (`-U postgres`: the superuser name never depends on the OS user). @internal */
export const INITDB_ARGS = ['-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'];

/** Version of the server in `binDir`. @internal */
export interface ServerVersion {
  /** e.g. `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`. */
  text: string;
  major: number;
}

/** `postgres --version`. @throws Error when it cannot run. @internal */
export function serverVersion(binDir: string): ServerVersion {
  const text = execFileSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  const major = Number(/(\d+)(?:\.\d+)?/.exec(text.replace(/^[^)]*\)/, ''))?.[1] ?? NaN);
  return { text, major };
}

/** Environment of postgres programs: deterministic messages, no inherited PG* settings. @internal */
export function serverEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^PG|^LC_|^LANG/.test(k)) env[k] = v;
  env.LC_ALL = 'C';
  return env;
}

function runAs(command: string, args: string[], identity: ServerIdentity | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(identity ? { uid: identity.uid, gid: identity.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (${signal ?? `exit code ${code}`}): ${output.trim()}`)),
    );
  });
}

function chown(dir: string, identity: ServerIdentity | null): void {
  if (identity) fs.chownSync(dir, identity.uid, identity.gid);
}

/**
 * The cached, never-started cluster for this server and owner, creating it on a miss.
 * Concurrent runs may both create it; the loser's rename fails harmlessly.
 *
 * @param binDir - where `initdb` is.
 * @param version - from {@link serverVersion}.
 * @param identity - who owns the files (`null`: the runner).
 * @param cacheRoot - folder of cached clusters (mode 0711).
 * @param onNote - receives a line about a cache miss.
 * @returns the cached data directory, and whether it was a hit.
 * @internal
 */
export async function cachedCluster(
  binDir: string,
  version: ServerVersion,
  identity: ServerIdentity | null,
  cacheRoot: string,
  onNote: (line: string) => void,
): Promise<{ dir: string; hit: boolean }> {
  const owner = identity ? `${identity.uid}:${identity.gid}` : `self:${process.getuid?.() ?? 0}`;
  const key = createHash('sha256').update(JSON.stringify([version.text, binDir, INITDB_ARGS, owner])).digest('hex').slice(0, 16);
  const dir = path.join(cacheRoot, `pg${version.major}-${key}`);
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    if (isOwnEntry(dir, identity)) return { dir, hit: true };
    // Not made by this user (or the server's): never start it; make our own in its place.
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(cacheRoot, { recursive: true, mode: 0o711 });
  const tmp = fs.mkdtempSync(`${dir}.tmp-${process.pid}-`);
  try {
    chown(tmp, identity);
    fs.chmodSync(tmp, 0o700);
    onNote(`[trial-ts] initdb into the cache (${dir}); later runs copy it`);
    await runAs(path.join(binDir, 'initdb'), ['-D', tmp, ...INITDB_ARGS], identity);
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // another run finished first; its cluster is as good as ours
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, hit: false };
}

/**
 * Copy a cluster, keeping ownership and modes (`cp -a`, which clones on XFS/btrfs/APFS).
 *
 * @internal
 */
export function copyCluster(from: string, to: string, identity: ServerIdentity | null): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('cp', process.platform === 'darwin' ? ['-c', '-R', '-p', from, to] : ['-a', from, to], (error) => {
      if (!error) return resolve();
      try {
        fs.cpSync(from, to, { recursive: true });
        if (identity) for (const f of walk(to)) fs.chownSync(f, identity.uid, identity.gid);
        fs.chmodSync(to, 0o700);
        resolve();
      } catch (fallback) {
        reject(fallback as Error);
      }
    });
  });
}

function* walk(dir: string): Generator<string> {
  yield dir;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** Remove `<key>.tmp-*` folders of runs that died during initdb, once they are 10 minutes old. @internal */
export function sweepCache(cacheRoot: string): void {
  let names: string[] = [];
  try {
    names = fs.readdirSync(cacheRoot).filter((n) => n.includes('.tmp-'));
  } catch {
    return;
  }
  for (const n of names) {
    const p = path.join(cacheRoot, n);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // raced with another sweeper
    }
  }
}

/** Make a folder the server can use: owned by it, mode `mode`. @internal */
export function makeServerDir(dir: string, identity: ServerIdentity | null, mode: number): void {
  fs.mkdirSync(dir, { recursive: true });
  chown(dir, identity);
  fs.chmodSync(dir, mode);
}

/**
 * Write the copied cluster's `pg_hba.conf` for this run: the socket (in a 0700 folder)
 * trusts its few users; with `listen: 'tcp'`, loopback needs the run's password (SCRAM).
 * Mode 0600, owned by the server's user.
 *
 * @param dataDir - the run's data directory.
 * @param listen - the sidecar's `listen` option.
 * @param identity - who the server runs as (`null`: the runner).
 * @internal
 */
export function writeHbaFile(dataDir: string, listen: 'socket' | 'tcp', identity: ServerIdentity | null): void {
  const lines = ['# written by trial-ts for this run', 'local all all trust'];
  if (listen === 'tcp') lines.push('host all all 127.0.0.1/32 scram-sha-256');
  const file = path.join(dataDir, 'pg_hba.conf');
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600, flag: 'wx' });
  chown(file, identity);
}
