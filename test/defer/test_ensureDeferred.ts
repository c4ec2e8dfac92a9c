/**
 * Tests for packages/runtime/src/defer/ensureDeferred.ts.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, ensureDeferred, NotACoroutineError } from '@trial-ts/runtime';

/** Tests for `ensureDeferred` on Deferreds and bad input. */
export class EnsureDeferredTests extends SynchronousTestCase {
  /** A Deferred is returned unchanged. */
  test_deferred() {
    const d = new Deferred<number>();
    this.assertIdentical(ensureDeferred(d), d);
  }

  /** A plain value is a NotACoroutineError that names it. */
  test_plainValue() {
    const error = this.assertRaises(NotACoroutineError, () => ensureDeferred(42 as never));
    this.assertSubstring('got 42', error.message);
    this.assertEqual(error.code, 'TRIAL_NOT_A_COROUTINE');
  }

  /** Passing the async function instead of its result says to call it. */
  test_functionNotCalled() {
    const error = this.assertRaises(NotACoroutineError, () => ensureDeferred((async () => 1) as never));
    this.assertSubstring('ensureDeferred(f())', error.message);
  }
}

/** Tests for `ensureDeferred` on promises. */
export class EnsureDeferredPromiseTests extends TestCase {
  /** The result of an async function becomes a Deferred of its value. */
  async test_coroutineResult() {
    const d = ensureDeferred((async () => 'done')());
    this.assertTrue(d instanceof Deferred);
    this.assertNoResult(d);
    this.assertEqual(await d, 'done');
  }

  /** A rejected coroutine becomes a failed Deferred. */
  async test_coroutineRejects() {
    const error = new TypeError('async throw');
    const d = ensureDeferred(
      (async () => {
        throw error;
      })(),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.assertIdentical(this.failureResultOf(d, TypeError).value, error);
  }
}
