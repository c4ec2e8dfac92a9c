import { SynchronousTestCase } from 'trial-ts';
import { Deferred, LoopingCall } from '@trial-ts/runtime';
import { Clock } from '../../src/internet/clock';

export class LoopingCallTests extends SynchronousTestCase {
  /** start() calls at once, then every interval. */
  test_callsEveryInterval(): void {
    const clock = new Clock();
    const ticks: number[] = [];
    const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
    loop.start(10);
    clock.pump([10, 10]);
    this.assertEqual(ticks, [0, 10, 20]);
    loop.stop();
  }

  /** With now=false the first call waits one interval. */
  test_notNow(): void {
    const clock = new Clock();
    const ticks: number[] = [];
    const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
    loop.start(5, false);
    this.assertEqual(ticks, []);
    clock.advance(5);
    this.assertEqual(ticks, [5]);
    loop.stop();
  }

  /** stop() fires start()'s Deferred with the loop and leaves no call pending. */
  test_stopFiresDeferred(): void {
    const clock = new Clock();
    const loop = new LoopingCall(clock, () => undefined);
    const d = loop.start(1);
    this.assertNoResult(d);
    loop.stop();
    this.assertIdentical(this.successResultOf(d), loop);
    this.assertFalse(loop.running);
    this.assertEqual(clock.getDelayedCalls().length, 0);
  }

  /** Missed intervals are skipped: the next call stays on the start + k × interval grid. */
  test_skipsMissedIntervals(): void {
    const clock = new Clock();
    const ticks: number[] = [];
    const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
    loop.start(10);
    clock.advance(35);
    this.assertEqual(ticks, [0, 35]);
    this.assertEqual(clock.getDelayedCalls()[0]!.getTime(), 40);
    loop.stop();
  }

  /** A throwing function stops the loop and fails the Deferred. */
  test_errorStopsLoop(): void {
    const clock = new Clock();
    let count = 0;
    const loop = new LoopingCall(clock, () => {
      if (++count === 2) throw new RangeError('second');
    });
    const d = loop.start(1);
    clock.advance(1);
    this.failureResultOf(d, RangeError);
    this.assertFalse(loop.running);
    clock.advance(5);
    this.assertEqual(count, 2);
  }

  /** When the function returns a Deferred, the next call waits for it. */
  test_waitsForDeferred(): void {
    const clock = new Clock();
    const pending: Deferred<void>[] = [];
    const loop = new LoopingCall(clock, () => {
      const d = new Deferred<void>();
      pending.push(d);
      return d;
    });
    const done = loop.start(1);
    clock.advance(5);
    this.assertEqual(pending.length, 1);
    pending[0]!.callback(undefined);
    clock.advance(1);
    this.assertEqual(pending.length, 2);
    loop.stop();
    this.assertNoResult(done); // stopped, but the running call has not finished
    pending[1]!.callback(undefined);
    this.assertIdentical(this.successResultOf(done), loop);
  }

  /** Starting twice, or stopping a stopped loop, is an error. */
  test_misuse(): void {
    const clock = new Clock();
    const loop = new LoopingCall(clock, () => undefined);
    this.assertRaises(Error, () => loop.stop());
    loop.start(1);
    this.assertRaises(Error, () => loop.start(1));
    this.assertRaises(RangeError, () => new LoopingCall(clock, () => undefined).start(-1));
    loop.stop();
  }

  /** withCount passes 1 per regular tick, and the number of intervals passed when ticks were skipped. */
  test_withCount(): void {
    const clock = new Clock();
    const counts: number[] = [];
    const loop = LoopingCall.withCount(clock, (count) => counts.push(count));
    loop.start(1);
    clock.advance(1);
    clock.advance(3.5); // t=4.5: ticks 2, 3 and 4 fell due at once
    clock.advance(0.5); // t=5
    this.assertEqual(counts, [1, 1, 3, 1]);
    loop.stop();
  }

  /** withCount started with now=false counts from the start; with interval 0 it always passes 1. */
  test_withCountNotNowAndZero(): void {
    const clock = new Clock();
    const counts: number[] = [];
    const loop = LoopingCall.withCount(clock, (count) => counts.push(count));
    loop.start(2, false);
    clock.advance(6); // the first call, three intervals after the start
    this.assertEqual(counts, [3]);
    loop.stop();
    const zero: number[] = [];
    // An interval of 0 runs on every clock turn; the loop stops itself after three.
    const fast = LoopingCall.withCount(clock, (count) => zero.push(count) === 3 && fast.stop());
    fast.start(0);
    clock.advance(10);
    this.assertEqual(zero, [1, 1, 1]);
  }

  /** reset() skips the pending call and starts the grid again from now. */
  test_reset(): void {
    const clock = new Clock();
    const ticks: number[] = [];
    const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
    loop.start(10);
    clock.advance(7);
    loop.reset();
    clock.advance(3); // t=10: the skipped call
    this.assertEqual(ticks, [0]);
    clock.advance(7); // t=17
    clock.advance(10); // t=27
    this.assertEqual(ticks, [0, 17, 27]);
    loop.stop();
    this.assertRaises(Error, () => loop.reset());
  }

  /** Setting interval changes the calls after the one already scheduled. */
  test_setInterval(): void {
    const clock = new Clock();
    const ticks: number[] = [];
    const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
    loop.start(10);
    loop.interval = 5;
    this.assertEqual(loop.interval, 5);
    clock.pump([10, 5, 5]);
    this.assertEqual(ticks, [0, 10, 15, 20]);
    this.assertRaises(RangeError, () => (loop.interval = -1));
    loop.stop();
  }
}
