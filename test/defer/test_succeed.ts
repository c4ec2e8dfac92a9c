/**
 * Tests for packages/runtime/src/defer/succeed.ts: already-fired Deferreds.
 */
import { SynchronousTestCase } from 'trial-ts';
import { Failure, fail, succeed } from '@trial-ts/runtime';

/** Tests for `succeed` and `fail`. */
export class SucceedTests extends SynchronousTestCase {
  /** `succeed` returns a fired Deferred with the result. */
  test_succeed() {
    const d = succeed({ n: 1 });
    this.assertTrue(d.called);
    this.assertEqual(this.successResultOf(d), { n: 1 });
  }

  /** `fail` wraps a thrown value in a Failure. */
  test_failWraps() {
    const error = new RangeError('r');
    const d = fail(error);
    this.assertTrue(d.called);
    this.assertIdentical(this.failureResultOf(d, RangeError).value, error);
  }

  /** `fail` keeps a given Failure identical. */
  test_failKeepsFailure() {
    const failure = new Failure(new Error('same'));
    this.assertIdentical(this.failureResultOf(fail(failure)), failure);
  }
}
