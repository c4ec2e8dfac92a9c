/**
 * Tests for src/defer/unhandled.ts: the per-thread registry of unhandled failures.
 */
import { SynchronousTestCase } from 'trial-ts';
import { Deferred } from '../../src/defer/deferred';
import { fail, succeed } from '../../src/defer/succeed';
import { drainUnhandledFailures, markHandled, unhandledCount } from '../../src/defer/unhandled';

/** Tests for registering and draining unhandled failures. */
export class UnhandledTests extends SynchronousTestCase {
  /** A Deferred ending on a failure is registered; draining returns it once. */
  test_drain() {
    const error = new Error('lost');
    fail(error);
    const drained = drainUnhandledFailures();
    this.assertEqual(drained.length, 1);
    this.assertIdentical(drained[0]!.value, error);
    this.assertEqual(drainUnhandledFailures(), []);
  }

  /** A drained failure passed on by a later callback is not reported again. */
  test_drainedNotReportedAgain() {
    const d = fail(new Error('once'));
    drainUnhandledFailures();
    d.addCallback((x) => x);
    this.assertEqual(drainUnhandledFailures(), []);
    this.failureResultOf(d);
  }

  /** A new failure on a drained Deferred is reported. */
  test_newFailureAfterDrain() {
    const d = fail(new Error('first'));
    drainUnhandledFailures();
    d.addErrback(() => {
      throw new TypeError('second');
    });
    const drained = drainUnhandledFailures();
    this.assertEqual(drained.length, 1);
    this.assertTrue(drained[0]!.check(TypeError) !== null);
  }

  /** An errback that recovers leaves nothing registered. */
  test_errbackHandles() {
    const before = unhandledCount();
    fail(new Error('handled')).addErrback(() => null);
    this.assertEqual(unhandledCount(), before);
  }

  /** An errback added later removes the registration. */
  test_laterErrbackRemoves() {
    const before = unhandledCount();
    const d = fail(new Error('late'));
    this.assertEqual(unhandledCount(), before + 1);
    d.addErrback(() => null);
    this.assertEqual(unhandledCount(), before);
  }

  /** A success never registers. */
  test_successNotRegistered() {
    const before = unhandledCount();
    succeed(1).addCallback(() => 2);
    this.assertEqual(unhandledCount(), before);
  }

  /** `markHandled` keeps the result but stops the report. */
  test_markHandled() {
    const d = fail(new Error('marked'));
    const failure = markHandled(d);
    this.assertEqual(drainUnhandledFailures(), []);
    this.assertIdentical(d.peek().result, failure);
    this.failureResultOf(d);
  }

  /** `markHandled` on a Deferred without failure does nothing. */
  test_markHandledNoFailure() {
    this.assertIdentical(markHandled(succeed(1)), undefined);
    this.assertIdentical(markHandled(new Deferred()), undefined);
  }

  /** A paused Deferred holding a failure is not registered until its chain ends. */
  test_pausedNotRegistered() {
    const before = unhandledCount();
    const d = new Deferred<number>();
    d.pause();
    d.errback(new Error('paused'));
    this.assertEqual(unhandledCount(), before);
    d.unpause();
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(d);
  }

  /** The registry is a Set on globalThis under Symbol.for, shared by every library copy. */
  test_registryOnGlobalThis() {
    const d = fail(new Error('global'));
    const registry = (globalThis as Record<symbol, unknown>)[Symbol.for('trial-ts.defer.unhandled')];
    this.assertTrue(registry instanceof Set);
    this.assertTrue((registry as Set<unknown>).has(d));
    this.failureResultOf(d);
    this.assertFalse((registry as Set<unknown>).has(d));
  }
}
