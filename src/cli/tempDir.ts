/**
 * The run's temp directory (`_trial_temp` by default), as Trial keeps it: emptied at the
 * start of each run and marked with `_trial_marker`, locked with `<dir>.lock` while the
 * run lasts, and kept afterwards so logs can be read. When the default is busy (another
 * run holds the lock) `_trial_temp-1`, `-2`, ... are used; an explicit one that is busy
 * is an error. The cwd is never changed.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFile } from '../platform';
import { UsageError } from './usageError';

const MARKER = '_trial_marker';
const MAX_ALTERNATIVES = 100;

/** A locked temp directory; `close()` releases the lock. */
export interface StartedTempDir {
  readonly path: string;
  close(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take `<dir>.lock`, clearing a stale lock left by a dead run. */
function tryLock(dir: string): boolean {
  const lock = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // ('wx' never follows a link.) A lock that is a link, or another user's, is no lock of a run: remove the name.
      if (checkFile(lock) !== null) {
        try {
          fs.rmSync(lock, { force: true });
        } catch {
          return false; // not ours to remove: treat the folder as busy
        }
        continue;
      }
      const owner = Number(fs.readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

function prepare(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.existsSync(path.join(dir, MARKER))) {
      throw new UsageError(`${dir} exists but was not made by trial-ts (no ${MARKER} in it); remove it or choose --temp-directory.`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), '');
}

/**
 * Lock, empty and create the run's temp directory.
 *
 * @param requested - `--temp-directory`, if given.
 * @param cwd - the run's working directory.
 * @throws {@link UsageError} when an explicit directory is busy or is not trial-ts's.
 */
export function startTempDir(requested: string | undefined, cwd: string): StartedTempDir {
  const base = path.resolve(cwd, requested ?? '_trial_temp');
  const candidates = requested === undefined ? [base, ...Array.from({ length: MAX_ALTERNATIVES }, (_, i) => `${base}-${i + 1}`)] : [base];
  fs.mkdirSync(path.dirname(base), { recursive: true });
  for (const dir of candidates) {
    if (!tryLock(dir)) continue;
    try {
      prepare(dir);
    } catch (error) {
      fs.rmSync(`${dir}.lock`, { force: true });
      throw error;
    }
    let closed = false;
    return {
      path: dir,
      async close() {
        if (closed) return;
        closed = true;
        fs.rmSync(`${dir}.lock`, { force: true });
      },
    };
  }
  throw new UsageError(`The temp directory ${base} is in use by another run; wait for it or choose another --temp-directory.`);
}
