/**
 * The run's temp directory (`_trial_temp` by default), as Trial keeps it: emptied at the
 * start of each run and marked with `_trial_marker`, locked with `<dir>.lock` while the
 * run lasts (folderLock.ts), and kept afterwards so logs can be read. When the default is
 * busy (another run holds the lock) `_trial_temp-1`, `-2`, ... are used; an explicit one
 * that is busy is an error. The cwd is never changed.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockFolder, unlockFolder } from './folderLock';
import { UsageError } from './usageError';

const MARKER = '_trial_marker';
const MAX_ALTERNATIVES = 100;

/** A locked temp directory; `close()` releases the lock. */
export interface StartedTempDir {
  readonly path: string;
  close(): Promise<void>;
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
    if (!lockFolder(dir)) continue;
    try {
      prepare(dir);
    } catch (error) {
      unlockFolder(dir);
      throw error;
    }
    let closed = false;
    return {
      path: dir,
      async close() {
        if (closed) return;
        closed = true;
        unlockFolder(dir);
      },
    };
  }
  throw new UsageError(`The temp directory ${base} is in use by another run; wait for it or choose another --temp-directory.`);
}
