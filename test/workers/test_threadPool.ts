/**
 * Tests for src/workers/threadPool.ts: how a thread's end becomes the crash reason a
 * report shows. The slots themselves (running batches on real threads, killing a hung
 * one, replacing a dead one) are tested end to end in test/workers/test_parallelIntegration.ts
 * (the `--pool threads` classes, whose watchers prove a killed thread really ended).
 */
import { SynchronousTestCase } from 'trial-ts';
import { describeThreadError } from '../../src/workers/threadPool';

export class DescribeThreadErrorTests extends SynchronousTestCase {
  /** A thread the supervisor killed ends for the supervisor's reason, whatever the error says. */
  test_killedForReason(): void {
    this.assertEqual(describeThreadError(new Error('Terminating worker thread'), 'timed out after 1 s'), {
      reason: 'timed out after 1 s',
      exitCode: 1,
      signal: null,
      stderrTail: '',
    });
  }

  /** process.exit in the thread: piscina's "worker exited with code: N" becomes the exit code. */
  test_exitedWithCode(): void {
    const exit = describeThreadError(new Error('worker exited with code: 7'), null);
    this.assertEqual([exit.reason, exit.exitCode, exit.error], ['exited with code 7', 7, undefined]);
  }

  /** Out of memory: its own reason, and Node's message kept as the tail. */
  test_outOfMemory(): void {
    const error = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    const exit = describeThreadError(error, null);
    this.assertSubstring('ran out of memory', exit.reason);
    this.assertEqual([exit.stderrTail, exit.error?.code], [error.message, 'ERR_WORKER_OUT_OF_MEMORY']);
  }

  /** Anything else is an uncaught error: its name and first line, its stack as the tail. */
  test_uncaughtError(): void {
    const error = new TypeError('x is not a function\nmore detail');
    const exit = describeThreadError(error, null);
    this.assertEqual([exit.reason, exit.stderrTail, exit.error?.name], ['died of an uncaught TypeError: x is not a function', error.stack, 'TypeError']);
  }
}
