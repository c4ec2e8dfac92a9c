/**
 * `trial-ts merge FILE...`: combine the JSON event files of several shards (written
 * with `--reporter json:FILE`) into one run, replayed through any reporters (JUnit for
 * the CI's test UI, tree for a human), and one durations file for the next sharded run.
 *
 * The merged run has one `run:start` (the earliest start, the workers of all shards,
 * renumbered so worker indexes stay distinct), every shard's test events in file order,
 * and one `run:end` whose summary is recomputed by `reduce` (its wall time is the
 * slowest shard's, since shards run side by side).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { PROTOCOL_VERSION, type RunnerEvent, type RunStartEvent, type RunSummary } from '../runner/events';
import { exitCodeOf, initialState, reduce } from '../runner/summary';
import { loadDurations, saveDurations, shardRecordFiles } from '../runner/durations';
import type { ReporterContext, ReporterSpec } from '../reporters/interfaces';
import { MERGE_MESSAGES } from '../reporters/messages';
import { openReporters } from '../reporters/openReporters';
import { ReporterSpecError } from '../reporters/reporterSpecError';

/** The events of one input file. */
export interface EventStream {
  file: string;
  events: RunnerEvent[];
}

const EVENT_TYPES = new Set(['run:start', 'test:start', 'test:end', 'test:lateError', 'worker:crash', 'sidecar:state', 'run:end']);

/**
 * Parse NDJSON events (blank lines ignored).
 *
 * @param text - the file's content.
 * @param file - its name, for messages.
 * @returns the events, without their `version` field.
 * @throws ReporterSpecError naming the first bad line.
 */
export function parseEventLines(text: string, file: string): RunnerEvent[] {
  const events: RunnerEvent[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ReporterSpecError(MERGE_MESSAGES.badLine(file, index + 1, (error as Error).message));
    }
    if (typeof value !== 'object' || value === null || !EVENT_TYPES.has((value as { type?: string }).type ?? '')) {
      throw new ReporterSpecError(MERGE_MESSAGES.badLine(file, index + 1, 'no known "type"'));
    }
    const { version, ...event } = value as { version?: unknown };
    if (version !== PROTOCOL_VERSION) throw new ReporterSpecError(MERGE_MESSAGES.badVersion(file, index + 1, version, PROTOCOL_VERSION));
    if ((event as RunnerEvent).type === 'run:start') (event as RunStartEvent).version = PROTOCOL_VERSION;
    events.push(event as RunnerEvent);
  });
  return events;
}

/**
 * Read one events file.
 *
 * @param file - its path.
 * @throws ReporterSpecError when it cannot be read or parsed.
 */
export function readEventFile(file: string): EventStream {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReporterSpecError(MERGE_MESSAGES.unreadable(file, (error as Error).message));
  }
  return { file, events: parseEventLines(text, file) };
}

function workersOf(events: readonly RunnerEvent[]): number {
  let workers = 1;
  for (const event of events) {
    if (event.type === 'run:start') workers = Math.max(workers, event.workers);
    if ('worker' in event) workers = Math.max(workers, event.worker + 1);
  }
  return workers;
}

function mergedStart(streams: readonly EventStream[], workers: number): RunStartEvent {
  const starts = streams.flatMap((s) => s.events.filter((e): e is RunStartEvent => e.type === 'run:start').slice(0, 1));
  const planned = starts.map((s) => s.plannedTests);
  const seeds = new Set(starts.map((s) => s.seed));
  const start: RunStartEvent = {
    type: 'run:start',
    version: PROTOCOL_VERSION,
    time: starts.length === 0 ? 0 : Math.min(...starts.map((s) => s.time)),
    cwd: starts[0]?.cwd ?? '',
    workers,
  };
  if (seeds.size === 1 && starts[0]?.seed !== undefined) start.seed = starts[0].seed;
  if (starts.length === streams.length && planned.every((n) => n !== undefined)) {
    start.plannedTests = planned.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
  }
  return start;
}

/**
 * Merge the events of several runs into one run.
 *
 * @param streams - the runs, in the order to replay them.
 * @returns the merged events: one `run:start`, the test events, one `run:end`.
 */
export function mergeEventStreams(streams: readonly EventStream[]): RunnerEvent[] {
  const body: RunnerEvent[] = [];
  let offset = 0;
  let durationMs = 0;
  let interrupted = false;
  let strictTodo = false;
  for (const stream of streams) {
    for (const event of stream.events) {
      if (event.type === 'run:start') continue;
      if (event.type === 'run:end') {
        durationMs = Math.max(durationMs, event.summary.durationMs);
        interrupted ||= event.summary.interrupted;
        strictTodo ||= event.summary.strictTodo === true;
        continue;
      }
      body.push('worker' in event ? { ...event, worker: event.worker + offset } : event);
    }
    offset += workersOf(stream.events);
  }
  const state = initialState({ strictTodo });
  for (const event of body) reduce(state, event, 0);
  const summary: RunSummary = { ...state.summary, durationMs, interrupted };
  return [mergedStart(streams, Math.max(1, offset)), ...body, { type: 'run:end', summary }];
}

/** What `trial-ts merge` needs. */
export interface MergeOptions {
  /** JSON events files, in the order to replay them. */
  inputs: readonly string[];
  /** Parsed `--reporter` values (the lead's CLI defaults to `tree`). */
  reporters: readonly ReporterSpec[];
  /** The stdout context (write, isTTY, color, cwd, options, env). */
  context: ReporterContext;
  /** Write the merged durations here (merged into what the file already holds). */
  durationsFile?: string;
  /** `--allow-empty`: no tests is exit 0 rather than 5. */
  allowEmpty?: boolean;
}

/** What the merge produced. */
export interface MergeResult {
  summary: RunSummary;
  /** The exit code the merged run deserves (0, 1, 5 or 130). */
  exitCode: number;
}

/**
 * Fold the shards' measurements into the durations file: the shard records beside it
 * (written by `--shard` runs, removed once folded in) and the durations in the events.
 * The failed ids of the shards replace the file's, as one whole run's would.
 */
function mergeIntoDurationsFile(file: string, events: readonly RunnerEvent[]): void {
  const records = shardRecordFiles(file);
  const merged = loadDurations(file);
  const failed = new Set<string>();
  for (const record of records) {
    const shard = loadDurations(record);
    merged.record(shard.measurements());
    for (const id of shard.failed) failed.add(id);
  }
  merged.record(events.flatMap((e) => (e.type === 'test:end' ? [{ id: e.test.id, durationMs: e.durationMs }] : [])));
  if (records.length > 0) merged.failed = [...failed];
  saveDurations(file, merged);
  for (const record of records) fs.rmSync(record, { force: true });
}

/**
 * Run `trial-ts merge`.
 *
 * @param options - inputs, reporters, context, durations file.
 * @returns the merged summary and exit code.
 * @throws ReporterSpecError (exit 2) for no inputs, unreadable or invalid files, bad reporters.
 * @example
 * ```ts
 * const { exitCode } = await runMerge({ inputs: ['shard-1.ndjson', 'shard-2.ndjson'],
 *   reporters: [parseReporterSpec('junit:junit.xml'), parseReporterSpec('tree')], context });
 * ```
 */
export async function runMerge(options: MergeOptions): Promise<MergeResult> {
  if (options.inputs.length === 0) throw new ReporterSpecError(MERGE_MESSAGES.noInputs());
  const events = mergeEventStreams(options.inputs.map(readEventFile));
  const reporter = await openReporters(options.reporters, options.context);
  try {
    for (const event of events) reporter.handle(event);
  } finally {
    await reporter.close();
  }
  if (options.durationsFile !== undefined) mergeIntoDurationsFile(options.durationsFile, events);
  const end = events[events.length - 1];
  const summary = end.type === 'run:end' ? end.summary : initialState().summary;
  return { summary, exitCode: exitCodeOf(summary, options.allowEmpty ?? false) };
}
