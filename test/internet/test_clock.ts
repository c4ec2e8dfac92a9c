import { SynchronousTestCase } from 'trial-ts';
import { Clock } from '../../src/internet/clock';
import { reactorTimeContract } from './contracts/reactorTimeContract';

/** Clock passes the IReactorTime contract. */
export class ClockReactorTimeTests extends reactorTimeContract(() => {
  const clock = new Clock();
  return {
    reactor: clock,
    pass: async (seconds: number) => clock.advance(seconds),
  };
}) {}

export class ClockTests extends SynchronousTestCase {
  /** Time starts at 0 and moves only with advance(). */
  test_secondsStartsAtZero(): void {
    const clock = new Clock();
    this.assertEqual(clock.seconds(), 0);
    clock.advance(2.5);
    this.assertEqual(clock.seconds(), 2.5);
  }

  /** advance() runs every call due by the new time, earliest first, and no others. */
  test_advanceRunsDueCallsInOrder(): void {
    const clock = new Clock();
    const order: number[] = [];
    clock.callLater(3, () => order.push(3));
    clock.callLater(1, () => order.push(1));
    clock.callLater(2, () => order.push(2));
    clock.advance(2);
    this.assertEqual(order, [1, 2]);
    clock.advance(1);
    this.assertEqual(order, [1, 2, 3]);
  }

  /** A call scheduled during advance() that is already due runs in the same advance. */
  test_callScheduledDuringAdvanceRuns(): void {
    const clock = new Clock();
    const order: string[] = [];
    clock.callLater(1, () => {
      order.push('first');
      clock.callLater(0, () => order.push('nested'));
      clock.callLater(5, () => order.push('later'));
    });
    clock.advance(2);
    this.assertEqual(order, ['first', 'nested']);
  }

  /** Calls due at the same time run in the order they were scheduled. */
  test_sameTimeSchedulingOrder(): void {
    const clock = new Clock();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) clock.callLater(1, () => order.push(name));
    clock.advance(1);
    this.assertEqual(order, ['a', 'b', 'c']);
  }

  /** reset() to the same time as a later-scheduled call keeps scheduling order. */
  test_sameTimeOrderStableAcrossReset(): void {
    const clock = new Clock();
    const order: string[] = [];
    const first = clock.callLater(1, () => order.push('first'));
    clock.callLater(2, () => order.push('second'));
    first.reset(2);
    clock.advance(2);
    this.assertEqual(order, ['first', 'second']);
  }

  /** delay() onto the time of an earlier-scheduled call runs after it. */
  test_sameTimeOrderStableAcrossDelay(): void {
    const clock = new Clock();
    const order: string[] = [];
    clock.callLater(2, () => order.push('first'));
    const second = clock.callLater(1, () => order.push('second'));
    second.delay(1);
    clock.advance(2);
    this.assertEqual(order, ['first', 'second']);
  }

  /** reset() and delay() move a call to its new place in the queue. */
  test_resetReorders(): void {
    const clock = new Clock();
    const order: string[] = [];
    const a = clock.callLater(1, () => order.push('a'));
    clock.callLater(2, () => order.push('b'));
    a.reset(3);
    clock.advance(2);
    this.assertEqual(order, ['b']);
    this.assertEqual(a.getTime(), 3);
    clock.advance(1);
    this.assertEqual(order, ['b', 'a']);
  }

  /** pump() advances by each amount in turn. */
  test_pump(): void {
    const clock = new Clock();
    const seen: number[] = [];
    for (const t of [1, 2, 3]) clock.callLater(t, () => seen.push(clock.seconds()));
    clock.pump([1, 1, 1]);
    this.assertEqual(seen, [1, 2, 3]);
  }

  /** getDelayedCalls() is a snapshot in run order. */
  test_getDelayedCallsSnapshot(): void {
    const clock = new Clock();
    const late = clock.callLater(2, () => undefined);
    const early = clock.callLater(1, () => undefined);
    const calls = clock.getDelayedCalls();
    this.assertEqual([...calls], [early, late]);
    (calls as unknown[]).length = 0;
    this.assertEqual(clock.getDelayedCalls().length, 2);
  }

  /** A call that throws makes advance() throw; the calls still due run at the next advance. */
  test_throwingCall(): void {
    const clock = new Clock();
    const order: string[] = [];
    clock.callLater(1, () => {
      throw new Error('boom');
    });
    clock.callLater(1, () => order.push('after'));
    const error = this.assertRaises(Error, () => clock.advance(1));
    this.assertEqual(error.message, 'boom');
    this.assertEqual(order, []);
    clock.advance(0);
    this.assertEqual(order, ['after']);
  }

  /** Time never goes back. */
  test_negativeAdvance(): void {
    this.assertRaises(RangeError, () => new Clock().advance(-1));
  }

  /** A delayed call describes itself with its function, time and state. */
  test_toString(): void {
    const clock = new Clock();
    const call = clock.callLater(5, function ping() {});
    this.assertEqual(String(call), '<DelayedCall ping at 5s (pending)>');
    call.cancel();
    this.assertEqual(String(call), '<DelayedCall ping at 5s (cancelled)>');
  }
}
