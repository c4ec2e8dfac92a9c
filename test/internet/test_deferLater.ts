import { SynchronousTestCase } from 'trial-ts';
import { Deferred, CancelledError, deferLater } from '@trial-ts/runtime';
import { Clock } from '../../src/internet/clock';

export class DeferLaterTests extends SynchronousTestCase {
  /** The Deferred fires with the function's result once the delay has passed. */
  test_firesAfterDelay(): void {
    const clock = new Clock();
    const d = deferLater(clock, 2, (a: number, b: number) => a + b, 1, 2);
    clock.advance(1.9);
    this.assertNoResult(d);
    clock.advance(0.1);
    this.assertEqual(this.successResultOf(d), 3);
  }

  /** Without a function it fires with undefined. */
  test_noFunction(): void {
    const clock = new Clock();
    const d = deferLater(clock, 1);
    clock.advance(1);
    this.assertIdentical(this.successResultOf(d), undefined);
  }

  /** Cancelling fails with CancelledError, cancels the call, and the function never runs. */
  test_cancel(): void {
    const clock = new Clock();
    let ran = false;
    const d = deferLater(clock, 1, () => (ran = true));
    d.cancel();
    this.failureResultOf(d, CancelledError);
    this.assertEqual(clock.getDelayedCalls().length, 0);
    clock.advance(2);
    this.assertFalse(ran);
  }

  /** An error thrown by the function fails the Deferred. */
  test_functionThrows(): void {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => {
      throw new RangeError('bad');
    });
    clock.advance(1);
    this.failureResultOf(d, RangeError);
  }

  /** A Deferred returned by the function is chained. */
  test_chainsDeferred(): void {
    const clock = new Clock();
    const inner = new Deferred<string>();
    const d = deferLater(clock, 1, () => inner);
    clock.advance(1);
    this.assertNoResult(d);
    inner.callback('inner');
    this.assertEqual(this.successResultOf(d), 'inner');
  }
}
