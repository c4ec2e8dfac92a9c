/**
 * Tests for src/workers/poolStartError.ts: the code the CLI maps to exit 3, and a message that
 * says what happened, names the pool kind, and shows stderr only when there is some.
 */
import { SynchronousTestCase } from 'trial-ts';
import { PoolStartError } from '../../src/workers/poolStartError';

const EXIT = { reason: 'exited with code 1', exitCode: 1, signal: null, stderrTail: '' };

export class PoolStartErrorTests extends SynchronousTestCase {
  /** The code is TRIAL_POOL_START; the message names the worker, its kind and how it ended. */
  test_codeAndMessage(): void {
    const error = new PoolStartError(1, EXIT, 'processes');
    this.assertEqual(error.code, 'TRIAL_POOL_START');
    this.assertEqual(error.worker, 1);
    this.assertTrue(error.message.startsWith('The worker pool failed to start: worker 1 (a child process) exited with code 1 '), error.message);
    this.assertIn('--in-process', error.message);
  }

  /** Stderr lines are appended when the worker wrote some, and no empty heading otherwise. */
  test_stderrTailOnlyWhenPresent(): void {
    this.assertNotIn('Last lines', new PoolStartError(0, EXIT, 'threads').message);
    const withTail = new PoolStartError(0, { ...EXIT, stderrTail: 'Error: boom' }, 'threads').message;
    this.assertIn('(a thread)', withTail);
    this.assertTrue(withTail.endsWith('\nLast lines of its stderr:\nError: boom'), withTail);
  }
}
