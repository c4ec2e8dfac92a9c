/**
 * The durations file: how long each test took in recent runs (for longest-first
 * scheduling, `-j auto` and `--shard` balance), which tests failed last (`--last-failed`)
 * and what each test file imported (`--changed`, watch mode). It is JSON Lines, small
 * enough to commit or cache in CI: a header, then one line per test file, sorted:
 *
 * ```
 * {"version":2,"failed":["test/a.ts:A.test_x"]}
 * {"file":"test/a.ts","tests":{"A.test_x":4.2,"A.test_y":0.3},"modules":["src/x.ts"]}
 * ```
 *
 * A run reads and rewrites only the lines of the files it ran: the others are carried
 * over as text, never parsed, so a one-file run of a 10,000-test project costs
 * microseconds, not the ≈40 ms a single JSON document of every id cost (version 1,
 * which is still read, and rewritten as version 2). Writes are atomic (a temp file
 * renamed over the old one), so shards or concurrent runs never leave a torn file.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError } from '../errors/runnerError';
import { replaceFile } from '../platform/replaceFile';
import { ensureSafeDirectory } from '../platform/safeDirectory';
import type { EventSink } from './events';
import { messages } from './messages';

/** Version of the durations file format. */
export const DURATIONS_VERSION = 2;

/** How long one test took in this run. */
export interface MeasuredDuration {
  id: string;
  durationMs: number;
}

/**
 * Earlier runs' durations, looked up by test file (its path relative to the cwd, with
 * `/`): `<Class>.<method>` → ms, or undefined when the file has no record.
 */
export type RecordedDurations = (file: string) => Readonly<Record<string, number>> | undefined;

/**
 * The recorded duration of one test.
 *
 * @param durations - earlier runs' durations.
 * @param id - the test id, `<file>:<Class>.<method>`.
 * @returns ms, or undefined when the test has none.
 */
export function durationOf(durations: RecordedDurations, id: string): number | undefined {
  const split = splitTestId(id);
  return split === null ? undefined : durations(split.file)?.[split.test];
}

/** What the file records of one test file. */
interface FileRecord {
  /** Milliseconds per `<Class>.<method>`. */
  tests: Record<string, number>;
  /** The local files it imported in its last load, relative to the cwd, sorted. */
  modules?: string[];
}

/** A test id (`<file>:<Class>.<method>`) split at its last colon; null when it has none. */
function splitTestId(id: string): { file: string; test: string } | null {
  const colon = id.lastIndexOf(':');
  return colon <= 0 ? null : { file: id.slice(0, colon), test: id.slice(colon + 1) };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function isMilliseconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Every value of the record is a duration. */
function isTestTimes(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!isMilliseconds((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** `{"file":…}` line prefix written by {@link Durations.serialize}. */
const FILE_PREFIX = '{"file":"';

/**
 * The test file a line is about, read from the line's start without parsing the rest
 * (the JSON string ends at the first quote not escaped by a backslash); undefined when the
 * line does not start the way this module writes it.
 */
function fileOfLine(line: string): string | undefined {
  if (!line.startsWith(FILE_PREFIX)) return undefined;
  for (let quote = line.indexOf('"', FILE_PREFIX.length); quote !== -1; quote = line.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (line[quote - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return JSON.parse(line.slice(FILE_PREFIX.length - 1, quote + 1)) as string;
  }
  return undefined;
}

/** A parsed file line, or null when it is not one. */
function parseFileLine(line: string): ({ file: string } & FileRecord) | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const { file, tests, modules } = (value ?? {}) as { file?: unknown; tests?: unknown; modules?: unknown };
  if (typeof file !== 'string' || !isTestTimes(tests) || (modules !== undefined && !isStringArray(modules))) return null;
  return modules === undefined ? { file, tests } : { file, tests, modules };
}

/**
 * The durations file's content. Lines of files nobody asks about stay text; a file's
 * record is parsed on first use, and only changed records are written anew.
 */
export class Durations {
  /** Test file → its line as read, while nothing changed the file's record (written back as it was). */
  readonly #lines = new Map<string, string>();
  /** Test file → its record, once parsed or made (null: its line was damaged). */
  readonly #records = new Map<string, FileRecord | null>();
  /** Files whose record gained a test since it was read (the others' tests are in order already). */
  readonly #unsorted = new Set<string>();
  #failed: string[] = [];
  readonly #onDamage: (file: string) => void;

  private constructor(onDamage: (file: string) => void = () => {}) {
    this.#onDamage = onDamage;
  }

  /** Durations with no test in them. */
  static empty(): Durations {
    return new Durations();
  }

  /**
   * Durations holding these measurements (grouped by file).
   *
   * @param tests - test id → ms.
   */
  static of(tests: Readonly<Record<string, number>>): Durations {
    const durations = new Durations();
    durations.record(Object.entries(tests).map(([id, durationMs]) => ({ id, durationMs })));
    return durations;
  }

  /**
   * Read a durations file's text (version 2, or version 1, which is converted).
   *
   * @param text - the file's content.
   * @param onProblem - told, in one line, why the whole text or one line of it is ignored.
   * @returns the durations; empty when the text is not a durations file.
   */
  static parse(text: string, onProblem: (why: string) => void): Durations {
    const newline = text.indexOf('\n');
    const header = parseHeader(newline === -1 ? text : text.slice(0, newline));
    if (header === null) return parseVersion1(text, onProblem);
    const durations = new Durations((file) => onProblem(`its line for ${file} is damaged and was ignored`));
    durations.#failed = header.failed;
    for (const line of text.slice(newline + 1).split('\n')) {
      if (line.trim() === '') continue;
      const file = fileOfLine(line) ?? parseFileLine(line)?.file;
      if (file === undefined) onProblem(`a line that names no test file was ignored`);
      else durations.#lines.set(file, line);
    }
    return durations;
  }

  /** Ids of the tests that failed in the last run. */
  get failed(): readonly string[] {
    return this.#failed;
  }

  set failed(ids: readonly string[]) {
    this.#failed = [...new Set(ids)].sort();
  }

  /** The test files with a record. */
  files(): string[] {
    return [...new Set([...this.#lines.keys(), ...this.#records.keys()])].filter((file) => this.#record(file) !== undefined);
  }

  #record(file: string): FileRecord | undefined {
    let record = this.#records.get(file);
    if (record === undefined) {
      const line = this.#lines.get(file);
      if (line === undefined) return undefined;
      const parsed = parseFileLine(line);
      record = parsed === null || parsed.file !== file ? null : parsed.modules === undefined ? { tests: parsed.tests } : { tests: parsed.tests, modules: parsed.modules };
      this.#records.set(file, record);
      if (record === null) {
        this.#lines.delete(file);
        this.#onDamage(file);
      }
    }
    return record ?? undefined;
  }

  /** The file's record, to change: its line is then written anew. */
  #writable(file: string): FileRecord {
    let record = this.#record(file);
    this.#lines.delete(file);
    if (record === undefined) this.#records.set(file, (record = { tests: {} }));
    return record;
  }

  /**
   * Earlier runs' durations of one test file (a {@link RecordedDurations}, usable unbound).
   *
   * @param file - the test file, relative to the cwd with `/`.
   * @returns `<Class>.<method>` → ms, or undefined when the file has no record.
   */
  readonly testsOf: RecordedDurations = (file) => this.#record(file)?.tests;

  /**
   * What a test file imported in its last recorded load.
   *
   * @param file - the test file, relative to the cwd with `/`.
   * @returns its local imports, relative to the cwd; undefined when not recorded.
   */
  modulesOf(file: string): readonly string[] | undefined {
    return this.#record(file)?.modules;
  }

  /** Every recorded measurement (parses every line). */
  measurements(): MeasuredDuration[] {
    return this.files().flatMap((file) => Object.entries(this.testsOf(file)!).map(([test, durationMs]) => ({ id: `${file}:${test}`, durationMs })));
  }

  /** Every test file's recorded imports (parses every line): test file → local files, relative to the cwd. */
  modulesRecord(): Record<string, string[]> {
    const record: Record<string, string[]> = {};
    for (const file of this.files()) {
      const modules = this.#record(file)!.modules;
      if (modules !== undefined) record[file] = modules;
    }
    return record;
  }

  /**
   * Take in new measurements: each replaces the old one of its test; tests not measured
   * keep theirs. Ids without a file part, and durations that are not finite and
   * non-negative, are ignored.
   *
   * @param measured - this run's tests.
   */
  record(measured: Iterable<MeasuredDuration>): void {
    for (const { id, durationMs } of measured) {
      const split = splitTestId(id);
      if (split === null || !isMilliseconds(durationMs)) continue;
      const { tests } = this.#writable(split.file);
      if (!(split.test in tests)) this.#unsorted.add(split.file);
      tests[split.test] = Math.round(durationMs * 1000) / 1000;
    }
  }

  /**
   * Record what a test file imported (undefined: nothing known).
   *
   * @param file - the test file, relative to the cwd with `/`.
   * @param modules - its local imports, relative to the cwd.
   */
  setModules(file: string, modules: readonly string[] | undefined): void {
    if (modules === undefined) {
      if (this.#record(file)?.modules !== undefined) delete this.#writable(file).modules;
    } else {
      this.#writable(file).modules = [...modules].sort();
    }
  }

  /**
   * The file's text: the header, then the files `keep` accepts, sorted; the line of a file
   * whose record nothing changed (even if it was read) is written as it was read.
   *
   * @param keep - which test files to write (default all).
   */
  serialize(keep: (file: string) => boolean = () => true): string {
    const out = [JSON.stringify({ version: DURATIONS_VERSION, failed: this.#failed })];
    const files = [...new Set([...this.#lines.keys(), ...this.#records.keys()])].sort();
    for (const file of files) {
      if (!keep(file)) continue;
      const line = this.#lines.get(file);
      if (line !== undefined) {
        out.push(line);
        continue;
      }
      const record = this.#records.get(file);
      if (record === null || record === undefined || (Object.keys(record.tests).length === 0 && record.modules === undefined)) continue;
      let { tests } = record;
      if (this.#unsorted.has(file)) {
        tests = {};
        for (const test of Object.keys(record.tests).sort()) tests[test] = record.tests[test];
      }
      out.push(JSON.stringify(record.modules === undefined ? { file, tests } : { file, tests, modules: record.modules }));
    }
    return out.join('\n') + '\n';
  }
}

/** The header line of version 2, or null when the text does not start with one. */
function parseHeader(line: string): { failed: string[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const { version, failed } = (value ?? {}) as { version?: unknown; failed?: unknown };
  if (version !== DURATIONS_VERSION || (failed !== undefined && !isStringArray(failed))) return null;
  return { failed: failed ?? [] };
}

/** Version 1: one JSON document, `{"version": 1, "tests": {id: ms}, "failed"?: [id], "modules"?: {file: [file]}}`. */
function parseVersion1(text: string, onProblem: (why: string) => void): Durations {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    onProblem(`${(error as Error).message}; it will be rewritten`);
    return Durations.empty();
  }
  const { version, tests, failed, modules } = (value ?? {}) as { version?: unknown; tests?: unknown; failed?: unknown; modules?: unknown };
  const modulesValid =
    modules === undefined ||
    (typeof modules === 'object' && modules !== null && !Array.isArray(modules) && Object.values(modules).every((list) => isStringArray(list)));
  if (version !== 1 || !isTestTimes(tests) || (failed !== undefined && !isStringArray(failed)) || !modulesValid) {
    onProblem(`it is not a version ${DURATIONS_VERSION} (or 1) durations file; it will be rewritten`);
    return Durations.empty();
  }
  const durations = Durations.of(tests);
  if (failed !== undefined) durations.failed = failed;
  for (const [file, list] of Object.entries((modules ?? {}) as Record<string, string[]>)) durations.setModules(file, list);
  return durations;
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

/**
 * Read a durations file. A missing file is empty; an unreadable or invalid one is empty
 * too (a stale cache must never fail a run), and `onProblem` hears why; so does a damaged
 * line, when its file's record is first asked for.
 *
 * @param file - the path.
 * @param onProblem - told, in one line, why a present file (or a line of it) was ignored.
 * @returns the durations.
 */
export function loadDurations(file: string, onProblem: (message: string) => void = () => {}): Durations {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`Ignoring the durations file ${file}: ${(error as Error).message}.`);
    return Durations.empty();
  }
  return Durations.parse(text, (why) => onProblem(`Ignoring the durations file ${file}: ${why}.`));
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
 * @param keep - which test files to write (default all).
 * @throws {@link UnsafeDurationsFolderError} when the folder is a symlink, not a folder,
 *   someone else's or writable by others; file-system errors (EACCES...) unchanged.
 */
export function saveDurations(file: string, durations: Durations, keep?: (testFile: string) => boolean): void {
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
  replaceFile(file, durations.serialize(keep));
}

/**
 * An event sink that remembers each ended test's duration, for {@link Durations.record}.
 *
 * @returns the sink and the measurements collected so far.
 * @example
 * ```ts
 * const recorder = durationsRecorder();
 * // ... feed recorder.sink every event of the run ...
 * const durations = loadDurations(file);
 * durations.record(recorder.measured());
 * saveDurations(file, durations);
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
