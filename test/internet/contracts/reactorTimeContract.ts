/**
 * The IReactorTime contract: the same assertions for the fake `Clock` and the real
 * `reactor`. Each suite supplies a reactor and a way to let `seconds` pass on it.
 */
import { TestCase } from 'trial-ts';
import { AlreadyCalledError, AlreadyCancelledError } from '@trial-ts/runtime';
import type { IReactorTime } from '@trial-ts/runtime';

/** What a contract suite needs: a reactor and a way to let time pass on it. */
export interface TimeHarness {
  reactor: IReactorTime;
  /** Let at least `seconds` pass and the calls due by then run. */
  pass(seconds: number): Promise<void>;
}

/**
 * Build the contract suite for one kind of reactor.
 *
 * @param makeHarness - called in setUp; returns a fresh harness.
 * @returns an abstract TestCase class to extend (and export) in a test file.
 */
export function reactorTimeContract(makeHarness: (test: TestCase) => TimeHarness) {
  abstract class ReactorTimeContract extends TestCase {
    harness!: TimeHarness;

    override setUp(): void {
      this.harness = makeHarness(this);
    }

    get reactor(): IReactorTime {
      return this.harness.reactor;
    }

    /** A call runs with its arguments once its delay has passed, and only once. */
    async test_callLaterRunsWithArguments(): Promise<void> {
      const calls: unknown[][] = [];
      this.reactor.callLater(0.01, (a: number, b: string) => calls.push([a, b]), 1, 'two');
      this.assertEqual(calls, []);
      await this.harness.pass(0.03);
      this.assertEqual(calls, [[1, 'two']]);
    }

    /** getTime() is seconds() plus the delay. */
    test_getTime(): void {
      const before = this.reactor.seconds();
      const call = this.reactor.callLater(10, () => undefined);
      this.addCleanup(() => call.cancel());
      this.assertApproximates(call.getTime(), before + 10, 0.05);
    }

    /** A cancelled call never runs and is no longer active. */
    async test_cancelPreventsCall(): Promise<void> {
      let ran = false;
      const call = this.reactor.callLater(0.01, () => (ran = true));
      call.cancel();
      this.assertFalse(call.active());
      this.assertTrue(call.cancelled);
      await this.harness.pass(0.03);
      this.assertFalse(ran);
    }

    /** Cancelling twice throws AlreadyCancelledError. */
    test_cancelTwice(): void {
      const call = this.reactor.callLater(1, () => undefined);
      call.cancel();
      this.assertRaises(AlreadyCancelledError, () => call.cancel());
    }

    /** Cancelling, delaying or resetting a call that ran throws AlreadyCalledError. */
    async test_cancelAfterCalled(): Promise<void> {
      const call = this.reactor.callLater(0, () => undefined);
      await this.harness.pass(0.01);
      this.assertTrue(call.called);
      this.assertRaises(AlreadyCalledError, () => call.cancel());
      this.assertRaises(AlreadyCalledError, () => call.delay(1));
      this.assertRaises(AlreadyCalledError, () => call.reset(1));
    }

    /** A call that cancels itself while running gets AlreadyCalledError. */
    async test_cancelFromInsideItself(): Promise<void> {
      let error: unknown;
      const call = this.reactor.callLater(0, () => {
        try {
          call.cancel();
        } catch (e) {
          error = e;
        }
      });
      await this.harness.pass(0.01);
      this.assertIsInstance(error, AlreadyCalledError);
    }

    /** Calls run in the order of their due times, not of scheduling. */
    async test_callsRunInTimeOrder(): Promise<void> {
      const order: string[] = [];
      this.reactor.callLater(0.03, () => order.push('late'));
      this.reactor.callLater(0.01, () => order.push('early'));
      await this.harness.pass(0.06);
      this.assertEqual(order, ['early', 'late']);
    }

    /** delay() postpones a call. */
    async test_delayPostpones(): Promise<void> {
      let ran = false;
      const call = this.reactor.callLater(0.01, () => (ran = true));
      const due = call.getTime();
      call.delay(10);
      this.addCleanup(() => call.active() && call.cancel());
      this.assertApproximates(call.getTime(), due + 10, 1e-6);
      await this.harness.pass(0.03);
      this.assertFalse(ran);
    }

    /** reset() makes a call due that many seconds from now. */
    async test_resetBringsForward(): Promise<void> {
      let ran = false;
      const call = this.reactor.callLater(100, () => (ran = true));
      this.addCleanup(() => call.active() && call.cancel());
      call.reset(0.01);
      await this.harness.pass(0.03);
      this.assertTrue(ran);
    }

    /** getDelayedCalls() lists the pending calls only. */
    async test_getDelayedCalls(): Promise<void> {
      const kept = this.reactor.callLater(10, () => undefined);
      this.addCleanup(() => kept.cancel());
      const cancelled = this.reactor.callLater(10, () => undefined);
      cancelled.cancel();
      this.reactor.callLater(0, () => undefined);
      await this.harness.pass(0.01);
      this.assertEqual(this.reactor.getDelayedCalls(), [kept]);
    }

    /** A negative or non-finite delay is refused. */
    test_badDelay(): void {
      this.assertRaises(RangeError, () => this.reactor.callLater(-1, () => undefined));
      this.assertRaises(RangeError, () => this.reactor.callLater(Number.NaN, () => undefined));
    }
  }
  return ReactorTimeContract;
}
