/**
 * Helpers shared by the sidecar integration tests (not a test file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPostgresBinaries } from '../../src/sidecar/findPostgresBinaries';

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
