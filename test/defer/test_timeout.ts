/**
 * Tests for `Deferred.addTimeout` (src/defer/timeout.ts), driven by the fake `Clock`,
 * which also checks that `Clock` satisfies defer's structural `ICallLater`.
 */
import { SynchronousTestCase } from 'trial-ts';
import { Deferred, CancelledError, TimeoutError, Failure, cancelledToTimedOut } from '@trial-ts/runtime';
import type { ICallLater } from '@trial-ts/runtime';
import { Clock } from '../../src/internet/clock';

/** Tests for `addTimeout`. */
export class AddTimeoutTests extends SynchronousTestCase {
  /** After the timeout the Deferred fails with TimeoutError. */
  test_timesOut() {
    const clock = new Clock();
    const d = new Deferred<string>().addTimeout(5, clock);
    clock.advance(4.9);
    this.assertNoResult(d);
    clock.advance(0.1);
    const failure = this.failureResultOf(d, TimeoutError);
    this.assertSubstring('5 seconds', failure.getErrorMessage());
    this.assertEqual((failure.value as TimeoutError).code, 'TRIAL_TIMEOUT');
  }

  /** A result before the timeout wins, and the scheduled call is cancelled. */
  test_resultCancelsTimer() {
    const clock = new Clock();
    const d = new Deferred<string>().addTimeout(5, clock);
    this.assertEqual(clock.getDelayedCalls().length, 1);
    d.callback('in time');
    this.assertEqual(clock.getDelayedCalls().length, 0);
    this.assertEqual(this.successResultOf(d), 'in time');
  }

  /** `addTimeout` returns the Deferred itself. */
  test_returnsSelf() {
    const d = new Deferred<number>();
    this.assertIdentical(d.addTimeout(1, new Clock()), d);
    d.callback(1);
  }

  /** onTimeoutCancel gets the result after the timeout and the timeout; its value is the result. */
  test_onTimeoutCancel() {
    const clock = new Clock();
    const calls: unknown[] = [];
    const d = new Deferred<string>().addTimeout(3, clock, (result, seconds) => {
      calls.push((result as Failure).check(CancelledError), seconds);
      return 'gave up';
    });
    clock.advance(3);
    this.assertEqual(calls, [CancelledError, 3]);
    this.assertEqual(this.successResultOf(d), 'gave up');
  }

  /** onTimeoutCancel is not called when the Deferred is cancelled for another reason. */
  test_onTimeoutCancelOnlyOnTimeout() {
    const clock = new Clock();
    let called = false;
    const d = new Deferred<string>().addTimeout(3, clock, (r) => {
      called = true;
      return r;
    });
    d.cancel();
    this.assertFalse(called);
    this.failureResultOf(d, CancelledError);
    this.assertEqual(clock.getDelayedCalls().length, 0);
  }

  /** A canceller that fires with a value on timeout keeps that value. */
  test_cancellerValueKept() {
    const clock = new Clock();
    const d = new Deferred<string>((x) => x.callback('partial')).addTimeout(1, clock);
    clock.advance(1);
    this.assertEqual(this.successResultOf(d), 'partial');
  }

  /** The timeout covers only callbacks added before it. */
  test_coversEarlierCallbacksOnly() {
    const clock = new Clock();
    const inner = new Deferred<string>();
    const d = new Deferred<string>();
    d.addCallback(() => inner);
    d.addTimeout(2, clock);
    const after = d.addCallback(() => new Deferred<string>());
    d.callback('go');
    inner.callback('inner done');
    clock.advance(2);
    this.assertNoResult(after);
  }

  /** A timeout while waiting on an inner Deferred cancels the inner one. */
  test_timeoutCancelsInner() {
    const clock = new Clock();
    let innerCancelled = false;
    const inner = new Deferred<string>(() => {
      innerCancelled = true;
    });
    const d = new Deferred<string>();
    d.addCallback(() => inner);
    d.addTimeout(2, clock);
    d.callback('go');
    clock.advance(2);
    this.assertTrue(innerCancelled);
    this.failureResultOf(d, TimeoutError);
  }

  /** Any object with `callLater` works as the clock. */
  test_structuralClock() {
    const scheduled: Array<() => void> = [];
    const clock: ICallLater = {
      callLater(_delay, fn) {
        scheduled.push(fn);
        return { cancel: () => undefined, active: () => true };
      },
    };
    const d = new Deferred<number>().addTimeout(1, clock);
    scheduled[0]!();
    this.failureResultOf(d, TimeoutError);
  }
}

/** Tests for the default translation. */
export class CancelledToTimedOutTests extends SynchronousTestCase {
  /** A CancelledError failure becomes a TimeoutError. */
  test_cancelled() {
    this.assertRaises(TimeoutError, () => cancelledToTimedOut(new Failure(new CancelledError()), 1));
  }

  /** Another failure is rethrown as is; a value is returned. */
  test_other() {
    const error = new RangeError('other');
    this.assertIdentical(this.assertRaises(RangeError, () => cancelledToTimedOut(new Failure(error), 1)), error);
    this.assertEqual(cancelledToTimedOut('value', 1), 'value');
  }
}
