/**
 * Tests for packages/runtime/src/defer/gatherResults.ts.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, CancelledError, FirstError, gatherResults, fail, succeed } from '@trial-ts/runtime';
import { unhandledCount } from '@trial-ts/runtime/internal';

/** Tests for `gatherResults`. */
export class GatherResultsTests extends SynchronousTestCase {
  /** It fires with the plain results, in list order. */
  test_results() {
    const a = new Deferred<number>();
    const d = gatherResults([a, succeed(2)]);
    this.assertNoResult(d);
    a.callback(1);
    this.assertEqual(this.successResultOf(d), [1, 2]);
  }

  /** An empty list gives `[]`. */
  test_empty() {
    this.assertEqual(this.successResultOf(gatherResults([])), []);
  }

  /** The first failure fails it with FirstError at once. */
  test_firstFailure() {
    const pending = new Deferred<number>();
    const error = new RangeError('bad');
    const d = gatherResults([pending, fail<number>(error)], { consumeErrors: true });
    const first = this.failureResultOf(d, FirstError).value as FirstError;
    this.assertEqual(first.index, 1);
    this.assertIdentical(first.subFailure.value, error);
    pending.callback(0);
  }

  /** Without consumeErrors the listed Deferred's failure stays unhandled as well. */
  test_noConsumeErrors() {
    const before = unhandledCount();
    const bad = fail<number>(new Error('twice'));
    this.failureResultOf(gatherResults([bad]), FirstError);
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(bad, Error);
  }

  /** With consumeErrors only the gathered failure remains. */
  test_consumeErrors() {
    const before = unhandledCount();
    const bad = fail<number>(new Error('once'));
    const d = gatherResults([bad], { consumeErrors: true });
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(d, FirstError);
    this.assertEqual(unhandledCount(), before);
  }

  /** Cancelling it cancels the listed Deferreds. */
  test_cancel() {
    const a = new Deferred<number>();
    const d = gatherResults([a], { consumeErrors: true });
    d.cancel();
    const first = this.failureResultOf(d, FirstError).value as FirstError;
    this.assertTrue(first.subFailure.check(CancelledError) !== null);
  }
}

/** Tests for `gatherResults` over promises. */
export class GatherResultsPromiseTests extends TestCase {
  /** Promises are gathered too. */
  async test_promises() {
    this.assertEqual(await gatherResults([Promise.resolve('a'), succeed('b')]), ['a', 'b']);
  }
}
