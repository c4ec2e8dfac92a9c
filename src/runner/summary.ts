/**
 * Counting, done once: `reduce` folds events into a {@link RunSummary}, and
 * `exitCodeOf` turns a summary into the process exit code. Reporters read the summary
 * that arrives with `run:end` and never count for themselves.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { Outcome, RunnerEvent, RunSummary } from './events';

/** A summary with nothing counted yet. */
export function emptySummary(): RunSummary {
  return {
    tests: 0,
    successes: 0,
    failures: 0,
    errors: 0,
    skips: 0,
    expectedFailures: 0,
    unexpectedSuccesses: 0,
    orphanErrors: 0,
    durationMs: 0,
    interrupted: false,
  };
}

const COUNTER: Record<Outcome, keyof RunSummary> = {
  success: 'successes',
  failure: 'failures',
  error: 'errors',
  skip: 'skips',
  expectedFailure: 'expectedFailures',
  unexpectedSuccess: 'unexpectedSuccesses',
};

/**
 * Tracks the state `reduce` needs beyond the counts: each test's final outcome, so a
 * late error moves a passed test to the errors instead of counting it twice.
 */
export interface SummaryState {
  summary: RunSummary;
  /** Final outcome of each test id seen so far. */
  outcomes: Map<string, Outcome>;
  /** Time of the first `test:start` and of the last `test:end`, as `Date.now()` values. */
  firstStart: number | null;
}

/**
 * A fresh reducer state.
 *
 * @param options - `strictTodo`: unexpected successes fail the run (recorded in the summary,
 *   so every reporter gives the same verdict).
 * @returns the state, with nothing counted.
 */
export function initialState(options: { strictTodo?: boolean } = {}): SummaryState {
  const summary = emptySummary();
  if (options.strictTodo === true) summary.strictTodo = true;
  return { summary, outcomes: new Map(), firstStart: null };
}

function count(summary: RunSummary, outcome: Outcome, delta: number): void {
  (summary[COUNTER[outcome]] as number) += delta;
}

/**
 * Fold one event into the state (mutating it, for speed) and return it.
 *
 * @param state - from {@link initialState}.
 * @param event - the next event of the run.
 * @param now - the current time in ms (injected so the reducer stays pure).
 * @returns the same state.
 */
export function reduce(state: SummaryState, event: RunnerEvent, now: number): SummaryState {
  const { summary } = state;
  switch (event.type) {
    case 'test:start':
      state.firstStart ??= now;
      break;
    case 'test:end': {
      const previous = state.outcomes.get(event.test.id);
      if (previous !== undefined) count(summary, previous, -1);
      else summary.tests += 1;
      state.outcomes.set(event.test.id, event.outcome);
      count(summary, event.outcome, 1);
      if (event.flaky === true && previous === undefined) summary.flaky = (summary.flaky ?? 0) + 1;
      if (event.notRun === true && previous === undefined) summary.testsNotRun = (summary.testsNotRun ?? 0) + 1;
      if (state.firstStart !== null) summary.durationMs = now - state.firstStart;
      break;
    }
    case 'test:lateError': {
      if (event.test === null) {
        summary.orphanErrors += 1;
        summary.errors += 1;
        break;
      }
      const previous = state.outcomes.get(event.test.id);
      if (previous === 'error') break;
      if (previous !== undefined) count(summary, previous, -1);
      else summary.tests += 1;
      state.outcomes.set(event.test.id, 'error');
      summary.errors += 1;
      break;
    }
    case 'sidecar:state':
      if (event.state === 'failed' && !(summary.unavailableSidecars ?? []).includes(event.name)) {
        summary.unavailableSidecars = [...(summary.unavailableSidecars ?? []), event.name];
      }
      break;
    case 'run:start':
    case 'worker:crash':
    case 'run:end':
      break;
    default:
      event satisfies never;
  }
  return state;
}

/**
 * Whether a test that ended with `outcome` fails the run: a failure or an error, and an
 * unexpected success under `strictTodo`. The verdict, the exit code, `-x` and the failed
 * ids `--last-failed` reruns all follow this one rule.
 *
 * @param outcome - the test's final outcome.
 * @param strictTodo - unexpected successes fail the run.
 * @returns true when the run fails because of it.
 */
export function failsRun(outcome: Outcome, strictTodo: boolean): boolean {
  return outcome === 'failure' || outcome === 'error' || (strictTodo && outcome === 'unexpectedSuccess');
}

function failingUnexpectedSuccesses(summary: RunSummary): number {
  return summary.strictTodo === true ? summary.unexpectedSuccesses : 0;
}

/** Tests that count as passed in the plain closing line: successes, expected failures, and unexpected successes unless `strictTodo`. */
export function passedCount(summary: RunSummary): number {
  return summary.successes + summary.expectedFailures + summary.unexpectedSuccesses - failingUnexpectedSuccesses(summary);
}

/** Tests that count as failed in the plain closing line: those that fail the run ({@link failsRun}). */
export function failedCount(summary: RunSummary): number {
  return summary.failures + summary.errors + failingUnexpectedSuccesses(summary);
}

/**
 * Tests whose outcome asks for attention whatever `strictTodo` says: failures, errors and
 * unexpected successes (TAP's `not ok` points without a directive).
 *
 * @param summary - the run's summary.
 * @returns their number.
 */
export function problemCount(summary: RunSummary): number {
  return summary.failures + summary.errors + summary.unexpectedSuccesses;
}

/**
 * The run passed, Trial's `wasSuccessful`: no test failed or errored, and every sidecar the
 * tests needed started. An unexpected success does not fail it unless the summary says
 * `strictTodo`.
 *
 * @param summary - the run's summary.
 * @returns true when the run passed.
 */
export function wasSuccessful(summary: RunSummary): boolean {
  return failedCount(summary) === 0 && (summary.unavailableSidecars ?? []).length === 0;
}

/** Exit codes of the command line (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  testsFailed: 1,
  usage: 2,
  cannotRun: 3,
  noTests: 5,
  interrupted: 130,
} as const;

/**
 * The exit code of a run that carried out its tests: 130 when interrupted, 3 when a sidecar
 * the tests needed could not start, 1 when the
 * run was not successful ({@link wasSuccessful}: a test failed or errored, or under
 * `strictTodo` unexpectedly succeeded), 5 when no test ran and that is not allowed, else 0.
 *
 * @param summary - the run's final summary.
 * @param allowEmpty - `--allow-empty`: no tests is a success.
 */
export function exitCodeOf(summary: RunSummary, allowEmpty: boolean): number {
  if (summary.interrupted) return EXIT.interrupted;
  if ((summary.unavailableSidecars ?? []).length > 0) return EXIT.cannotRun;
  if (!wasSuccessful(summary)) return EXIT.testsFailed;
  if (summary.tests === 0 && !allowEmpty) return EXIT.noTests;
  return EXIT.ok;
}
