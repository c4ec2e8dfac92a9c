/**
 * Tests for src/cli/closer.ts: resources close last first, a failing close does not stop
 * the others, and closing twice closes once.
 */
import { TestCase } from 'trial-ts';
import { Closer } from '../../src/cli/closer';

export class CloserTests extends TestCase {
  /** Resources are closed in reverse order of registration. */
  async test_closesInReverseOrder(): Promise<void> {
    const closed: string[] = [];
    const closer = new Closer();
    for (const name of ['tempDir', 'sidecars', 'pool', 'reporters']) closer.add(name, async () => void closed.push(name));
    this.assertEqual(await closer.closeAll(), []);
    this.assertEqual(closed, ['reporters', 'pool', 'sidecars', 'tempDir']);
  }

  /** A close waits for the previous one to finish before starting. */
  async test_closesOneAfterAnother(): Promise<void> {
    const events: string[] = [];
    const closer = new Closer();
    closer.add('first', async () => void events.push('first'));
    closer.add('slow', async () => {
      events.push('slow start');
      await new Promise((resolve) => setImmediate(resolve));
      events.push('slow end');
    });
    await closer.closeAll();
    this.assertEqual(events, ['slow start', 'slow end', 'first']);
  }

  /** A failing close is reported by name and the others still close. */
  async test_keepsClosingAfterFailure(): Promise<void> {
    const closed: string[] = [];
    const closer = new Closer();
    closer.add('a', async () => void closed.push('a'));
    closer.add('b', async () => {
      throw new Error('b broke');
    });
    closer.add('c', () => Promise.reject('c as a string'));
    closer.add('d', async () => void closed.push('d'));
    const errors = await closer.closeAll();
    this.assertEqual(closed, ['d', 'a']);
    this.assertEqual(errors.map((e) => e.message), ['closing c failed: c as a string', 'closing b failed: b broke']);
  }

  /** A close that throws synchronously is caught like a rejection. */
  async test_synchronousThrowCaught(): Promise<void> {
    const closer = new Closer();
    let closedAfter = false;
    closer.add('after', async () => void (closedAfter = true));
    closer.add('sync', () => {
      throw new Error('sync');
    });
    const errors = await closer.closeAll();
    this.assertEqual(errors.map((e) => e.message), ['closing sync failed: sync']);
    this.assertTrue(closedAfter);
  }

  /** closeAll again returns the same promise and closes nothing twice. */
  async test_idempotent(): Promise<void> {
    let count = 0;
    const closer = new Closer();
    closer.add('once', async () => void count++);
    const first = closer.closeAll();
    const second = closer.closeAll();
    this.assertIdentical(first, second);
    await first;
    await closer.closeAll();
    this.assertEqual(count, 1);
  }

  /** With nothing registered, closing yields no errors. */
  async test_emptyCloser(): Promise<void> {
    this.assertEqual(await new Closer().closeAll(), []);
  }
}
