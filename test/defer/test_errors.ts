/**
 * Tests for packages/runtime/src/defer/errors.ts: names, codes and the FirstError fields.
 */
import { SynchronousTestCase } from 'trial-ts';
import { AlreadyCalledError, CancelledError, DeferredUsageError, FirstError, NotACoroutineError, TimeoutError, TrialError, UnhandledDeferredError, Failure } from '@trial-ts/runtime';

/** Tests for the defer errors. */
export class DeferErrorsTests extends SynchronousTestCase {
  /** Each error has its class name as `name`, a stable code, and extends TrialError. */
  test_namesAndCodes() {
    const cases: Array<[TrialError, string, string]> = [
      [new AlreadyCalledError(), 'AlreadyCalledError', 'TRIAL_ALREADY_CALLED'],
      [new CancelledError(), 'CancelledError', 'TRIAL_CANCELLED'],
      [new TimeoutError(), 'TimeoutError', 'TRIAL_TIMEOUT'],
      [new FirstError(new Failure(new Error('x')), 0), 'FirstError', 'TRIAL_FIRST_ERROR'],
      [new NotACoroutineError('1'), 'NotACoroutineError', 'TRIAL_NOT_A_COROUTINE'],
      [new DeferredUsageError('m'), 'DeferredUsageError', 'TRIAL_DEFERRED_USAGE'],
    ];
    for (const [error, name, code] of cases) {
      this.assertTrue(error instanceof TrialError, name);
      this.assertEqual([error.name, error.code], [name, code]);
    }
  }

  /** FirstError carries the sub-failure and index, names both in its message, and chains the cause. */
  test_firstError() {
    const sub = new Failure(new RangeError('bad index'));
    const error = new FirstError(sub, 3);
    this.assertIdentical(error.subFailure, sub);
    this.assertEqual(error.index, 3);
    this.assertEqual(error.message, 'FirstError[#3, bad index]');
    this.assertIdentical(error.cause, sub.value);
  }
}

/** Tests of UnhandledDeferredError, what the runner charges to a test. */
export class UnhandledDeferredErrorTests extends SynchronousTestCase {
  /** Its message names the error and the remedy; its stack is the creation site; its cause is the value. */
  test_messageStackAndCause() {
    const value = new TypeError('bad');
    const error = new UnhandledDeferredError(new Failure(value), { stack: 'Error\n    at make (file.ts:3:4)' });
    this.assertEqual(
      error.stack,
      'UnhandledDeferredError: Unhandled error in Deferred: TypeError: bad. No errback handled this failure: add one (d.addErrback), ' +
        'or return or await the Deferred so its failure reaches the test. The Deferred was created at the frames below.\n    at make (file.ts:3:4)',
    );
    this.assertIdentical(error.cause, value);
  }

  /** Without a site the stack is the message alone, and a thrown string is named by its text. */
  test_noSiteThrownString() {
    const error = new UnhandledDeferredError(new Failure('plain'));
    this.assertEqual(
      error.stack,
      'UnhandledDeferredError: Unhandled error in Deferred: plain. No errback handled this failure: add one (d.addErrback), ' +
        'or return or await the Deferred so its failure reaches the test.',
    );
  }
}
