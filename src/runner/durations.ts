/**
 * The durations file: how long each test took in recent runs, written by every run and
 * read by `--shard` to balance shards by time. It is plain JSON,
 * `{"version": 1, "tests": {"<test id>": <ms>}}`, small enough to commit or cache in CI.
 * Writes are atomic (a temp file renamed over the old one), so shards or concurrent
 * runs never leave a torn file.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError } from '../errors/runnerError';
import { ensureSafeDirectory } from '../platform/safeDirectory';
import type { EventSink } from './events';
import { messages } from './messages';

/** Version of the durations file format. */
export const DURATIONS_VERSION = 1;

/** The durations file's content. */
export interface Durations {
  version: typeof DURATIONS_VERSION;
  /** Milliseconds per test id (`<file>:<Class>.<method>`). */
  tests: Record<string, number>;
  /** Ids of the tests that failed in the last run (for `--last-failed`); optional. */
  failed?: string[];
  /**
   * The module graph of the last run: test file → the local files it depends on, paths
   * relative to the cwd (for `--changed`); optional.
   */
  modules?: Record<string, string[]>;
}

/** How long one test took in this run. */
export interface MeasuredDuration {
  id: string;
  durationMs: number;
}

/** Durations with no test in them. */
export function emptyDurations(): Durations {
  return { version: DURATIONS_VERSION, tests: {} };
}

/**
 * Where durations are kept unless `--durations-file` says otherwise:
 * `<cwd>/node_modules/.cache/trial-ts/durations.json` (the usual CI-cached folder).
 *
 * @param cwd - the run's working directory.
 */
export function defaultDurationsPath(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'trial-ts', 'durations.json');
}

/** An absent graph, or test file → list of file paths. */
function isModuleGraphRecord(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((modules) => Array.isArray(modules) && modules.every((module) => typeof module === 'string'));
}

/**
 * `value` is a valid durations file's content.
 *
 * @param value - parsed JSON.
 */
export function isDurations(value: unknown): value is Durations {
  if (typeof value !== 'object' || value === null) return false;
  const { version, tests } = value as Partial<Durations>;
  if (version !== DURATIONS_VERSION || typeof tests !== 'object' || tests === null || Array.isArray(tests)) return false;
  const failed = (value as Partial<Durations>).failed;
  if (failed !== undefined && !(Array.isArray(failed) && failed.every((id) => typeof id === 'string'))) return false;
  if (!isModuleGraphRecord((value as Partial<Durations>).modules)) return false;
  return Object.values(tests).every((ms) => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0);
}

/**
 * Read a durations file. A missing file is empty; an unreadable or invalid one is empty
 * too (a stale cache must never fail a run), and `onProblem` hears why.
 *
 * @param file - the path.
 * @param onProblem - told, in one line, why a present file was ignored.
 * @returns the durations.
 */
export function loadDurations(file: string, onProblem?: (message: string) => void): Durations {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem?.(`Ignoring the durations file ${file}: ${(error as Error).message}.`);
    return emptyDurations();
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isDurations(parsed)) {
      // `parsed` is this call's own object: no copy (10,000 ids cost a few ms per copy)
      const durations: Durations = { version: DURATIONS_VERSION, tests: parsed.tests };
      if (parsed.failed !== undefined) durations.failed = parsed.failed;
      if (parsed.modules !== undefined) durations.modules = parsed.modules;
      return durations;
    }
    onProblem?.(`Ignoring the durations file ${file}: it is not {"version": ${DURATIONS_VERSION}, "tests": {id: ms}}; it will be rewritten.`);
  } catch (error) {
    onProblem?.(`Ignoring the durations file ${file}: ${(error as Error).message}; it will be rewritten.`);
  }
  return emptyDurations();
}

/**
 * Durations updated with new measurements (a new one replaces the old; tests not
 * measured keep their old time). Does not modify `base`.
 *
 * @param base - what was known.
 * @param measured - this run's tests.
 * @returns the merged durations.
 */
export function mergeDurations(base: Durations, measured: Iterable<MeasuredDuration>): Durations {
  const tests = { ...base.tests };
  for (const { id, durationMs } of measured) {
    if (Number.isFinite(durationMs) && durationMs >= 0) tests[id] = Math.round(durationMs * 1000) / 1000;
  }
  const merged: Durations = { version: DURATIONS_VERSION, tests };
  if (base.failed !== undefined) merged.failed = [...base.failed];
  if (base.modules !== undefined) merged.modules = base.modules;
  return merged;
}

/**
 * Where a `--shard I/N` run records what it measured: beside the durations file, never in
 * it, so the plan every shard reads stays the same under a sequence of shard runs
 * (`durations.json` → `durations.shard-2-of-3.json`). `trial-ts merge` folds these in.
 *
 * @param file - the durations file.
 * @param shard - the shard.
 * @returns the shard's record file.
 */
export function shardRecordPath(file: string, shard: { index: number; total: number }): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.shard-${shard.index}-of-${shard.total}${ext || '.json'}`;
}

/**
 * The shard record files beside a durations file (see {@link shardRecordPath}).
 *
 * @param file - the durations file.
 * @returns their paths, sorted; empty when the folder does not exist.
 */
export function shardRecordFiles(file: string): string[] {
  const ext = path.extname(file) || '.json';
  const prefix = `${path.basename(file, path.extname(file))}.shard-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(file));
  } catch {
    return [];
  }
  const isRecord = (name: string): boolean =>
    name.startsWith(prefix) && name.endsWith(ext) && /^\d+-of-\d+$/.test(name.slice(prefix.length, name.length - ext.length));
  return names.filter(isRecord).sort().map((name) => path.join(path.dirname(file), name));
}

/** The durations file's folder is not this user's own real folder (a planted link, another owner). */
export class UnsafeDurationsFolderError extends EnvironmentError {
  /**
   * @param folder - the folder.
   * @param reason - why it is not used (see `checkDirectory`).
   */
  constructor(readonly folder: string, reason: string) {
    super(messages.unsafeDurationsFolder(folder, reason), 'TRIAL_DURATIONS_UNSAFE');
  }
}

/**
 * Write a durations file atomically (temp file + rename), creating its folder without
 * following a link planted at its name (the default folder sits in node_modules/.cache,
 * which another tool or user may have made first).
 *
 * @param file - the path.
 * @param durations - the content.
 * @param keep - which tests to write (default all): filtering here, as the content is
 *   copied into order anyway, is cheaper than deleting from a large record first.
 * @throws {@link UnsafeDurationsFolderError} when the folder is a symlink, not a folder,
 *   someone else's or writable by others; file-system errors (EACCES...) unchanged.
 */
export function saveDurations(file: string, durations: Durations, keep: (id: string) => boolean = () => true): void {
  const folder = path.dirname(path.resolve(file));
  const reason = ensureSafeDirectory(folder, { mode: 0o755 });
  if (reason !== null) {
    try {
      fs.mkdirSync(folder, { recursive: true }); // rethrows mkdir's own errno, so EACCES/EROFS stay environment errors
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    throw new UnsafeDurationsFolderError(folder, reason);
  }
  const sorted: Record<string, number> = {};
  for (const id of Object.keys(durations.tests).sort()) if (keep(id)) sorted[id] = durations.tests[id];
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const content: Durations = { version: DURATIONS_VERSION, tests: sorted };
    if (durations.failed !== undefined) content.failed = [...new Set(durations.failed)].sort();
    if (durations.modules !== undefined) content.modules = durations.modules;
    fs.writeFileSync(temp, JSON.stringify(content, null, 1) + '\n', { flag: 'wx' }); // never through a link at the temp name
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * An event sink that remembers each ended test's duration, for {@link mergeDurations}.
 *
 * @returns the sink and the measurements collected so far.
 * @example
 * ```ts
 * const recorder = durationsRecorder();
 * // ... feed recorder.sink every event of the run ...
 * saveDurations(file, mergeDurations(loadDurations(file), recorder.measured()));
 * ```
 */
export function durationsRecorder(): { sink: EventSink; measured: () => MeasuredDuration[] } {
  const measured: MeasuredDuration[] = [];
  return {
    sink: (event) => {
      if (event.type === 'test:end') measured.push({ id: event.test.id, durationMs: event.durationMs });
    },
    measured: () => [...measured],
  };
}
