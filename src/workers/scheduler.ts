/**
 * Which work goes to which worker, and when: pull-based (a free worker asks for its next
 * batch), longest first by the durations of earlier runs, a class's tests always in one
 * unit (one import, one `setUpClass`), and files big enough to pin a worker split into
 * class-level units. Order within a file is the runner's business (`--order random:SEED`
 * shuffles there, from the seed), so it is the same for any `-j`.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { RecordedDurations } from '../runner/durations';
import type { WorkUnit } from '../runner/interfaces';

/** A unit with what the scheduler knows about its cost. */
export interface PlannedUnit {
  unit: WorkUnit;
  /** Estimated duration in ms; for an unknown unit, the mean of the known files. */
  estimateMs: number;
  /** Whether any of its tests has a recorded duration. */
  known: boolean;
  /** Size of the file in bytes (orders unknown units: bigger first). */
  size: number;
}

/** What the plan needs besides the units. */
export interface PlanOptions {
  /** Number of workers. */
  workers: number;
  /** Earlier runs' durations, by test file relative to `cwd`. */
  durations: RecordedDurations;
  /** The run's cwd: ids are relative to it. */
  cwd: string;
  /** Size of a file in bytes (0 when unknown); injected so tests need no files. */
  sizeOf?: (file: string) => number;
}

/** Recorded tests of one file: class → method → ms. */
type FileDurations = Map<string, Map<string, number>>;

/**
 * The recorded durations of `files`, by file and class. Entries that are not
 * `<Class>.<method>` are ignored; a file with none is left out.
 *
 * @param durations - earlier runs' durations.
 * @param files - test files relative to the cwd.
 */
export function indexDurations(durations: RecordedDurations, files: Iterable<string>): Map<string, FileDurations> {
  const byFile = new Map<string, FileDurations>();
  for (const file of files) {
    const tests = durations(file);
    if (tests === undefined) continue;
    const classes: FileDurations = new Map();
    for (const test in tests) {
      const dot = test.indexOf('.');
      if (dot <= 0) continue;
      const className = test.slice(0, dot);
      let methods = classes.get(className);
      if (methods === undefined) classes.set(className, (methods = new Map()));
      methods.set(test.slice(dot + 1), tests[test]);
    }
    if (classes.size > 0) byFile.set(file, classes);
  }
  return byFile;
}

function relativeId(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/** Known ms of a unit, or null when none of its tests was recorded. */
function estimate(unit: WorkUnit, recorded: FileDurations | undefined, rel: string): number | null {
  if (recorded === undefined) return null;
  const excluded = new Set(unit.excludeIds ?? []);
  let total = 0;
  let found = false;
  for (const [className, methods] of recorded) {
    if (unit.className !== undefined && className !== unit.className) continue;
    for (const [method, ms] of methods) {
      if (unit.methodNames !== undefined && !unit.methodNames.includes(method)) continue;
      if (excluded.has(`${rel}:${className}.${method}`)) continue;
      total += ms;
      found = true;
    }
  }
  return found ? total : null;
}

function classTotal(methods: Map<string, number>): number {
  let total = 0;
  for (const ms of methods.values()) total += ms;
  return total;
}

/**
 * Split a whole-file unit into one unit per recorded class (with its recorded methods)
 * plus a remainder for what was not recorded (new classes and new methods), so each test
 * still runs exactly once.
 */
function splitByClass(unit: WorkUnit, recorded: FileDurations, rel: string): PlannedUnit[] {
  const parts: PlannedUnit[] = [];
  const recordedIds: string[] = [];
  const classes = [...recorded].sort((a, b) => classTotal(b[1]) - classTotal(a[1]) || a[0].localeCompare(b[0]));
  for (const [className, methods] of classes) {
    const methodNames = [...methods.keys()];
    for (const method of methodNames) recordedIds.push(`${rel}:${className}.${method}`);
    parts.push({ unit: { file: unit.file, className, methodNames }, estimateMs: classTotal(methods), known: true, size: 0 });
  }
  parts.push({ unit: { file: unit.file, excludeIds: recordedIds }, estimateMs: 0, known: true, size: 0 });
  return parts;
}

/**
 * Estimate, split and order the units: unknown files first (biggest first: they may be
 * long), then known units longest first; for one worker, in the order given. A whole file estimated at more than
 * `1 / (2 × workers)` of the run, with two or more recorded classes, is split by class.
 *
 * @param units - what the command line selected.
 * @param options - workers, recorded durations, cwd.
 * @returns the planned units in dispatch order.
 */
export function planUnits(units: readonly WorkUnit[], options: PlanOptions): PlannedUnit[] {
  const byFile = indexDurations(options.durations, new Set(units.map((unit) => relativeId(options.cwd, unit.file))));
  const sizeOf = options.sizeOf ?? (() => 0);
  const first: PlannedUnit[] = [];
  for (const unit of units) {
    const rel = relativeId(options.cwd, unit.file);
    const ms = estimate(unit, byFile.get(rel), rel);
    first.push({ unit, estimateMs: ms ?? 0, known: ms !== null, size: ms === null ? sizeOf(unit.file) : 0 });
  }
  const knownMs = first.filter((p) => p.known).map((p) => p.estimateMs);
  const meanMs = knownMs.length > 0 ? knownMs.reduce((a, b) => a + b, 0) / knownMs.length : 1;
  for (const planned of first) if (!planned.known) planned.estimateMs = meanMs;
  const total = first.reduce((sum, p) => sum + p.estimateMs, 0);
  const splitAbove = total / (2 * Math.max(1, options.workers));
  const planned: PlannedUnit[] = [];
  for (const p of first) {
    const { unit } = p;
    const rel = relativeId(options.cwd, unit.file);
    const recorded = byFile.get(rel);
    const wholeFile = unit.className === undefined && unit.methodNames === undefined && unit.excludeIds === undefined;
    if (options.workers > 1 && p.known && wholeFile && recorded !== undefined && recorded.size >= 2 && p.estimateMs > splitAbove) {
      planned.push(...splitByClass(unit, recorded, rel));
    } else {
      planned.push(p);
    }
  }
  // One worker gains nothing from longest-first, and the run keeps the order the user
  // chose (sorted, or `--order random:SEED`), as a run in-process does.
  if (options.workers <= 1) return planned;
  return planned.sort(
    (a, b) =>
      Number(a.known) - Number(b.known) ||
      (a.known ? b.estimateMs - a.estimateMs : b.size - a.size) ||
      a.unit.file.localeCompare(b.unit.file),
  );
}

/** The most units one round trip carries. */
export const MAX_BATCH_UNITS = 32;

/**
 * The queue free workers pull from. Batches shrink as the run goes (guided
 * self-scheduling: about a quarter of each worker's fair share of what is left), so early
 * round trips are few and the last units are spread one by one.
 */
export class Scheduler {
  readonly #queue: PlannedUnit[];
  readonly #workers: number;
  #stopped = false;

  /**
   * @param planned - units in dispatch order (see {@link planUnits}).
   * @param workers - number of workers pulling.
   */
  constructor(planned: PlannedUnit[], workers: number) {
    this.#queue = [...planned];
    this.#workers = Math.max(1, workers);
  }

  /** Units not handed out yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Whether `stop()` was called. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The next batch for a free worker, or null when there is nothing (more) to hand out. */
  next(): PlannedUnit[] | null {
    if (this.#stopped || this.#queue.length === 0) return null;
    const remaining = this.#queue.reduce((sum, p) => sum + p.estimateMs, 0);
    const target = remaining / (this.#workers * 4);
    const batch = [this.#queue.shift()!];
    let batchMs = batch[0].estimateMs;
    while (this.#queue.length > 0 && batch.length < MAX_BATCH_UNITS && batchMs + this.#queue[0].estimateMs <= target) {
      const next = this.#queue.shift()!;
      batch.push(next);
      batchMs += next.estimateMs;
    }
    return batch;
  }

  /** Put units back at the front (the rest of a dead worker's batch), to run next. */
  requeue(units: PlannedUnit[]): void {
    this.#queue.unshift(...units);
  }

  /** Hand out nothing more; batches already out finish. */
  stop(): void {
    this.#stopped = true;
  }
}
