/**
 * Tests for packages/runtime/src/defer/failure.ts: wrapping thrown values, `check`, `trap`, messages and
 * tracebacks.
 */
import { SynchronousTestCase } from 'trial-ts';
import { CancelledError, TrialError, Failure } from '@trial-ts/runtime';

class AppError extends Error {}
class DerivedAppError extends AppError {}

/** Tests for construction, `value` and `type`. */
export class FailureValueTests extends SynchronousTestCase {
  /** `value` is the thrown error and `type` its class. */
  test_valueAndType() {
    const error = new DerivedAppError('x');
    const failure = new Failure(error);
    this.assertIdentical(failure.value, error);
    this.assertIdentical(failure.type, DerivedAppError);
  }

  /** Thrown primitives are wrapped; their type is the wrapper class. */
  test_primitive() {
    const failure = new Failure('just a string');
    this.assertEqual(failure.value, 'just a string');
    this.assertIdentical(failure.type, String);
  }

  /** null and undefined have no type. */
  test_nullish() {
    this.assertIdentical(new Failure(undefined).type, undefined);
    this.assertIdentical(new Failure(null).type, undefined);
  }

  /** Wrapping a Failure unwraps it. */
  test_wrapFailure() {
    const inner = new Failure(new RangeError('r'));
    const outer = new Failure(inner);
    this.assertIdentical(outer.value, inner.value);
    this.assertIdentical(outer.type, RangeError);
  }

  /** `Failure.from` keeps a Failure identical and wraps anything else. */
  test_from() {
    const failure = new Failure(new Error('e'));
    this.assertIdentical(Failure.from(failure), failure);
    this.assertEqual(Failure.from(3).value, 3);
  }
}

/** Tests for `check` and `trap`. */
export class FailureCheckTests extends SynchronousTestCase {
  /** `check` matches the exact class and base classes. */
  test_checkSubclass() {
    const failure = new Failure(new DerivedAppError('x'));
    this.assertIdentical(failure.check(DerivedAppError), DerivedAppError);
    this.assertIdentical(failure.check(AppError), AppError);
    this.assertIdentical(failure.check(Error), Error);
  }

  /** `check` returns the first matching type in argument order. */
  test_checkOrder() {
    const failure = new Failure(new DerivedAppError('x'));
    this.assertIdentical(failure.check(TypeError, Error, AppError), Error);
  }

  /** `check` returns null when nothing matches, or with no types. */
  test_checkNoMatch() {
    const failure = new Failure(new AppError('x'));
    this.assertIdentical(failure.check(DerivedAppError, TypeError), null);
    this.assertIdentical(failure.check(), null);
  }

  /** A thrown string matches String. */
  test_checkPrimitive() {
    this.assertIdentical(new Failure('s').check(Error, String), String);
    this.assertIdentical(new Failure(undefined).check(Object), null);
  }

  /** `trap` returns the matching type. */
  test_trapMatch() {
    this.assertIdentical(new Failure(new AppError('x')).trap(TypeError, AppError), AppError);
  }

  /** `trap` rethrows the original value itself when nothing matches. */
  test_trapRethrowsOriginal() {
    const error = new AppError('original');
    const thrown = this.assertRaises(AppError, () => new Failure(error).trap(TypeError));
    this.assertIdentical(thrown, error);
  }

  /** `raiseException` throws the value. */
  test_raiseException() {
    const error = new AppError('raised');
    this.assertIdentical(this.assertRaises(AppError, () => new Failure(error).raiseException()), error);
  }

  /** A trial-ts error class matches an error of the same name from the other library copy. */
  test_checkOtherCopyTrialError() {
    // Stand-ins for the dist/ copy's classes: same names, different identities.
    const OtherTrialError = { TrialError: class TrialError extends Error {} }.TrialError;
    const OtherCancelled = { CancelledError: class CancelledError extends OtherTrialError {} }.CancelledError;
    const failure = new Failure(new OtherCancelled('cancelled elsewhere'));
    this.assertIdentical(failure.check(CancelledError), CancelledError);
    this.assertIdentical(failure.check(TrialError), TrialError);
  }

  /** The name fallback is only for trial-ts errors: a same-named user class does not match. */
  test_checkSameNameUserClass() {
    const Other = { AppError: class AppError extends Error {} }.AppError;
    this.assertIdentical(new Failure(new Other('x')).check(AppError), null);
  }
}

/** Tests for messages and tracebacks. */
export class FailureTextTests extends SynchronousTestCase {
  /** `getErrorMessage` is the error's message. */
  test_errorMessage() {
    this.assertEqual(new Failure(new Error('disk full')).getErrorMessage(), 'disk full');
    this.assertEqual(new Failure('plain').getErrorMessage(), 'plain');
    this.assertEqual(new Failure({ code: 1 }).getErrorMessage(), '{"code":1}');
  }

  /** `getTraceback` is the stack, starting with `Name: message`. */
  test_traceback() {
    const text = new Failure(new RangeError('out of range')).getTraceback();
    this.assertTrue(text.startsWith('RangeError: out of range\n    at '), text);
    this.assertSubstring('test_failure', text);
  }

  /** `getTraceback` follows `cause`. */
  test_tracebackCause() {
    const error = new Error('outer', { cause: new TypeError('root cause') });
    const text = new Failure(error).getTraceback();
    this.assertSubstring('\nCaused by: TypeError: root cause', text);
  }

  /** A cyclic `cause` chain ends. */
  test_tracebackCauseCycle() {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const text = new Failure(a).getTraceback();
    this.assertTrue(text.split('Caused by').length <= 12, text);
  }

  /** A thrown non-Error says it has no stack and how to get one. */
  test_tracebackNonError() {
    this.assertEqual(
      new Failure(42).getTraceback(),
      'Number thrown: 42 (no stack: throw an Error to get one)',
    );
  }

  /** `toString` names the class and message. */
  test_toString() {
    this.assertEqual(String(new Failure(new TypeError('x'))), '[Failure TypeError: x]');
  }
}
