/**
 * Helpers shared by the sidecar integration tests (not a test file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPostgresBinaries } from '../../src/sidecar/findPostgresBinaries';
import { firstUnsearchable } from '../../src/sidecar/runDirectory';

/** The unprivileged user the uid-switching tests run as (`nobody`). */
const NOBODY_UID = 65534;
import { ROOT, runCommand, type CliResult } from '../support/runCli';

/** Why postgres tests must be skipped here, or null when the binaries exist. */
export function postgresMissing(): string | null {
  return findPostgresBinaries().found ? null : 'PostgreSQL binaries not found (CI installs them with .ci/install-postgres.sh)';
}

/** Whether `pid` is a live process (a zombie waiting to be reaped counts as dead). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \([^)]*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

/** The postmaster's pid and the run directory, from a connection's socket directory. */
export function serverOf(socketDir: string): { pid: number; runDir: string } {
  const runDir = path.dirname(socketDir);
  const pid = Number(fs.readFileSync(path.join(runDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { pid, runDir };
}

/** Wait until `check()` is true, polling every 10 ms; false after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

/** Options of {@link runCliAs}. */
export interface RunCliAsOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Run the CLI as this uid (and gid), through `setpriv`; default: as the test runner. */
  uid?: number;
  /** Hide the system PostgreSQL (a tmpfs over /usr/lib/postgresql in a private mount namespace). */
  hideSystemPostgres?: boolean;
  timeoutMs?: number;
}

/**
 * Why {@link runCliAs} cannot switch uid or hide the system PostgreSQL here, or null when it
 * can (Linux, root, `unshare` and `setpriv` installed).
 */
export function cannotIsolate(): string | null {
  if (process.platform !== 'linux') return 'needs Linux mount namespaces and setpriv';
  if (process.getuid?.() !== 0) return 'needs root to switch uid and mount over /usr/lib/postgresql (run the suite as root, as CI does)';
  for (const tool of ['/usr/bin/unshare', '/usr/bin/setpriv']) if (!fs.existsSync(tool)) return `${tool} is not installed`;
  // The other user runs this checkout's CLI and node_modules: a checkout inside a private
  // folder (a `mktemp -d` clone, mode 0700) is out of its reach.
  const closed = firstUnsearchable(ROOT, NOBODY_UID, NOBODY_UID);
  if (closed !== null) return `uid ${NOBODY_UID} cannot enter ${closed}, so it cannot run this checkout (clone it under a folder others may enter)`;
  return null;
}

/**
 * Run the real CLI as another user and/or with the system PostgreSQL hidden: inside
 * `unshare -m` (a private mount namespace: the mount is gone when the run ends), the
 * folder /usr/lib/postgresql is covered by an empty tmpfs, so `postgres` on PATH and
 * `pg_config --bindir` lead nowhere; then `setpriv` drops to `uid`.
 */
export function runCliAs(args: string[], options: RunCliAsOptions): Promise<CliResult> {
  const hide = options.hideSystemPostgres ? 'mount -t tmpfs -o size=1m tmpfs /usr/lib/postgresql || exit 97; ' : '';
  const drop = options.uid === undefined ? '' : `setpriv --reuid=${options.uid} --regid=${options.uid} --clear-groups `;
  const script = `${hide}exec ${drop}"$@"`;
  const cli = [process.execPath, path.join(ROOT, 'bin', 'trial-ts.js'), ...args];
  return runCommand('/usr/bin/unshare', ['-m', '--', '/bin/sh', '-c', script, 'sh', ...cli], { timeoutMs: 90_000, ...options });
}

/**
 * A short shared root for sidecar folders, like /dev/shm (mode 1777), removed after the test;
 * short so socket paths stay under 107 bytes.
 */
export function sharedRoot(addCleanup: (f: () => void) => void): string {
  const root = fs.mkdtempSync('/tmp/tsr-');
  fs.chmodSync(root, 0o1777);
  addCleanup(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}
