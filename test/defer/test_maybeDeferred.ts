/**
 * Tests for packages/runtime/src/defer/maybeDeferred.ts.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, Failure, maybeDeferred } from '@trial-ts/runtime';

/** Tests for `maybeDeferred` with synchronous outcomes. */
export class MaybeDeferredTests extends SynchronousTestCase {
  /** A returned value becomes a succeeded Deferred. */
  test_value() {
    this.assertEqual(this.successResultOf(maybeDeferred(() => 5)), 5);
  }

  /** Arguments are passed to the function. */
  test_args() {
    this.assertEqual(this.successResultOf(maybeDeferred((a: number, b: string) => `${a}${b}`, 1, 'x')), '1x');
  }

  /** A throw becomes a failed Deferred with the thrown value. */
  test_throw() {
    const error = new TypeError('thrown');
    const d = maybeDeferred(() => {
      throw error;
    });
    this.assertIdentical(this.failureResultOf(d, TypeError).value, error);
  }

  /** A returned Failure is kept identical. */
  test_failure() {
    const failure = new Failure(new Error('returned'));
    this.assertIdentical(this.failureResultOf(maybeDeferred(() => failure)), failure);
  }

  /** A returned Deferred is passed through unchanged. */
  test_deferred() {
    const d = new Deferred<number>();
    this.assertIdentical(maybeDeferred(() => d), d);
  }
}

/** Tests for `maybeDeferred` with promises. */
export class MaybeDeferredPromiseTests extends TestCase {
  /** A returned promise is wrapped. */
  async test_promise() {
    const d = maybeDeferred(async () => 'async value');
    this.assertTrue(d instanceof Deferred);
    this.assertEqual(await d, 'async value');
  }

  /** A rejected promise becomes a failure. */
  async test_rejectedPromise() {
    const error = new RangeError('rejected');
    const d = maybeDeferred(() => Promise.reject(error));
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.assertIdentical(this.failureResultOf(d, RangeError).value, error);
  }
}
