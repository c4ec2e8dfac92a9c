/** Tests for src/workers/stderrTail.ts: the last lines of a worker's stderr, bounded, for crash reports. */
import { SynchronousTestCase } from 'trial-ts';
import { StderrTail } from '../../src/workers/stderrTail';

export class StderrTailTests extends SynchronousTestCase {
  /** Chunks join across line breaks; the tail is the last lines, without trailing blank lines. */
  test_lastLines(): void {
    const tail = new StderrTail(2);
    tail.push('one\ntw');
    tail.push('o\nthree\n\n');
    this.assertEqual([tail.tail(), tail.raw], ['two\nthree', 'one\ntwo\nthree\n\n']);
  }

  /** However much is written, it keeps a bounded amount, and the tail at most maxChars. */
  test_bounded(): void {
    const tail = new StderrTail(100, 10);
    for (let i = 0; i < 1000; i++) tail.push('0123456789');
    this.assertTrue(tail.raw.length <= 20, `kept ${tail.raw.length} characters`);
    this.assertEqual(tail.tail(), '0123456789');
  }

  /** clear() forgets everything (a fresh worker in the same slot). */
  test_clear(): void {
    const tail = new StderrTail();
    tail.push('FATAL ERROR: heap out of memory\n');
    tail.clear();
    this.assertEqual([tail.tail(), tail.raw], ['', '']);
  }
}
