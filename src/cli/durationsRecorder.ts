/**
 * The durations file across one session: what earlier runs measured (for longest-first
 * scheduling and `--shard` balancing), which tests failed last time (`--last-failed`),
 * and, at the end, this run's measurements merged in and written back.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunnerEvent } from '../runner/events';
import type { ModuleGraphEntry } from '../runner/moduleGraphLog';
import { Durations, durationsRecorder, loadDurations, saveDurations, shardRecordPath, type RecordedDurations } from '../runner/durations';

/** Loads the durations file once and writes it back once. */
export class DurationsRecorder {
  readonly #file: string;
  readonly #loaded: Durations;
  readonly #recorder = durationsRecorder();

  private constructor(file: string, loaded: Durations) {
    this.#file = file;
    this.#loaded = loaded;
  }

  /**
   * Read the file (missing or invalid: empty; a problem is reported through `warn`).
   *
   * @param file - the durations file.
   * @param warn - told why a present file, or a line of it, was ignored.
   */
  static load(file: string, warn: (message: string) => void): DurationsRecorder {
    return new DurationsRecorder(file, loadDurations(file, warn));
  }

  /** Earlier runs' durations, looked up by test file (only the files asked for are read). */
  get previous(): RecordedDurations {
    return this.#loaded.testsOf;
  }

  /** The module graph earlier runs saved: test file → its local dependencies, relative to the cwd. */
  previousModules(): Readonly<Record<string, readonly string[]>> {
    return this.#loaded.modulesRecord();
  }

  /**
   * Replace the whole module graph {@link DurationsRecorder.save} writes (watch mode's own copy).
   *
   * @param modules - test file → its local dependencies, relative to the cwd.
   */
  setModules(modules: Readonly<Record<string, readonly string[]>>): void {
    for (const file of this.#loaded.files()) if (!(file in modules)) this.#loaded.setModules(file, undefined);
    for (const [file, list] of Object.entries(modules)) this.#loaded.setModules(file, list);
  }

  /**
   * Take in what this run's workers logged of the module graph: a file that loaded
   * replaces what was known of it; one that failed to load adds to it (what it imports
   * past the error is unknown, and a fix of the broken module must still re-run it).
   *
   * @param entries - the run's log, in order (absolute paths).
   * @param cwd - what the saved paths are relative to.
   */
  updateModules(entries: readonly ModuleGraphEntry[], cwd: string): void {
    const relative = (file: string): string => path.relative(cwd, file).split(path.sep).join('/');
    for (const entry of entries) {
      const file = relative(entry.file);
      const known = entry.loaded ? [] : (this.#loaded.modulesOf(file) ?? []);
      this.#loaded.setModules(file, [...new Set([...known, ...entry.modules.map(relative)])]);
    }
  }

  /** Ids of the tests that failed in the previous run. */
  lastFailed(): Set<string> {
    return new Set(this.#loaded.failed);
  }

  /**
   * Record a `test:end`'s duration as it arrives (while the workers run, so the end of the
   * run only writes the file).
   */
  observe(event: RunnerEvent): void {
    if (event.type !== 'test:end') return;
    this.#recorder.sink(event);
    this.#loaded.record([{ id: event.test.id, durationMs: event.durationMs }]);
  }

  /**
   * Write the file with this run's durations merged in and the ids that failed now.
   *
   * @param failed - the ids of tests that failed or errored in this run.
   * @param cwd - the run's cwd, which ids' files are relative to.
   */
  save(failed: ReadonlySet<string>, cwd: string): void {
    this.#loaded.failed = [...failed];
    saveDurations(this.#file, this.#loaded, (file) => fs.existsSync(path.resolve(cwd, file)));
  }

  /**
   * A shard's save: this run's measurements and failed ids go to the shard's own record
   * beside the durations file, which stays as every shard read it (so the plan does not
   * move between shards); `trial-ts merge --durations-file` folds the records in.
   *
   * @param failed - the ids of tests that failed or errored in this run.
   * @param shard - this run's shard.
   * @returns the record file written.
   */
  saveShard(failed: ReadonlySet<string>, shard: { index: number; total: number }): string {
    const record = shardRecordPath(this.#file, shard);
    const measured = Durations.empty();
    measured.record(this.#recorder.measured());
    measured.failed = [...failed];
    saveDurations(record, measured);
    return record;
  }
}
