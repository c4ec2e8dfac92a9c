/**
 * Tests for src/cli/usageError.ts: the error of a bad command line or config.
 */
import { SynchronousTestCase } from 'trial-ts';
import { TrialError } from '@trial-ts/runtime';
import { UsageError } from '../../src/cli/usageError';

/** Tests of UsageError. */
export class UsageErrorTests extends SynchronousTestCase {
  /** A TrialError named UsageError with the code TRIAL_USAGE (what main maps to exit 2) and the message as given. */
  test_nameCodeMessage() {
    const error = new UsageError('--jobs must be a number');
    this.assertTrue(error instanceof TrialError);
    this.assertEqual([error.name, error.code, error.message], ['UsageError', 'TRIAL_USAGE', '--jobs must be a number']);
  }
}
