/** The thread's one async hook: shared by every copy of the library, handing resources to the newest sink. */
import { SynchronousTestCase } from 'trial-ts';
import { captureCreationStack, getTracker, type InitSink } from '../../src/janitor/tracker';

export class TrackerTests extends SynchronousTestCase {
  /** Both copies of the library get the same tracker (it lives on globalThis). */
  test_oneTrackerPerThread(): void {
    this.assertIdentical(getTracker(), getTracker());
    this.assertIdentical((globalThis as Record<symbol, unknown>)[Symbol.for('trial-ts.janitor.tracker')], getTracker());
  }

  /** The newest sink receives resources (not promises) until it is removed; then the previous one does again. */
  test_newestSinkReceives(): void {
    const tracker = getTracker();
    const seen: string[] = [];
    const sink: InitSink = (_id, type) => void seen.push(type);
    tracker.pushSink(sink);
    try {
      clearTimeout(setTimeout(() => undefined, 1000));
      void Promise.resolve();
    } finally {
      tracker.removeSink(sink);
    }
    clearTimeout(setTimeout(() => undefined, 1000));
    this.assertEqual(seen, ['Timeout']);
  }

  /** A creation stack starts below the skipped function and keeps at most `limit` frames. */
  test_creationStackIsBounded(): void {
    const inner = (): { stack?: string } => captureCreationStack(inner, 2);
    const frames = (inner().stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
    this.assertEqual(frames.length, 2);
    this.assertSubstring('test_creationStackIsBounded', frames[0]);
  }
}
