/**
 * Tests for src/cli/holdBack.ts: held events go out in order once the settle time passed,
 * and drain() lets them go for a caller that is about to read results.
 */
import { TestCase } from 'trial-ts';
import { HoldBack, SERVER_LOG_SETTLE_MS } from '../../src/cli/holdBack';
import type { RunnerEvent } from '../../src/runner/events';

function lateError(message: string): RunnerEvent {
  return { type: 'test:lateError', test: null, worker: 0, error: { name: 'Error', message, stack: '' } };
}

function messageOf(event: RunnerEvent): string {
  return event.type === 'test:lateError' ? event.error.message : event.type;
}

/** Tests of holding events back. */
export class HoldBackTests extends TestCase {
  /** Nothing is released before the settle time; then everything, in order. */
  async test_releasesInOrderAfterSettle() {
    const released: string[] = [];
    const holdBack = new HoldBack((event) => released.push(messageOf(event)));
    this.assertFalse(holdBack.holding);
    holdBack.hold(lateError('a'));
    holdBack.hold(lateError('b'));
    this.assertTrue(holdBack.holding);
    this.assertEqual(released, []);
    await new Promise((resolve) => setTimeout(resolve, SERVER_LOG_SETTLE_MS * 3));
    this.assertEqual(released, ['a', 'b']);
    this.assertFalse(holdBack.holding);
  }

  /** drain() waits out the settle time and releases what is held; with nothing held it returns at once. */
  async test_drainReleases() {
    const released: string[] = [];
    const holdBack = new HoldBack((event) => released.push(messageOf(event)));
    await holdBack.drain();
    holdBack.hold(lateError('a'));
    await holdBack.drain();
    this.assertEqual(released, ['a']);
    await new Promise((resolve) => setTimeout(resolve, SERVER_LOG_SETTLE_MS * 2));
    this.assertEqual(released, ['a'], 'the timer released it a second time');
  }
}
