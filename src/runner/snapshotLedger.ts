/**
 * Finds obsolete snapshots at the end of a run: entries of a snapshot file that no test
 * checked although they could have been. An entry is obsolete when its test passed
 * without checking it, or when its test did not run at all in a run that ran every test
 * of its file (no `-k`, no shard, no narrowed selection, not stopped early) — the test
 * was renamed or removed.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSnapshotFile, snapshotPathOf, testOfSnapshotKey } from '../unittest/snapshotFile';
import { removeSnapshots } from '../unittest/snapshotStore';
import type { ObsoleteSnapshots, Outcome, RunnerEvent } from './events';

/** Collects, from a pass's events, what each test file ran and which snapshots it checked. */
export class SnapshotLedger {
  /** Test id → final outcome. */
  #outcomes = new Map<string, Outcome>();
  /** Test files (relative) that ran tests. */
  #files = new Set<string>();
  #checked = new Set<string>();

  /** Forget the previous pass (`-u`). */
  reset(): void {
    this.#outcomes.clear();
    this.#files.clear();
    this.#checked.clear();
  }

  /**
   * Note one event of the run.
   *
   * @param event - any event; only `test:end` matters.
   */
  observe(event: RunnerEvent): void {
    if (event.type !== 'test:end' || event.test.className === '' || event.test.methodName === '') return;
    this.#files.add(event.test.file);
    this.#outcomes.set(event.test.id, event.outcome);
    for (const key of event.snapshots?.keys ?? []) this.#checked.add(`${event.test.file}\0${key}`);
  }

  /**
   * The obsolete entries of the snapshot files of the test files that ran.
   *
   * @param cwd - the run's cwd (test files are relative to it).
   * @param complete - every test of each file that ran was selected and the run was not stopped.
   * @param remove - delete them from their files (`--update-snapshots`).
   * @returns per snapshot file (relative, `/`-separated), its obsolete keys, sorted.
   * @throws the file system's error when removing fails.
   */
  obsolete(cwd: string, complete: boolean, remove = false): ObsoleteSnapshots[] {
    const found: ObsoleteSnapshots[] = [];
    for (const file of [...this.#files].sort()) {
      const snapshotFile = snapshotPathOf(path.resolve(cwd, file));
      let text: string;
      try {
        text = fs.readFileSync(snapshotFile, 'utf8');
      } catch {
        continue; // no snapshots for this file
      }
      const keys = [...parseSnapshotFile(text).keys()].filter((key) => this.#isObsolete(file, key, complete)).sort();
      if (keys.length === 0) continue;
      if (remove) removeSnapshots(snapshotFile, keys);
      found.push({ file: snapshotPathOf(file).split(path.sep).join('/'), keys, ...(remove ? { removed: true } : {}) });
    }
    return found;
  }

  #isObsolete(file: string, key: string, complete: boolean): boolean {
    if (this.#checked.has(`${file}\0${key}`)) return false;
    const outcome = this.#outcomes.get(`${file}:${testOfSnapshotKey(key)}`);
    return outcome === undefined ? complete : outcome === 'success';
  }
}
