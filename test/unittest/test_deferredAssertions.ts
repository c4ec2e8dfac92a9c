/**
 * Tests for src/unittest/deferredAssertions.ts through `Assertions`: the synchronous
 * Deferred helpers read results without the event loop and fail with Trial's texts;
 * `assertFailure` and `assertRejects` wait for one.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, Failure } from '@trial-ts/runtime';
import { Assertions } from '../../src/unittest/assertions';
import { AssertionError } from '../../src/unittest/errors';

const subject = new Assertions();

function fired<T>(value: T): Deferred<T> {
  const d = new Deferred<T>();
  d.callback(value);
  return d;
}

function failed(error: unknown): Deferred<never> {
  const d = new Deferred<never>();
  d.errback(error);
  return d;
}

/** What `d` holds now, read the way Trial's helpers do. */
function currentResult<T>(d: Deferred<T>): unknown {
  let result: unknown = 'no result';
  d.addBoth((r: unknown) => {
    result = r;
    return r;
  });
  return result;
}

/** Tests for `successResultOf`. */
export class SuccessResultOfTests extends SynchronousTestCase {
  /** It returns the result of a fired Deferred. */
  test_returnsResult() {
    this.assertEqual(subject.successResultOf(fired({ a: 1 })), { a: 1 });
  }

  /** It consumes the result: the Deferred then holds `undefined`, as in Trial. */
  test_consumesResult() {
    const d = fired(3);
    subject.successResultOf(d);
    this.assertIdentical(currentResult(d), undefined);
  }

  /** On a Deferred with no result it fails saying so. */
  test_noResult() {
    const d = new Deferred<number>();
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.successResultOf(d));
    this.assertEqual(error.message, `Success result expected on ${repr}, found no result instead`);
  }

  /** A result arriving after the failed check is left intact. */
  test_laterResultIntact() {
    const d = new Deferred<number>();
    this.assertRaises(AssertionError, () => subject.successResultOf(d));
    d.callback(5);
    this.assertIdentical(currentResult(d), 5);
  }

  /** On a failed Deferred it fails with the failure's traceback, and handles it. */
  test_failureResult() {
    const d = failed(new TypeError('bad input'));
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.successResultOf(d));
    this.assertTrue(
      error.message.startsWith(
        `Success result expected on ${repr}, found failure result instead:\nTypeError: bad input\n    at `,
      ),
      error.message,
    );
    this.assertIdentical(currentResult(d), undefined);
  }

  /** The failure's stack starts at the test's line. */
  test_stackStartsAtCaller() {
    const error = this.assertRaises(AssertionError, () => subject.successResultOf(new Deferred()));
    this.assertSubstring('test_deferredAssertions.ts', (error.stack ?? '').split('\n')[1] ?? '');
  }

  /** A Promise is a TypeError that says how to wait for it instead. */
  test_promiseIsTypeError() {
    const error = this.assertRaises(TypeError, () => subject.successResultOf(Promise.resolve(1) as never));
    this.assertTrue(error.message.startsWith('successResultOf() needs a Deferred, got Promise { 1 }.'), error.message);
    this.assertSubstring('await it', error.message);
  }
}

/** Tests for `failureResultOf`. */
export class FailureResultOfTests extends SynchronousTestCase {
  /** It returns the Deferred's own Failure when the type matches (subclasses too). */
  test_returnsFailure() {
    const thrown = new RangeError('r');
    const failure = subject.failureResultOf(failed(thrown), TypeError, Error);
    this.assertTrue(failure instanceof Failure);
    this.assertIdentical(failure.value, thrown);
  }

  /** With no types, any failure matches. */
  test_anyType() {
    this.assertEqual(subject.failureResultOf(failed('thrown string')).value, 'thrown string');
  }

  /** It handles the failure: the Deferred then holds `undefined`. */
  test_handlesFailure() {
    const d = failed(new Error('x'));
    subject.failureResultOf(d, Error);
    this.assertIdentical(currentResult(d), undefined);
  }

  /** On a Deferred with no result it fails saying so. */
  test_noResult() {
    const d = new Deferred();
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.failureResultOf(d, Error));
    this.assertEqual(error.message, `Failure result expected on ${repr}, found no result instead`);
  }

  /** On a successful Deferred it fails naming the result. */
  test_successResult() {
    const d = fired(3);
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.failureResultOf(d, Error));
    this.assertEqual(error.message, `Failure result expected on ${repr}, found success result (3) instead`);
    this.assertSubstring('current result: 3', repr);
  }

  /** On the wrong type it names the expected types, the found type and its traceback. */
  test_wrongType() {
    const d = failed(new TypeError('bad input'));
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.failureResultOf(d, RangeError, SyntaxError));
    this.assertTrue(
      error.message.startsWith(
        `Failure of type (RangeError or SyntaxError) expected on ${repr}, found type TypeError instead:\n` +
          'TypeError: bad input\n    at ',
      ),
      error.message,
    );
    this.assertSubstring('test_deferredAssertions.ts', error.message);
  }
}

/** Tests for `assertNoResult`. */
export class AssertNoResultTests extends SynchronousTestCase {
  /** It passes on a pending Deferred and leaves a later success intact. */
  test_laterSuccessIntact() {
    const d = new Deferred<number>();
    subject.assertNoResult(d);
    d.callback(7);
    this.assertIdentical(currentResult(d), 7);
  }

  /** A later failure is not swallowed. */
  test_laterFailureNotSwallowed() {
    const d = new Deferred<number>();
    subject.assertNoResult(d);
    const thrown = new Error('late');
    d.errback(thrown);
    this.assertIdentical(subject.failureResultOf(d, Error).value, thrown);
  }

  /** On a successful Deferred it fails naming the result, which stays in the Deferred. */
  test_successResult() {
    const d = fired(3);
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.assertNoResult(d));
    this.assertEqual(error.message, `No result expected on ${repr}, found 3 instead`);
    this.assertIdentical(currentResult(d), 3);
  }

  /** On a failed Deferred it fails with the traceback and handles the failure. */
  test_failureResult() {
    const d = failed(new TypeError('boom'));
    const repr = String(d);
    const error = this.assertRaises(AssertionError, () => subject.assertNoResult(d));
    this.assertTrue(
      error.message.startsWith(`No result expected on ${repr}, found TypeError: boom\n    at `),
      error.message,
    );
    this.assertIdentical(currentResult(d), undefined);
  }
}

/** Tests for `assertFailure`. */
export class AssertFailureTests extends SynchronousTestCase {
  /** A matching failure makes the returned Deferred (the same one) fire with the error. */
  test_matchFiresWithError() {
    const thrown = new RangeError('r');
    const d = failed(thrown);
    const result = subject.assertFailure(d, TypeError, RangeError);
    this.assertIdentical(result as unknown, d);
    this.assertIdentical(this.successResultOf(result), thrown);
  }

  /** A success becomes an AssertionError failure naming the result. */
  test_success() {
    const failure = this.failureResultOf(subject.assertFailure(fired(3), RangeError), AssertionError);
    this.assertEqual((failure.value as AssertionError).message, 'did not catch an error, instead got 3');
  }

  /** The wrong type becomes an AssertionError failure with Trial's text and the traceback. */
  test_wrongType() {
    const failure = this.failureResultOf(subject.assertFailure(failed(new TypeError('t')), RangeError), AssertionError);
    this.assertTrue(
      (failure.value as AssertionError).message.startsWith('\nExpected: RangeError\nGot:\nTypeError: t\n    at '),
    );
  }

  /** Something other than a Deferred is a TypeError. */
  test_notADeferred() {
    const error = this.assertRaises(TypeError, () => subject.assertFailure(Promise.resolve(1) as never, Error));
    this.assertTrue(error.message.startsWith('assertFailure() needs a Deferred, got Promise { 1 }.'), error.message);
  }
}

/** Tests for `assertRejects` on Deferreds. */
export class AssertRejectsDeferredTests extends TestCase {
  /** A Deferred that fails with the type resolves with the error and is handled. */
  async test_deferredMatch() {
    const thrown = new RangeError('r');
    const d = failed(thrown);
    this.assertIdentical(await subject.assertRejects(RangeError, d), thrown);
    this.assertIdentical(currentResult(d), undefined);
  }

  /** A Deferred that succeeds fails naming the result, and keeps it. */
  async test_deferredSuccess() {
    const d = fired('ok');
    const error = await this.assertRejects(AssertionError, subject.assertRejects(RangeError, d));
    this.assertEqual(error.message, "RangeError not rejected (resolved with 'ok')");
    this.assertIdentical(currentResult(d), 'ok');
  }

  /** A Deferred that fails later is waited for. */
  async test_deferredLater() {
    const d = new Deferred<never>();
    const waiting = subject.assertRejects(RangeError, d);
    const thrown = new RangeError('later');
    setImmediate(() => d.errback(thrown));
    this.assertIdentical(await waiting, thrown);
  }
}
