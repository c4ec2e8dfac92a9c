/**
 * Tests for src/runner/runAttempts.ts: how many attempts run, and what the last `test:end`
 * says about them.
 */
import { TestCase } from 'trial-ts';
import type { Outcome, TestEndEvent } from '../../src/runner/events';
import { retriesOf, runAttempts } from '../../src/runner/runAttempts';

const TEST = { id: 'f.ts:T.test_x', file: 'f.ts', className: 'T', methodName: 'test_x' };

/** An attempt function that ends with each outcome in turn, and counts its calls. */
function scripted(outcomes: Outcome[]): { attempt: () => Promise<TestEndEvent>; calls: () => number } {
  let calls = 0;
  const attempt = async (): Promise<TestEndEvent> => {
    const outcome = outcomes[calls++];
    const errors = outcome === 'success' ? [] : [{ name: 'Error', message: `attempt ${calls}`, stack: '' }];
    return { type: 'test:end', test: TEST, worker: 0, outcome, durationMs: 10, errors };
  };
  return { attempt, calls: () => calls };
}

export class RunAttemptsTests extends TestCase {
  /** A first pass, or no retries, is one attempt and the end is left as it is. */
  async test_oneAttempt() {
    const pass = scripted(['success']);
    this.assertEqual((await runAttempts(pass.attempt, 3)).attempts, undefined);
    this.assertEqual(pass.calls(), 1);
    const fail = scripted(['failure']);
    const end = await runAttempts(fail.attempt, 0);
    this.assertEqual([end.outcome, end.attempts, fail.calls()], ['failure', undefined, 1]);
  }

  /** A pass after failures is flaky, lists every attempt and sums the durations. */
  async test_flakyPass() {
    const script = scripted(['failure', 'error', 'success']);
    const end = await runAttempts(script.attempt, 5);
    this.assertEqual(script.calls(), 3);
    this.assertEqual(end.outcome, 'success');
    this.assertEqual(end.flaky, true);
    this.assertEqual(end.durationMs, 30);
    this.assertEqual(end.attempts?.map((attempt) => attempt.outcome), ['failure', 'error', 'success']);
  }

  /** Retries run out: the last failure is the outcome, every attempt listed, not flaky. */
  async test_retriesRunOut() {
    const script = scripted(['failure', 'failure', 'failure', 'success']);
    const end = await runAttempts(script.attempt, 2);
    this.assertEqual(script.calls(), 3);
    this.assertEqual([end.outcome, end.flaky], ['failure', undefined]);
    this.assertEqual(end.errors[0].message, 'attempt 3');
    this.assertEqual(end.attempts?.length, 3);
  }

  /** An outcome other than failure or error (a skip) is never retried. */
  async test_skipNotRetried() {
    const script = scripted(['failure', 'skip', 'success']);
    const end = await runAttempts(script.attempt, 5);
    this.assertEqual([end.outcome, end.flaky, script.calls()], ['skip', undefined, 2]);
  }

  /** The marker's count wins over --retries, which is the default. */
  test_retriesOf() {
    const state = (retries?: number) => ({ config: { retries } }) as never;
    this.assertEqual(retriesOf({ cleanReactor: true, flaky: 2 }, state(5)), 2);
    this.assertEqual(retriesOf({ cleanReactor: true }, state(5)), 5);
    this.assertEqual(retriesOf({ cleanReactor: true }, state()), 0);
  }
}
