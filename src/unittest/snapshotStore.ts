/**
 * This thread's snapshot files: read once, checked by `assertMatchesSnapshot`, and written
 * back by the runner after each test file. Several workers may run classes of one test
 * file, so a write takes a lock file beside the snapshot file, re-reads it, and changes
 * only the entries this thread wrote: two workers never write one file at once, and
 * neither loses the other's snapshots.
 *
 * The store lives on `globalThis` under a `Symbol.for` key, so both copies of the library
 * (the runner's and the tests') share it.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSnapshotFile, renderSnapshotFile } from './snapshotFile';
import { processKeys, processRegistry } from '../platform/processKeys';
import { replaceFile } from '../platform/replaceFile';

/**
 * What `assertMatchesSnapshot` may write: `new` (missing snapshots, the default), `all`
 * (`--update-snapshots`: rewrite mismatches too) or `none` (with `CI` set: fail instead).
 */
export type SnapshotMode = 'new' | 'all' | 'none';

/** What {@link SnapshotStore.check} found. */
export type SnapshotCheck =
  | { status: 'matched' | 'written' | 'updated' }
  | { status: 'mismatch'; expected: string }
  | { status: 'missing' };

interface LoadedFile {
  entries: Map<string, string>;
  /** Entries this thread wrote since the last flush. */
  pending: Map<string, string>;
}

/** How long a writer waits for another one's lock, and when a lock counts as abandoned. */
const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 30_000;

/** Snapshot files of this thread, keyed by absolute path. */
export class SnapshotStore {
  #files = new Map<string, LoadedFile>();

  /**
   * Compare `text` with the stored snapshot `key` of `file`, writing it when the mode allows.
   *
   * @param file - the snapshot file's absolute path.
   * @param key - the snapshot's key.
   * @param text - the serialized value.
   * @param mode - `new`, `all` or `none` (see `WorkerConfig.snapshotMode`).
   * @returns what happened.
   */
  check(file: string, key: string, text: string, mode: SnapshotMode): SnapshotCheck {
    const loaded = this.#load(file);
    const stored = loaded.entries.get(key);
    if (stored === text) return { status: 'matched' };
    if (stored === undefined && mode === 'none') return { status: 'missing' };
    if (stored !== undefined && mode !== 'all') return { status: 'mismatch', expected: stored };
    loaded.entries.set(key, text);
    loaded.pending.set(key, text);
    return { status: stored === undefined ? 'written' : 'updated' };
  }

  /** Write every file with pending entries, each under its lock. @throws the file system's error. */
  flush(): void {
    for (const [file, loaded] of this.#files) {
      if (loaded.pending.size === 0) continue;
      withLock(`${file}.lock`, () => {
        const current = readEntries(file);
        for (const [key, text] of loaded.pending) current.set(key, text);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        replaceFile(file, renderSnapshotFile(current));
        loaded.entries = current;
      });
      loaded.pending.clear();
    }
    // Forget what was read: the next test file of this thread may be one another worker wrote.
    this.#files.clear();
  }

  #load(file: string): LoadedFile {
    let loaded = this.#files.get(file);
    if (loaded === undefined) {
      loaded = { entries: readEntries(file), pending: new Map() };
      this.#files.set(file, loaded);
    }
    return loaded;
  }
}

/**
 * Delete entries from a snapshot file, under its lock (`--update-snapshots` drops the
 * obsolete ones); a file left with no entries is deleted.
 *
 * @param file - the snapshot file's absolute path.
 * @param keys - the entries to drop.
 * @throws the file system's error.
 */
export function removeSnapshots(file: string, keys: readonly string[]): void {
  withLock(`${file}.lock`, () => {
    const current = readEntries(file);
    for (const key of keys) current.delete(key);
    if (current.size === 0) fs.rmSync(file, { force: true });
    else replaceFile(file, renderSnapshotFile(current));
  });
}

function readEntries(file: string): Map<string, string> {
  try {
    return parseSnapshotFile(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

/** Run `fn` holding an exclusive lock file (created with `wx`); waits for another holder. */
function withLock(lockFile: string, fn: () => void): void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockFile) || Date.now() > deadline) fs.rmSync(lockFile, { force: true });
      // Writes take milliseconds; a synchronous pause keeps flush() synchronous.
      else Atomics.wait(pause, 0, 0, 5);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function isStale(lockFile: string): boolean {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * This thread's store, created on first use.
 *
 * @returns the store both copies of the library share.
 */
export function snapshotStore(): SnapshotStore {
  return processRegistry(processKeys.snapshotStore, () => new SnapshotStore());
}
