/**
 * Tests for src/workers/threadPrewarm.ts: the early thread is handed to one slot once, never
 * to a slot with a heap limit, and destroyed when no slot took it.
 */
import { TestCase } from 'trial-ts';
import { adoptPrewarmedThread, discardPrewarmedThread, prewarmThread } from '../../src/workers/threadPrewarm';

export class ThreadPrewarmTests extends TestCase {
  override async setUp(): Promise<void> {
    await discardPrewarmedThread();
    this.addCleanup(discardPrewarmedThread);
  }

  /** The prewarmed pool is adopted once; a second adoption gets nothing. */
  async test_adoptOnce(): Promise<void> {
    prewarmThread();
    const pool = adoptPrewarmedThread(undefined);
    this.assertNotEqual(pool, null);
    this.addCleanup(() => pool!.destroy());
    this.assertEqual(pool!.options.maxThreads, 1);
    this.assertEqual(adoptPrewarmedThread(undefined), null);
  }

  /** A slot with a heap limit does not take a thread started without one. */
  async test_heapLimitRefuses(): Promise<void> {
    prewarmThread();
    this.assertEqual(adoptPrewarmedThread(256), null);
    const pool = adoptPrewarmedThread(undefined);
    this.assertNotEqual(pool, null);
    this.addCleanup(() => pool!.destroy());
  }

  /** Discarding leaves nothing to adopt; with nothing started it is a no-op. */
  async test_discard(): Promise<void> {
    prewarmThread();
    await discardPrewarmedThread();
    this.assertEqual(adoptPrewarmedThread(undefined), null);
    await discardPrewarmedThread();
    this.assertEqual(adoptPrewarmedThread(undefined), null);
  }
}
