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
import { durationsRecorder, loadDurations, mergeDurations, saveDurations, shardRecordPath, type Durations } from '../runner/durations';

/** Loads the durations file once and writes it back once. */
export class DurationsRecorder {
  readonly #file: string;
  readonly #loaded: Durations;
  readonly #recorder = durationsRecorder();
  /** The module graph to save; undefined keeps the loaded one. */
  #modules: Record<string, string[]> | undefined;

  private constructor(file: string, loaded: Durations) {
    this.#file = file;
    this.#loaded = loaded;
  }

  /**
   * Read the file (missing or invalid: empty; a problem is reported through `warn`).
   *
   * @param file - the durations file.
   * @param warn - told why a present file was ignored.
   */
  static load(file: string, warn: (message: string) => void): DurationsRecorder {
    return new DurationsRecorder(file, loadDurations(file, warn));
  }

  /** Earlier runs' durations, by test id. */
  previous(): Map<string, number> {
    return new Map(Object.entries(this.#loaded.tests));
  }

  /** Earlier runs' durations as a record (for sharding). */
  previousRecord(): Readonly<Record<string, number>> {
    return this.#loaded.tests;
  }

  /** The module graph earlier runs saved: test file → its local dependencies, relative to the cwd. */
  previousModules(): Readonly<Record<string, readonly string[]>> {
    return this.#loaded.modules ?? {};
  }

  /**
   * The module graph {@link DurationsRecorder.save} writes (`--changed` reads it next time).
   *
   * @param modules - test file → its local dependencies, relative to the cwd.
   */
  setModules(modules: Record<string, string[]>): void {
    this.#modules = modules;
  }

  /** Ids of the tests that failed in the previous run. */
  lastFailed(): Set<string> {
    return new Set(this.#loaded.failed ?? []);
  }

  /** Record this run's `test:end` durations. */
  observe(event: RunnerEvent): void {
    this.#recorder.sink(event);
  }

  /**
   * Merge this run into the file and write it, with the ids that failed now.
   *
   * @param failed - the ids of tests that failed or errored in this run.
   * @param cwd - the run's cwd, which ids' files are relative to.
   */
  save(failed: ReadonlySet<string>, cwd: string): void {
    const merged = mergeDurations(this.#loaded, this.#recorder.measured());
    merged.failed = [...failed];
    if (this.#modules !== undefined) merged.modules = this.#modules;
    saveDurations(this.#file, merged, ofExistingFiles(cwd));
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
    const measured = mergeDurations({ version: this.#loaded.version, tests: {} }, this.#recorder.measured());
    saveDurations(record, { ...measured, failed: [...failed] });
    return record;
  }
}

/**
 * Keeps the records of test files that still exist, so the file does not grow forever
 * (each file is looked for once).
 */
function ofExistingFiles(cwd: string): (id: string) => boolean {
  const exists = new Map<string, boolean>();
  return (id) => {
    const file = id.slice(0, id.lastIndexOf(':'));
    let present = exists.get(file);
    if (present === undefined) exists.set(file, (present = fs.existsSync(path.resolve(cwd, file))));
    return present;
  };
}
