/**
 * Tests for src/runner/realTimers.ts: the runner's timers survive a test faking the globals.
 */
import { TestCase } from 'trial-ts';
import { nextTurn, realTimers } from '../../src/runner/realTimers';

/** Tests of the real timers. */
export class RealTimersTests extends TestCase {
  /** With the global timers replaced by fakes that never fire, the real ones still fire. */
  async test_fireWhileGlobalsAreFaked(): Promise<void> {
    const saved = { setTimeout: globalThis.setTimeout, setImmediate: globalThis.setImmediate };
    const never = (() => undefined) as never;
    globalThis.setTimeout = never;
    globalThis.setImmediate = never;
    try {
      await new Promise((resolve) => realTimers.setTimeout(resolve, 1));
      await nextTurn();
    } finally {
      globalThis.setTimeout = saved.setTimeout;
      globalThis.setImmediate = saved.setImmediate;
    }
    this.assertIdentical(globalThis.setTimeout, saved.setTimeout);
  }

  /** The table is frozen, and `now` is monotonic. */
  test_frozenAndMonotonic(): void {
    this.assertTrue(Object.isFrozen(realTimers));
    const first = realTimers.now();
    this.assertTrue(realTimers.now() >= first);
  }

  /** nextTurn resolves after the immediates queued before it. */
  async test_nextTurnAfterQueuedImmediates(): Promise<void> {
    const order: string[] = [];
    setImmediate(() => order.push('immediate'));
    await nextTurn();
    order.push('after');
    this.assertEqual(order, ['immediate', 'after']);
  }
}
