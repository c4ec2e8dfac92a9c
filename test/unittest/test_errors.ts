/**
 * Tests for src/unittest/errors.ts: the two errors and the predicates the runner
 * classifies outcomes by.
 */
import { AssertionError as NodeAssertionError } from 'node:assert';
import { SynchronousTestCase } from 'trial-ts';
import { TrialError } from '@trial-ts/runtime';
import { AssertionError, SkipTest, isAssertionError, isSkipTest } from '../../src/unittest/errors';

/** Tests for `AssertionError` and `isAssertionError`. */
export class AssertionErrorTests extends SynchronousTestCase {
  /** It is a TrialError named `AssertionError` with the code `TRIAL_ASSERTION`. */
  test_nameAndCode() {
    const error = new AssertionError('boom');
    this.assertIsInstance(error, TrialError);
    this.assertEqual([error.name, error.code, error.message], ['AssertionError', 'TRIAL_ASSERTION', 'boom']);
  }

  /** It carries `actual`, `expected`, `diff` and `cause` when given. */
  test_carriesComparison() {
    const cause = new Error('root');
    const error = new AssertionError('x', { actual: 1, expected: 2, diff: '1 !== 2', cause });
    this.assertEqual([error.actual, error.expected, error.diff], [1, 2, '1 !== 2']);
    this.assertIdentical(error.cause, cause);
  }

  /** Without options it has no diff and no cause. */
  test_noOptions() {
    const error = new AssertionError('x');
    this.assertIdentical(error.diff, undefined);
    this.assertFalse('cause' in error);
  }

  /** Ours, node:assert's and any error named AssertionError are assertion failures. */
  test_isAssertionErrorAccepts() {
    const named = new Error('chai');
    named.name = 'AssertionError';
    this.assertTrue(isAssertionError(new AssertionError('x')));
    this.assertTrue(isAssertionError(new NodeAssertionError({ message: 'x' })));
    this.assertTrue(isAssertionError(named));
  }

  /** Other errors and non-objects are not. */
  test_isAssertionErrorRejects() {
    this.assertEqual(
      [new TypeError('x'), new SkipTest('r'), 'AssertionError', null, undefined].map(isAssertionError),
      [false, false, false, false, false],
    );
  }
}

/** Tests for `SkipTest` and `isSkipTest`. */
export class SkipTestTests extends SynchronousTestCase {
  /** It is a TrialError with the code `TRIAL_SKIP` whose message is the reason. */
  test_reasonAndCode() {
    const skip = new SkipTest('needs POSIX');
    this.assertIsInstance(skip, TrialError);
    this.assertEqual([skip.name, skip.code, skip.reason, skip.message], ['SkipTest', 'TRIAL_SKIP', 'needs POSIX', 'needs POSIX']);
  }

  /** It carries the shared `trial-ts.skipTest` brand, which `isSkipTest` recognises. */
  test_brand() {
    const skip = new SkipTest('r');
    this.assertIdentical((skip as unknown as Record<symbol, unknown>)[Symbol.for('trial-ts.skipTest')], true);
    this.assertTrue(isSkipTest(skip));
  }

  /** A branded object from another copy of the library is recognised too. */
  test_brandAcrossCopies() {
    this.assertTrue(isSkipTest({ [Symbol.for('trial-ts.skipTest')]: true, reason: 'r' }));
  }

  /** Other values are not skips. */
  test_isSkipTestRejects() {
    this.assertEqual([new Error('x'), new AssertionError('x'), null, 'skip'].map(isSkipTest), [false, false, false, false]);
  }

  /** The brand stays out of JSON. */
  test_brandNotSerialized() {
    this.assertEqual(JSON.parse(JSON.stringify(new SkipTest('r'))), { code: 'TRIAL_SKIP', name: 'SkipTest', reason: 'r' });
  }
}
