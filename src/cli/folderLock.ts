/**
 * The lock of a run's temp directory: `<dir>.lock`, a file holding the pid of the run that
 * uses the folder. Runs started at the same moment in one folder (a CI matrix, an editor
 * and a terminal, a test suite that starts the CLI many times) race for it, so:
 *
 * - it is taken with an exclusive create, which only one run can win;
 * - a lock that disappears while it is read was released: the reader tries again;
 * - an empty lock is a run between creating the file and writing its pid, so it counts
 *   as held for a few seconds;
 * - a stale lock (its run is dead, or it is no lock of a run: a link, another user's,
 *   garbage) is removed only while holding `<dir>.lock.gc`, and judged again first. Two
 *   runs can judge the same dead lock; without this the slower one could remove the lock
 *   the faster one has just taken in its place.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { checkFile, processAlive } from '../platform';

/** How long an empty lock (or a left-over `.gc`) counts as belonging to a live run. */
const YOUNG_MS = 5000;

/** What a lock's name holds at one moment. */
type Judgement = 'gone' | 'held' | 'stale';

/** Create `file` holding `text` unless it exists; false when it does. */
function createExclusive(file: string, text: string): boolean {
  try {
    // 'wx' never follows a link; 0o600 whatever the umask, so the lock never reads as writable by others.
    fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function young(mtimeMs: number): boolean {
  return Date.now() - mtimeMs < YOUNG_MS;
}

/** Read `lock`'s text and age, or null when it is gone. */
function readLock(lock: string): { text: string; mtimeMs: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(lock, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return { mtimeMs: fs.fstatSync(fd).mtimeMs, text: fs.readFileSync(fd, 'utf8') };
  } finally {
    fs.closeSync(fd);
  }
}

function judge(lock: string): Judgement {
  if (fs.lstatSync(lock, { throwIfNoEntry: false }) === undefined) return 'gone';
  // A link, another user's file, one writable by others: no lock of a run of ours. (One
  // that vanished since is judged again, and found gone, by removeStale.)
  if (checkFile(lock) !== null) return 'stale';
  const read = readLock(lock);
  if (read === null) return 'gone';
  if (read.text === '') return young(read.mtimeMs) ? 'held' : 'stale';
  const owner = Number(read.text);
  return Number.isInteger(owner) && owner > 0 && processAlive(owner) ? 'held' : 'stale';
}

/**
 * Remove `lock` if it is still stale once this run alone may remove it.
 *
 * @returns false when another run is removing it, or it cannot be removed (not ours).
 */
function removeStale(lock: string): boolean {
  const gc = `${lock}.gc`;
  if (!createExclusive(gc, String(process.pid))) {
    // A run killed while removing leaves its .gc behind; an old one is taken over.
    const left = fs.statSync(gc, { throwIfNoEntry: false });
    if (left !== undefined && !young(left.mtimeMs)) fs.rmSync(gc, { force: true });
    return false;
  }
  try {
    if (judge(lock) === 'stale') fs.rmSync(lock, { force: true });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(gc, { force: true });
  }
}

/**
 * Take `<dir>.lock` for this process.
 *
 * @param dir - the temp directory.
 * @returns true when taken; false when another live run holds it.
 * @example
 * ```ts
 * if (lockFolder('_trial_temp')) useIt(); // then unlockFolder('_trial_temp')
 * ```
 */
export function lockFolder(dir: string): boolean {
  const lock = `${dir}.lock`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(lock, String(process.pid))) return true;
    const judgement = judge(lock);
    if (judgement === 'held') return false;
    if (judgement === 'stale' && !removeStale(lock)) return false;
  }
  return false;
}

/**
 * Release the lock taken by {@link lockFolder}.
 *
 * @param dir - the temp directory.
 */
export function unlockFolder(dir: string): void {
  fs.rmSync(`${dir}.lock`, { force: true });
}
