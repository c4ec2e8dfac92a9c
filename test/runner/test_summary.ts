/**
 * Tests for src/runner/summary.ts: `reduce` over each event type (late errors move a
 * passed test to the errors, orphan errors count once), the passed/failed counts,
 * `failsRun` and strictTodo, and `exitCodeOf` (0, 1, 5, 130, `--allow-empty`).
 */
import { SynchronousTestCase } from 'trial-ts';
import type { Outcome, RunnerEvent, RunSummary, TestDescription } from '../../src/runner/events';
import { PROTOCOL_VERSION } from '../../src/runner/events';
import {
  emptySummary,
  EXIT,
  exitCodeOf,
  failedCount,
  failsRun,
  initialState,
  passedCount,
  problemCount,
  reduce,
  wasSuccessful,
  type SummaryState,
} from '../../src/runner/summary';

function test(method: string): TestDescription {
  return { id: `test/test_a.ts:ATests.${method}`, file: 'test/test_a.ts', className: 'ATests', methodName: method };
}

function start(method: string): RunnerEvent {
  return { type: 'test:start', test: test(method), worker: 0, timeoutMs: 120_000 };
}

function end(method: string, outcome: Outcome): RunnerEvent {
  return { type: 'test:end', test: test(method), worker: 0, outcome, durationMs: 1, errors: [] };
}

function lateError(method: string | null): RunnerEvent {
  return {
    type: 'test:lateError',
    test: method === null ? null : test(method),
    worker: 0,
    error: { name: 'Error', message: 'late', stack: '' },
  };
}

/** Fold events, each at the given time (or 0). */
function fold(events: Array<RunnerEvent | [RunnerEvent, number]>): SummaryState {
  let state = initialState();
  for (const item of events) {
    const [event, now] = Array.isArray(item) ? item : [item, 0];
    state = reduce(state, event, now);
  }
  return state;
}

function summaryWith(fields: Partial<RunSummary>): RunSummary {
  return { ...emptySummary(), ...fields };
}

export class ReduceTests extends SynchronousTestCase {
  /** A flaky pass counts as a success and once in `flaky`; a test that is not flaky leaves it absent. */
  test_flakyCounted(): void {
    const flakyEnd = { ...(end('test_x', 'success') as object), flaky: true } as RunnerEvent;
    const state = fold([start('test_x'), flakyEnd, start('test_y'), end('test_y', 'success')]);
    this.assertEqual(state.summary.successes, 2);
    this.assertEqual(state.summary.flaky, 1);
    this.assertEqual(fold([end('test_y', 'success')]).summary.flaky, undefined);
  }

  /**
   * A sidecar that could not start is recorded once by name; its tests' "not run" skips
   * count as skips and in `testsNotRun`; the run is not successful and exits 3.
   */
  test_unavailableSidecarCounted(): void {
    const failed: RunnerEvent = { type: 'sidecar:state', name: 'db', state: 'failed', detail: 'no initdb' };
    const notRun = (method: string) => ({ ...(end(method, 'skip') as object), notRun: true }) as RunnerEvent;
    const state = fold([failed, failed, notRun('test_a'), notRun('test_b'), end('test_c', 'success'), end('test_d', 'skip')]);
    this.assertEqual(state.summary.unavailableSidecars, ['db']);
    this.assertEqual(state.summary.testsNotRun, 2);
    this.assertEqual(state.summary.skips, 3);
    this.assertFalse(wasSuccessful(state.summary));
    this.assertEqual(exitCodeOf(state.summary, false), EXIT.cannotRun);
    this.assertEqual(fold([end('test_c', 'success')]).summary.testsNotRun, undefined);
  }

  /** A fresh state counts nothing. */
  test_initialStateIsEmpty(): void {
    const state = initialState();
    this.assertEqual(state.summary, {
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
    });
    this.assertEqual(state.outcomes.size, 0);
    this.assertIdentical(state.firstStart, null);
  }

  /** reduce mutates and returns the same state object. */
  test_reduceReturnsSameState(): void {
    const state = initialState();
    this.assertIdentical(reduce(state, start('test_a'), 5), state);
  }

  /** Each outcome of test:end is counted under its own counter and in tests. */
  test_endCountsEachOutcome(): void {
    const outcomes: Outcome[] = ['success', 'failure', 'error', 'skip', 'expectedFailure', 'unexpectedSuccess'];
    const state = fold(outcomes.map((outcome, i) => end(`test_${i}`, outcome)));
    this.assertEqual(
      state.summary,
      summaryWith({ tests: 6, successes: 1, failures: 1, errors: 1, skips: 1, expectedFailures: 1, unexpectedSuccesses: 1 }),
    );
  }

  /** test:start records the first start only, and test:end measures from it. */
  test_durationFromFirstStartToLastEnd(): void {
    const state = fold([
      [start('test_a'), 100],
      [start('test_b'), 150],
      [end('test_a', 'success'), 180],
      [end('test_b', 'success'), 260],
    ]);
    this.assertEqual(state.firstStart, 100);
    this.assertEqual(state.summary.durationMs, 160);
  }

  /** A test:end without any test:start leaves the duration at 0. */
  test_endWithoutStartKeepsZeroDuration(): void {
    this.assertEqual(fold([[end('test_a', 'success'), 500]]).summary.durationMs, 0);
  }

  /** A second test:end for the same id replaces its outcome instead of counting it twice. */
  test_repeatedEndReplacesOutcome(): void {
    const state = fold([end('test_a', 'success'), end('test_a', 'failure')]);
    this.assertEqual(state.summary, summaryWith({ tests: 1, failures: 1 }));
    this.assertEqual(state.outcomes.get(test('test_a').id), 'failure');
  }

  /** A late error moves a passed test from the successes to the errors. */
  test_lateErrorMovesPassedToErrors(): void {
    const state = fold([end('test_a', 'success'), end('test_b', 'success'), lateError('test_a')]);
    this.assertEqual(state.summary, summaryWith({ tests: 2, successes: 1, errors: 1 }));
    this.assertEqual(state.outcomes.get(test('test_a').id), 'error');
  }

  /** A late error on a test already counted as an error changes nothing. */
  test_lateErrorOnErrorCountsOnce(): void {
    const state = fold([end('test_a', 'error'), lateError('test_a'), lateError('test_a')]);
    this.assertEqual(state.summary, summaryWith({ tests: 1, errors: 1 }));
  }

  /** A late error moves a failure (or skip) to the errors too. */
  test_lateErrorMovesFailureToErrors(): void {
    const state = fold([end('test_a', 'failure'), end('test_b', 'skip'), lateError('test_a'), lateError('test_b')]);
    this.assertEqual(state.summary, summaryWith({ tests: 2, errors: 2 }));
  }

  /** A late error for a test not seen yet counts it as one test, an error. */
  test_lateErrorForUnknownTest(): void {
    const state = fold([lateError('test_z')]);
    this.assertEqual(state.summary, summaryWith({ tests: 1, errors: 1 }));
  }

  /** A test:end after a late error for the same test replaces the error, not adds to it. */
  test_endAfterLateErrorReplaces(): void {
    const state = fold([lateError('test_a'), end('test_a', 'success')]);
    this.assertEqual(state.summary, summaryWith({ tests: 1, successes: 1 }));
  }

  /** An orphan error (no test) counts as an error and an orphan, not as a test. */
  test_orphanErrorsCount(): void {
    const state = fold([end('test_a', 'success'), lateError(null), lateError(null)]);
    this.assertEqual(state.summary, summaryWith({ tests: 1, successes: 1, errors: 2, orphanErrors: 2 }));
  }

  /** run:start, worker:crash, sidecar:state and run:end count nothing. */
  test_otherEventsCountNothing(): void {
    const events: RunnerEvent[] = [
      { type: 'run:start', version: PROTOCOL_VERSION, time: 0, cwd: '/', workers: 1 },
      { type: 'worker:crash', worker: 0, reason: 'exited with code 3', exitCode: 3, signal: null, stderrTail: '' },
      { type: 'sidecar:state', name: 'db', state: 'ready' },
      { type: 'run:end', summary: summaryWith({ tests: 99, failures: 99 }) },
    ];
    this.assertEqual(fold(events).summary, emptySummary());
  }
}

export class CountsTests extends SynchronousTestCase {
  /** Passed is successes, expected failures and (Trial's rule) unexpected successes. */
  test_passedCount(): void {
    this.assertEqual(passedCount(summaryWith({ successes: 3, expectedFailures: 2, unexpectedSuccesses: 4, skips: 7, failures: 1 })), 9);
  }

  /** Failed is failures plus errors (skips, passes and unexpected successes excluded). */
  test_failedCount(): void {
    this.assertEqual(failedCount(summaryWith({ failures: 1, errors: 2, unexpectedSuccesses: 4, skips: 8, successes: 16 })), 3);
  }

  /** problemCount is failures, errors and unexpected successes, strict or not. */
  test_problemCount(): void {
    const counts = { failures: 1, errors: 2, unexpectedSuccesses: 4, skips: 8, successes: 16, expectedFailures: 32 };
    this.assertEqual([problemCount(summaryWith(counts)), problemCount(summaryWith({ ...counts, strictTodo: true }))], [7, 7]);
  }

  /** Under strictTodo an unexpected success moves from passed to failed. */
  test_strictTodoCountsUnexpectedSuccessesAsFailed(): void {
    const summary = summaryWith({ successes: 3, expectedFailures: 2, unexpectedSuccesses: 4, failures: 1, strictTodo: true });
    this.assertEqual([passedCount(summary), failedCount(summary)], [5, 5]);
  }

  /** A run is successful exactly when nothing failed or errored; an unexpected success fails it only under strictTodo. */
  test_wasSuccessful(): void {
    this.assertTrue(wasSuccessful(summaryWith({ successes: 1, skips: 1, expectedFailures: 1 })));
    this.assertTrue(wasSuccessful(summaryWith({ successes: 1, unexpectedSuccesses: 1 })));
    this.assertFalse(wasSuccessful(summaryWith({ successes: 1, unexpectedSuccesses: 1, strictTodo: true })));
    this.assertFalse(wasSuccessful(summaryWith({ successes: 1, failures: 1 })));
  }

  /** failsRun: failures and errors always, unexpected successes only when strict. */
  test_failsRun(): void {
    const outcomes: Outcome[] = ['success', 'failure', 'error', 'skip', 'expectedFailure', 'unexpectedSuccess'];
    this.assertEqual(outcomes.filter((o) => failsRun(o, false)), ['failure', 'error']);
    this.assertEqual(outcomes.filter((o) => failsRun(o, true)), ['failure', 'error', 'unexpectedSuccess']);
  }

  /** initialState records strictTodo in the summary only when it is on. */
  test_initialStateRecordsStrictTodo(): void {
    this.assertEqual([initialState().summary.strictTodo, initialState({ strictTodo: true }).summary.strictTodo], [undefined, true]);
  }
}

export class ExitCodeTests extends SynchronousTestCase {
  /** A run with passing tests exits 0. */
  test_exitCodeOk(): void {
    this.assertEqual(exitCodeOf(summaryWith({ tests: 2, successes: 2 }), false), 0);
  }

  /** A run with a failure or an error exits 1. */
  test_exitCodeFailed(): void {
    for (const field of ['failures', 'errors'] as const) {
      this.assertEqual(exitCodeOf(summaryWith({ tests: 1, [field]: 1 }), false), 1, field);
    }
  }

  /** An unexpected success exits 0, as in Trial; under strictTodo it exits 1. */
  test_exitCodeUnexpectedSuccess(): void {
    this.assertEqual(exitCodeOf(summaryWith({ tests: 1, unexpectedSuccesses: 1 }), false), 0);
    this.assertEqual(exitCodeOf(summaryWith({ tests: 1, unexpectedSuccesses: 1, strictTodo: true }), false), 1);
  }

  /** A run with no tests exits 5, or 0 with --allow-empty. */
  test_exitCodeNoTests(): void {
    this.assertEqual(exitCodeOf(emptySummary(), false), 5);
    this.assertEqual(exitCodeOf(emptySummary(), true), 0);
  }

  /** Orphan errors with no tests still exit 1 (the failure wins over "no tests"). */
  test_exitCodeOrphanOnly(): void {
    this.assertEqual(exitCodeOf(summaryWith({ errors: 1, orphanErrors: 1 }), true), 1);
    this.assertEqual(exitCodeOf(summaryWith({ errors: 1, orphanErrors: 1 }), false), 1);
  }

  /** An interrupted run exits 130 whatever else happened. */
  test_exitCodeInterrupted(): void {
    this.assertEqual(exitCodeOf(summaryWith({ interrupted: true, tests: 1, failures: 1 }), false), 130);
    this.assertEqual(exitCodeOf(summaryWith({ interrupted: true }), false), 130);
  }

  /** The EXIT table holds the documented codes. */
  test_exitTable(): void {
    this.assertEqual({ ...EXIT }, { ok: 0, testsFailed: 1, usage: 2, cannotRun: 3, noTests: 5, interrupted: 130 });
  }
}
