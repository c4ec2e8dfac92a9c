/**
 * Tests for src/cli/earlyWorker.ts: which raw arguments start the worker thread before
 * anything is parsed.
 */
import { SynchronousTestCase } from 'trial-ts';
import { wantsEarlyWorker } from '../../src/cli/earlyWorker';

export class EarlyWorkerTests extends SynchronousTestCase {
  /** The default run, -j N and --pool threads want the thread. */
  test_defaultRunsWantIt(): void {
    for (const argv of [[], ['test'], ['-j', '2', 'test'], ['--pool', 'threads'], ['--', '--in-process']]) {
      this.assertTrue(wantsEarlyWorker(argv), argv.join(' '));
    }
  }

  /** In-process, debug, dry runs, processes, merge, help and version start nothing. */
  test_othersDoNot(): void {
    for (const argv of [['--in-process'], ['--debug', 'test'], ['--dry-run'], ['--pool', 'processes'], ['--pool=processes'], ['merge', 'a.json'], ['--help'], ['-V']]) {
      this.assertFalse(wantsEarlyWorker(argv), argv.join(' '));
    }
  }
}
