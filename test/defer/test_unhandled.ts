/**
 * Tests for packages/runtime/src/defer/unhandled.ts under the runner: the per-thread registry of unhandled
 * failures, drained per test (outside the runner: test_unhandledHook.ts).
 */
import { SynchronousTestCase } from 'trial-ts';
import { Deferred, fail, succeed, UnhandledDeferredError } from '@trial-ts/runtime';
import { collectUnhandledFailures, drainUnhandledErrors, drainUnhandledFailures, markHandled, unhandledCount, unhandledState, type UnhandledState } from '@trial-ts/runtime/internal';

/** Tests for registering and draining unhandled failures. */
export class UnhandledTests extends SynchronousTestCase {
  /** A Deferred ending on a failure is registered; draining returns it once. */
  test_drain() {
    const error = new Error('lost');
    fail(error);
    const drained = drainUnhandledFailures();
    this.assertEqual(drained.length, 1);
    this.assertIdentical(drained[0]!.value, error);
    this.assertEqual(drainUnhandledFailures(), []);
  }

  /** A drained failure passed on by a later callback is not reported again. */
  test_drainedNotReportedAgain() {
    const d = fail(new Error('once'));
    drainUnhandledFailures();
    d.addCallback((x) => x);
    this.assertEqual(drainUnhandledFailures(), []);
    this.failureResultOf(d);
  }

  /** A new failure on a drained Deferred is reported. */
  test_newFailureAfterDrain() {
    const d = fail(new Error('first'));
    drainUnhandledFailures();
    d.addErrback(() => {
      throw new TypeError('second');
    });
    const drained = drainUnhandledFailures();
    this.assertEqual(drained.length, 1);
    this.assertTrue(drained[0]!.check(TypeError) !== null);
  }

  /** An errback that recovers leaves nothing registered. */
  test_errbackHandles() {
    const before = unhandledCount();
    fail(new Error('handled')).addErrback(() => null);
    this.assertEqual(unhandledCount(), before);
  }

  /** An errback added later removes the registration. */
  test_laterErrbackRemoves() {
    const before = unhandledCount();
    const d = fail(new Error('late'));
    this.assertEqual(unhandledCount(), before + 1);
    d.addErrback(() => null);
    this.assertEqual(unhandledCount(), before);
  }

  /** A success never registers. */
  test_successNotRegistered() {
    const before = unhandledCount();
    succeed(1).addCallback(() => 2);
    this.assertEqual(unhandledCount(), before);
  }

  /** `markHandled` keeps the result but stops the report. */
  test_markHandled() {
    const d = fail(new Error('marked'));
    const failure = markHandled(d);
    this.assertEqual(drainUnhandledFailures(), []);
    this.assertIdentical(d.peek().result, failure);
    this.failureResultOf(d);
  }

  /** `markHandled` on a Deferred without failure does nothing. */
  test_markHandledNoFailure() {
    this.assertIdentical(markHandled(succeed(1)), undefined);
    this.assertIdentical(markHandled(new Deferred()), undefined);
  }

  /** A paused Deferred holding a failure is not registered until its chain ends. */
  test_pausedNotRegistered() {
    const before = unhandledCount();
    const d = new Deferred<number>();
    d.pause();
    d.errback(new Error('paused'));
    this.assertEqual(unhandledCount(), before);
    d.unpause();
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(d);
  }

  /** The state is on globalThis under Symbol.for, shared by every library copy, and the runner has switched it to collecting. */
  test_stateOnGlobalThis() {
    const d = fail(new Error('global'));
    const state = (globalThis as Record<symbol, unknown>)[Symbol.for('trial-ts.defer.unhandledState')] as UnhandledState;
    this.assertIdentical(state, unhandledState);
    this.assertTrue(state.collecting);
    this.assertTrue(state.collected.has(d));
    this.failureResultOf(d);
    this.assertFalse(state.collected.has(d));
  }

  /** Under the runner, a drained failure comes as "Unhandled error in Deferred", created on this line, caused by the error. */
  test_drainUnhandledErrors() {
    const error = new RangeError('lost');
    const d = new Deferred<number>(); const line = lineHere();
    d.errback(error);
    const [unhandled, ...rest] = drainUnhandledErrors();
    this.assertEqual(rest, []);
    this.assertTrue(unhandled instanceof UnhandledDeferredError);
    this.assertIdentical(unhandled!.cause, error);
    this.assertIdentical(unhandled!.failure.value, error);
    this.assertEqual(unhandled!.code, 'TRIAL_UNHANDLED_DEFERRED');
    this.assertSubstring('Unhandled error in Deferred: RangeError: lost.', unhandled!.message);
    this.assertSubstring(`test_unhandled.ts:${line}:`, unhandled!.stack!.split('\n')[1]!);
  }

  /** Outside the runner's collection nothing is registered and no creation site is captured. */
  test_notCollectingKeepsNothing() {
    collectUnhandledFailures(false);
    let d: Deferred<number>;
    try {
      d = new Deferred<number>();
      d.errback(new Error('not collected'));
    } finally {
      collectUnhandledFailures(true);
    }
    this.assertFalse(unhandledState.collected.has(d));
    this.assertEqual(drainUnhandledErrors(), []);
    this.failureResultOf(d);
  }
}

/** The line of the caller. */
function lineHere(): number {
  const frame = new Error().stack!.split('\n')[2]!;
  return Number(/:(\d+):\d+\)?$/.exec(frame)![1]);
}
