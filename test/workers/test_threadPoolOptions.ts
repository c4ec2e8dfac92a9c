/**
 * Tests for src/workers/threadPoolOptions.ts: one long-lived thread per slot, running the
 * compiled worker entry, with the heap limit only when one is asked for.
 */
import * as fs from 'node:fs';
import { SynchronousTestCase } from 'trial-ts';
import { threadPoolOptions, WORKER_ENTRY } from '../../src/workers/threadPoolOptions';

export class ThreadPoolOptionsTests extends SynchronousTestCase {
  /** Without a limit: one thread that never idles out, atomics off, no resourceLimits; the entry exists. */
  test_noHeapLimit(): void {
    const options = threadPoolOptions(undefined);
    this.assertEqual(options, { filename: WORKER_ENTRY, minThreads: 1, maxThreads: 1, idleTimeout: Infinity, atomics: 'disabled' });
    this.assertTrue(WORKER_ENTRY.endsWith('workerEntry.js'));
    this.assertTrue(fs.existsSync(WORKER_ENTRY.replace(/\.js$/, '.ts')) || fs.existsSync(WORKER_ENTRY));
  }

  /** A heap limit becomes maxOldGenerationSizeMb. */
  test_heapLimit(): void {
    this.assertEqual(threadPoolOptions(128).resourceLimits, { maxOldGenerationSizeMb: 128 });
  }
}
