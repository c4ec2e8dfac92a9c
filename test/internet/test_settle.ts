/**
 * settle(): every pending process.nextTick callback and microtask runs, and what they
 * queue, until both queues are empty; no timer, immediate or I/O callback runs.
 */
import { PassThrough } from 'node:stream';
import { flushMicrotasks, settle, SettleLimitError, TestCase } from 'trial-ts';

export class SettleTests extends TestCase {
  /** A chain of ticks, each queuing the next, runs to its end. */
  async test_settleRunsTickChains(): Promise<void> {
    const ran: number[] = [];
    const step = (n: number): void => {
      ran.push(n);
      if (n < 50) process.nextTick(step, n + 1);
    };
    process.nextTick(step, 1);
    await settle();
    this.assertEqual(ran.length, 50);
  }

  /** Ticks and microtasks that queue each other, in both directions, all run. */
  async test_settleRunsTicksAndMicrotasksInterleaved(): Promise<void> {
    const ran: string[] = [];
    process.nextTick(() => {
      ran.push('tick 1');
      void Promise.resolve().then(() => {
        ran.push('microtask 1');
        process.nextTick(() => {
          ran.push('tick 2');
          queueMicrotask(() => ran.push('microtask 2'));
        });
      });
    });
    await settle();
    this.assertEqual(ran, ['tick 1', 'microtask 1', 'tick 2', 'microtask 2']);
  }

  /** A promise chain built before settle, longer than a few hops, runs to its end. */
  async test_settleRunsLongPromiseChains(): Promise<void> {
    let p: Promise<number> = Promise.resolve(0);
    for (let i = 0; i < 200; i++) p = p.then((n) => n + 1);
    let result = -1;
    void p.then((n) => (result = n));
    await settle();
    this.assertEqual(result, 200);
  }

  /** Timers and immediates do not run while settling. */
  async test_settleRunsNoTimersOrImmediates(): Promise<void> {
    const ran: string[] = [];
    const immediate = setImmediate(() => ran.push('immediate'));
    const timer = setTimeout(() => ran.push('timer'), 0);
    this.addCleanup(() => (clearImmediate(immediate), clearTimeout(timer)));
    process.nextTick(() => ran.push('tick'));
    await settle();
    this.assertEqual(ran, ['tick']);
  }

  /** Stream events, which Node emits from process.nextTick, are delivered; flushMicrotasks alone does not. */
  async test_settleDeliversStreamEventsWhereFlushMicrotasksDoesNot(): Promise<void> {
    const stream = new PassThrough();
    let ended = false;
    stream.on('end', () => (ended = true));
    stream.resume();
    stream.end('x');
    await flushMicrotasks();
    const afterFlush = ended;
    await settle();
    this.assertEqual([afterFlush, ended], [false, true]);
  }

  /** Code that re-queues itself forever is a SettleLimitError naming the remedy. */
  async test_endlessTickLoopIsAnError(): Promise<void> {
    let stop = false;
    // A tick that queues a microtask that queues the tick again (a pure nextTick loop
    // would starve every microtask, settle's and the test's alike, as it starves Node).
    // It also stops by itself after 100,000 turns, so a broken settle fails this test
    // instead of starving the worker forever.
    let turns = 0;
    const loop = (): void => {
      if (!stop && ++turns < 100_000) queueMicrotask(() => process.nextTick(loop));
    };
    process.nextTick(loop);
    const error = await this.assertRejects(SettleLimitError, settle({ maxRounds: 20 }));
    stop = true;
    await settle();
    this.assertSubstring('after 20 rounds', error.message);
    this.assertEqual((error as SettleLimitError).code, 'TRIAL_SETTLE_LIMIT');
  }
}
