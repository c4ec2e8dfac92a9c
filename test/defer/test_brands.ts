/**
 * Tests for packages/runtime/src/defer/brands.ts: recognition without `instanceof`.
 */
import { SynchronousTestCase } from 'trial-ts';
import { isDeferred, isFailure, isThenable, DeferredList, Failure, succeed } from '@trial-ts/runtime';

/** Tests for the brand checks. */
export class BrandTests extends SynchronousTestCase {
  /** Deferreds (and subclasses) are recognised; promises and plain objects are not. */
  test_isDeferred() {
    this.assertTrue(isDeferred(succeed(1)));
    this.assertTrue(isDeferred(new DeferredList([])));
    this.assertFalse(isDeferred(Promise.resolve(1)));
    this.assertFalse(isDeferred(null));
    this.assertFalse(isDeferred({ then() {} }));
  }

  /** Any object carrying the shared brand counts: that is how the other copy is recognised. */
  test_brandIsSymbolFor() {
    this.assertTrue(isDeferred({ [Symbol.for('trial-ts.deferred')]: true }));
    this.assertTrue(isFailure({ [Symbol.for('trial-ts.failure')]: true }));
  }

  /** Failures are recognised; errors are not. */
  test_isFailure() {
    this.assertTrue(isFailure(new Failure(new Error('x'))));
    this.assertFalse(isFailure(new Error('x')));
    this.assertFalse(isFailure(undefined));
  }

  /** Thenables are objects or functions with a callable `then`. */
  test_isThenable() {
    this.assertTrue(isThenable(Promise.resolve()));
    this.assertTrue(isThenable(succeed(1)));
    this.assertTrue(isThenable({ then: () => undefined }));
    this.assertFalse(isThenable({ then: 1 }));
    this.assertFalse(isThenable('then'));
  }
}
