/** The runner's own context: its stray errors go to the runner-error handler, never to a test. */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { isRunnerContext, onRunnerError, reportRunnerError, runAsRunner } from '../../src/janitor/runnerContext';
import { getTracker } from '../../src/janitor/tracker';

export class RunnerContextTests extends SynchronousTestCase {
  /** Inside runAsRunner the store is the runner's; outside it is not. */
  test_contextIsRecognised(): void {
    this.assertTrue(runAsRunner(() => isRunnerContext(getTracker().als.getStore())));
    this.assertFalse(isRunnerContext(getTracker().als.getStore()));
    this.assertFalse(isRunnerContext(undefined));
  }

  /** The newest handler gets each error once; with no handler, the caller is told to report it as before. */
  test_handlersNewestFirstAndOnce(): void {
    const older: unknown[] = [];
    const newer: unknown[] = [];
    const stopOlder = onRunnerError((error) => older.push(error));
    const stopNewer = onRunnerError((error) => newer.push(error));
    const error = new Error('reporter broke');
    try {
      this.assertTrue(reportRunnerError(error));
      this.assertTrue(reportRunnerError(error));
    } finally {
      stopNewer();
      stopOlder();
    }
    this.assertEqual([older.length, newer], [0, [error]]);
  }
}

export class RunnerErrorCaptureTests extends TestCase {
  /** A throw in a timer the runner's context started reaches the runner-error handler, and this test logs nothing. */
  async test_strayRunnerErrorIsNotATests(): Promise<void> {
    const received: unknown[] = [];
    const stop = onRunnerError((error) => received.push(error));
    const error = new Error('pipeline broke');
    try {
      await new Promise<void>((resolve) => {
        runAsRunner(() =>
          setTimeout(() => {
            setImmediate(resolve);
            throw error;
          }, 1),
        );
      });
    } finally {
      stop();
    }
    this.assertEqual(received, [error]);
    this.assertEqual(this.flushLoggedErrors(), []);
  }
}
