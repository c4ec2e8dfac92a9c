/**
 * Tests for src/cli/runControl.ts: stopping tells the listeners (late ones at once), the
 * first failure is the one kept, and a second signal ends the grace.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { RunControl } from '../../src/cli/runControl';

/** Tests of stopping and failing a run. */
export class RunControlTests extends SynchronousTestCase {
  /** stop() calls every listener; a listener added after the stop is called at once. */
  test_stopReachesListeners() {
    const control = new RunControl();
    const calls: string[] = [];
    control.onStop(() => calls.push('early'));
    this.assertEqual(calls, []);
    control.stop();
    control.onStop(() => calls.push('late'));
    this.assertEqual(calls, ['early', 'late']);
    this.assertTrue(control.stopRequested);
  }

  /** fail() stops the run and keeps the first error, even an undefined one. */
  test_firstFailureKept() {
    const control = new RunControl();
    this.assertEqual(control.failure, { failed: false, error: undefined });
    control.fail(undefined);
    control.fail(new Error('second'));
    this.assertEqual(control.failure, { failed: true, error: undefined });
    this.assertTrue(control.stopRequested);
  }
}

/** Tests of interrupting a run. */
export class RunControlInterruptTests extends TestCase {
  /** The first signal stops and names the interrupt; the second ends the grace at once. */
  async test_secondSignalForcesEnd() {
    const control = new RunControl();
    let forced = false;
    void control.forced.then(() => (forced = true));
    this.assertTrue(control.interrupt('SIGTERM'));
    this.assertTrue(control.stopRequested);
    this.assertEqual([control.interrupted, control.interruptedBy], [true, 'SIGTERM']);
    await new Promise((resolve) => setImmediate(resolve));
    this.assertFalse(forced);
    this.assertFalse(control.interrupt('SIGINT'));
    await control.forced;
    this.assertEqual(control.interruptedBy, 'SIGTERM');
  }
}
