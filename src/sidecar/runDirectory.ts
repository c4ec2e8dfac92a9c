/**
 * Short, unique run directories for sidecars (on tmpfs when it has room), with an owner
 * file so the next run can sweep what a killed run left behind.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDirectory, processAlive, replaceFile } from '../platform';
import { EnvironmentError } from '../errors/runnerError';
import type { ServerIdentity } from './serverIdentity';

/** Prefix of every run directory; the sweeper only looks at these. @internal */
export const RUN_DIR_PREFIX = 'trial-sc-';
const OWNER_FILE = 'owner.json';
/**
 * A Unix socket path may hold 107 bytes on Linux, 103 on macOS; leave room for
 * `/trial-ts-<uid>/trial-sc-XXXXXX/sock/.s.PGSQL.5432` (about 50 bytes).
 */
const MAX_ROOT_LENGTH = 50;
const TMPFS_MIN_FREE = 1024 ** 3;

/** What the owner file holds. @internal */
export interface RunOwner {
  runnerPid: number;
  hostname: string;
  createdAt: number;
  /** The server's pid, once started; the sweeper stops it if it outlived its runner. */
  serverPid?: number;
}

/**
 * The folder run directories go in: `TRIAL_SIDECAR_ROOT`, else `/dev/shm` when it exists and
 * has 1 GiB free (clones there are 10× faster), else the temp dir, else `/tmp` when the temp
 * dir's path is too long for a Unix socket.
 *
 * @returns an absolute path.
 * @internal
 */
export function chooseRunRoot(): string {
  const forced = process.env.TRIAL_SIDECAR_ROOT;
  if (forced) return path.resolve(forced);
  try {
    const stat = fs.statfsSync('/dev/shm');
    if (stat.bavail * stat.bsize >= TMPFS_MIN_FREE) {
      fs.accessSync('/dev/shm', fs.constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // no tmpfs here (macOS, Windows, a locked-down container)
  }
  const tmp = os.tmpdir();
  return tmp.length <= MAX_ROOT_LENGTH || !fs.existsSync('/tmp') ? tmp : '/tmp';
}

/**
 * Create a fresh run directory (mode 0711, so a server running as another uid can reach
 * its subfolders) and its owner file.
 *
 * @param root - from {@link chooseRunRoot}, or the per-user folder under it.
 * @returns the absolute path.
 * @throws EnvironmentError when the new folder fails the safety check (it is never a link by construction).
 * @internal
 */
export function createRunDirectory(root: string): string {
  fs.mkdirSync(root, { recursive: true });
  // mkdtemp makes a new folder under a random name (never an existing one, never through a link).
  const dir = fs.mkdtempSync(path.join(root, RUN_DIR_PREFIX));
  fs.chmodSync(dir, 0o711);
  const reason = checkDirectory(dir);
  if (reason !== null) throw new EnvironmentError(`the run directory ${dir} cannot be used: ${reason}`, 'TRIAL_UNSAFE_DIRECTORY');
  writeOwner(dir, { runnerPid: process.pid, hostname: os.hostname(), createdAt: Date.now() });
  return dir;
}

/** Rewrite the owner file (e.g. to add the server pid). @internal */
export function writeOwner(dir: string, owner: RunOwner): void {
  const file = path.join(dir, OWNER_FILE);
  replaceFile(file, JSON.stringify(owner));
}

/** On Linux, whether `pid`'s cwd is inside `dir` (a postmaster's cwd is its data dir): guards against pid reuse. */
function belongsTo(pid: number, dir: string): boolean {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir + path.sep);
  } catch {
    return process.platform !== 'linux';
  }
}

/**
 * Remove run directories whose runner is dead (same host), first sending SIGQUIT to a
 * server that outlived it. Directories of live runners, other hosts, and ones younger than
 * a minute without an owner file are left alone, so two runs never touch each other's.
 *
 * @param root - the folder to sweep.
 * @param identity - the server's user, whose folders count as the runner's own.
 * @returns the directories removed.
 * @internal
 */
export function sweepRunDirectories(root: string, identity: ServerIdentity | null = null): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(root).filter((n) => n.startsWith(RUN_DIR_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = path.join(root, name);
    // Another user's folder (or a link) is theirs to clean, and its owner file is not to be believed.
    if (checkDirectory(dir, { owners: identity ? [identity.uid] : [] }) !== null) continue;
    let owner: RunOwner | null = null;
    try {
      owner = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as RunOwner;
    } catch {
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs < 60_000) continue;
      } catch {
        continue;
      }
    }
    if (owner && (owner.hostname !== os.hostname() || processAlive(owner.runnerPid))) continue;
    if (owner?.serverPid && processAlive(owner.serverPid) && belongsTo(owner.serverPid, dir)) {
      try {
        process.kill(owner.serverPid, 'SIGQUIT');
      } catch {
        // gone meanwhile
      }
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // another sweeper got there first, or not ours to remove
    }
  }
  return removed;
}

/**
 * The first folder on the way to `dir` (itself included) that a server running as `uid`/`gid`
 * could not traverse, or null when every one is searchable.
 *
 * @internal
 */
export function firstUnsearchable(dir: string, uid: number, gid: number): string | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      const st = fs.statSync(current);
      const ok = st.uid === uid ? st.mode & 0o100 : st.gid === gid ? st.mode & 0o010 : st.mode & 0o001;
      if (!ok) return current;
    } catch {
      return current;
    }
    if (path.dirname(current) === current) return null;
  }
}
