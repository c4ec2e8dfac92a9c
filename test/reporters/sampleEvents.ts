/**
 * Synthetic event sequences for the reporter tests: a run with every outcome, a late
 * error, an orphan error, a leak, identical failures (grouped), and output with control
 * characters and XML markup; and a run of several workers whose results interleave.
 */
import type {
  Outcome,
  RunnerEvent,
  RunSummary,
  SerializedError,
  TestDescription,
  TestEndEvent,
} from '../../src/runner/events';
import { initialState, reduce } from '../../src/runner/summary';
import type { ReporterContext, ReporterOptions } from '../../src/reporters/interfaces';

/** The run's start time: 2023-11-14T22:13:20Z. */
export const START = 1_700_000_000_000;
export const CWD = '/proj';
export const FILE = 'test/test_calc.ts';

/** A test description in FILE. */
export function desc(className: string, methodName: string, line = 10, file = FILE): TestDescription {
  return { id: `${file}:${className}.${methodName}`, file, className, methodName, location: { file, line, column: 3 } };
}

/** A serialized error with a two-frame stack at `line`. */
export function err(name: string, message: string, line: number, file = FILE): SerializedError {
  return {
    name,
    message,
    stack: `${name}: ${message}\n    at SyncTests.test (${file}:${line}:11)`,
    location: { file, line, column: 11 },
  };
}

/** start + end events for one test. */
export function run(test: TestDescription, outcome: Outcome, extra: Partial<TestEndEvent> = {}, worker = 0): RunnerEvent[] {
  return [
    { type: 'test:start', test, worker, timeoutMs: 120_000 },
    { type: 'test:end', test, worker, outcome, durationMs: 5, errors: [], ...extra },
  ];
}

/** `run:end` with the summary `reduce` computes for `events` (duration fixed at 1234 ms). */
export function withEnd(events: RunnerEvent[], patch: Partial<RunSummary> = {}): RunnerEvent[] {
  const state = initialState();
  for (const event of events) reduce(state, event, START);
  return [...events, { type: 'run:end', summary: { ...state.summary, durationMs: 1234, ...patch } }];
}

const leakError: SerializedError = {
  name: 'DirtyReactorAggregateError',
  message: 'Reactor was unclean.',
  stack: 'DirtyReactorAggregateError: Reactor was unclean.\n    at Janitor.check (janitor.ts:1:1)',
  leaks: [
    {
      resourceType: 'Timeout',
      description: 'a 30 s timer',
      createdAt: { file: FILE, line: 40, column: 5 },
      hint: 'Clear it with `clearTimeout(t)` or `this.addCleanup(() => clearTimeout(t))`.',
    },
  ],
};

/** Every outcome, in one file and two classes, one worker. */
export function everyOutcome(): RunnerEvent[] {
  const fail = err('AssertionError', '1 != 2', 20);
  const events: RunnerEvent[] = [
    { type: 'run:start', version: 1, time: START, cwd: CWD, workers: 1 },
    ...run(desc('AsyncTests', 'test_leak', 38), 'error', { errors: [leakError], durationMs: 40 }),
    ...run(desc('AsyncTests', 'test_pass', 30), 'success', { durationMs: 2 }),
    ...run(desc('SyncTests', 'test_error', 12), 'error', { errors: [err('TypeError', 'boom', 14)], durationMs: 7 }),
    ...run(desc('SyncTests', 'test_fail', 18), 'failure', { errors: [fail], durationMs: 3 }),
    ...run(desc('SyncTests', 'test_failAgain', 18), 'failure', { errors: [fail], durationMs: 3 }),
    ...run(desc('SyncTests', 'test_output', 24), 'failure', {
      errors: [err('AssertionError', 'bad <b>&amp;</b>', 26)],
      output: { stdout: 'hello <tag attr="x">&</tag>\n\u001b[31mred\u001b[0m bell\u0007 nul\u0000\n', stderr: 'warn ]]> done\n' },
      durationMs: 9,
    }),
    ...run(desc('SyncTests', 'test_skip', 30), 'skip', { reason: 'not today', durationMs: 0 }),
    ...run(desc('SyncTests', 'test_todo', 34), 'expectedFailure', {
      reason: 'bug #1',
      errors: [err('AssertionError', 'known bug', 35)],
      durationMs: 1,
    }),
    ...run(desc('SyncTests', 'test_unexpectedSuccess', 40), 'unexpectedSuccess', {
      reason: 'should fail but does not',
      durationMs: 1,
    }),
    { type: 'test:lateError', test: desc('AsyncTests', 'test_pass', 30), worker: 0, error: err('Error', 'late', 33) },
    { type: 'test:lateError', test: null, worker: 0, error: err('Error', 'stray', 50) },
  ];
  return withEnd(events);
}

/** Two workers, two files, results interleaved; worker 1 crashes in b's second test. */
export function interleaved(): RunnerEvent[] {
  const a1 = desc('A', 'test_1', 5, 'test/test_a.ts');
  const a2 = desc('A', 'test_2', 6, 'test/test_a.ts');
  const b1 = desc('B', 'test_1', 5, 'test/test_b.ts');
  const b2 = desc('B', 'test_2', 6, 'test/test_b.ts');
  const c1 = desc('C', 'test_1', 5, 'test/test_c.ts');
  const events: RunnerEvent[] = [
    { type: 'run:start', version: 1, time: START, cwd: CWD, workers: 2, plannedTests: 5 },
    { type: 'test:start', test: a1, worker: 0, timeoutMs: 1000 },
    { type: 'test:start', test: b1, worker: 1, timeoutMs: 1000 },
    { type: 'test:end', test: b1, worker: 1, outcome: 'success', durationMs: 1, errors: [] },
    { type: 'test:start', test: b2, worker: 1, timeoutMs: 1000 },
    { type: 'test:end', test: a1, worker: 0, outcome: 'success', durationMs: 1, errors: [] },
    { type: 'test:start', test: a2, worker: 0, timeoutMs: 1000 },
    {
      type: 'worker:crash',
      worker: 1,
      reason: 'exited with code 3',
      exitCode: 3,
      signal: null,
      stderrTail: 'fatal: out of cheese\n',
    },
    { type: 'test:end', test: b2, worker: 1, outcome: 'error', durationMs: 2, errors: [err('WorkerCrashedError', 'The worker running this test exited with code 3.', 6, 'test/test_b.ts')] },
    { type: 'test:end', test: a2, worker: 0, outcome: 'success', durationMs: 1, errors: [] },
    { type: 'test:start', test: c1, worker: 0, timeoutMs: 1000 },
    { type: 'test:end', test: c1, worker: 0, outcome: 'success', durationMs: 1, errors: [] },
  ];
  return withEnd(events);
}

/** A reporter context that collects what is written; bytes are kept as Buffers. */
export function collectingContext(options: Partial<ReporterOptions> = {}, extra: Partial<ReporterContext> = {}) {
  const chunks: (string | Uint8Array)[] = [];
  const ctx: ReporterContext = {
    write: (chunk) => chunks.push(chunk),
    isTTY: false,
    color: false,
    columns: 80,
    cwd: CWD,
    options: { realtimeErrors: false, durations: 0, ...options },
    now: () => START,
    ...extra,
  };
  return {
    ctx,
    text: () => chunks.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))).join(''),
    bytes: () => Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)))),
  };
}

/** Feed events to a reporter made by `factory`, close it, return the output text. */
export async function render(
  factory: (ctx: ReporterContext) => { handle(e: RunnerEvent): void; close(): Promise<void> },
  events: readonly RunnerEvent[],
  options: Partial<ReporterOptions> = {},
  extra: Partial<ReporterContext> = {},
): Promise<string> {
  const sink = collectingContext(options, extra);
  const reporter = factory(sink.ctx);
  for (const event of events) reporter.handle(event);
  await reporter.close();
  return sink.text();
}
