/**
 * Tests for packages/runtime/src/defer/deferredList.ts.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, DeferredList, CancelledError, FirstError, fail, succeed } from '@trial-ts/runtime';
import type { Failure } from '@trial-ts/runtime';
import { unhandledCount } from '@trial-ts/runtime/internal';

/** What `d` holds now, without changing it. */
function current(d: Deferred<unknown>): unknown {
  let seen: unknown = 'no result';
  d.addBoth((r) => {
    seen = r;
    return r;
  });
  return seen;
}

/** Tests for the default DeferredList. */
export class DeferredListTests extends SynchronousTestCase {
  /** It fires once all have fired, with `[success, result]` in list order. */
  test_allSucceed() {
    const a = new Deferred<string>();
    const b = new Deferred<string>();
    const dl = new DeferredList([a, b]);
    b.callback('b');
    this.assertNoResult(dl);
    a.callback('a');
    this.assertEqual(this.successResultOf(dl), [
      [true, 'a'],
      [true, 'b'],
    ]);
  }

  /** Failures appear as `[false, failure]`; the list itself succeeds. */
  test_mixed() {
    const error = new RangeError('second');
    const bad = fail<number>(error);
    const dl = new DeferredList([succeed(1), bad], { consumeErrors: true });
    const result = this.successResultOf(dl);
    this.assertEqual(result[0], [true, 1]);
    this.assertFalse(result[1]![0]);
    this.assertIdentical((result[1]![1] as Failure).value, error);
  }

  /** An empty list fires `[]` at once. */
  test_empty() {
    this.assertEqual(this.successResultOf(new DeferredList([])), []);
  }

  /** An empty list with fireOnOneCallback never fires, as in Twisted. */
  test_emptyFireOnOneCallback() {
    this.assertNoResult(new DeferredList([], { fireOnOneCallback: true }));
  }

  /** fireOnOneCallback fires with `[result, index]` on the first success. */
  test_fireOnOneCallback() {
    const a = new Deferred<string>();
    const b = new Deferred<string>();
    const dl = new DeferredList([a, b], { fireOnOneCallback: true });
    b.callback('b first');
    this.assertEqual(this.successResultOf(dl) as unknown, ['b first', 1]);
    a.callback('a later');
  }

  /** fireOnOneErrback fails with FirstError(subFailure, index) on the first failure. */
  test_fireOnOneErrback() {
    const a = new Deferred<string>();
    const b = new Deferred<string>();
    const dl = new DeferredList([a, b], { fireOnOneErrback: true, consumeErrors: true });
    const error = new TypeError('b failed');
    b.errback(error);
    const first = this.failureResultOf(dl, FirstError).value as FirstError;
    this.assertEqual(first.index, 1);
    this.assertIdentical(first.subFailure.value, error);
    this.assertSubstring('FirstError[#1, b failed]', first.message);
    a.callback('a');
  }

  /** With consumeErrors the listed Deferred's failure becomes undefined. */
  test_consumeErrors() {
    const bad = fail<number>(new Error('consumed'));
    this.successResultOf(new DeferredList([bad], { consumeErrors: true }));
    this.assertIdentical(current(bad), undefined);
  }

  /** Without consumeErrors the listed Deferred keeps its failure (and it stays unhandled). */
  test_noConsumeErrors() {
    const before = unhandledCount();
    const bad = fail<number>(new Error('kept'));
    const dl = new DeferredList([bad]);
    this.successResultOf(dl);
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(bad, Error);
    this.assertEqual(unhandledCount(), before);
  }

  /** Cancelling an unfired list cancels every listed Deferred. */
  test_cancel() {
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    const dl = new DeferredList([a, b], { consumeErrors: true });
    dl.cancel();
    const result = this.successResultOf(dl);
    this.assertEqual(result.length, 2);
    for (const [ok, value] of result) {
      this.assertFalse(ok);
      this.assertTrue((value as Failure).check(CancelledError) !== null);
    }
  }

  /** Cancelling a fired list does not touch the listed Deferreds. */
  test_cancelAfterFired() {
    let cancelled = false;
    const pending = new Deferred<number>(() => {
      cancelled = true;
    });
    const dl = new DeferredList([succeed(1), pending], { fireOnOneCallback: true });
    dl.cancel();
    this.assertFalse(cancelled);
    this.assertEqual(this.successResultOf(dl) as unknown, [1, 0]);
  }

  /** A DeferredList is a Deferred: callbacks can be added. */
  test_isDeferred() {
    const dl = new DeferredList([succeed(1), succeed(2)]);
    this.assertTrue(dl instanceof Deferred);
    this.assertEqual(this.successResultOf(dl.addCallback((entries) => entries.length)), 2);
  }
}

/** Tests for promises in a DeferredList. */
export class DeferredListPromiseTests extends TestCase {
  /** Promises are wrapped. */
  async test_promises() {
    const dl = new DeferredList([Promise.resolve(1), succeed(2)]);
    this.assertEqual(await dl, [
      [true, 1],
      [true, 2],
    ]);
  }
}
