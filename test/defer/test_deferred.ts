/**
 * Tests for packages/runtime/src/defer/deferred.ts: the callback chain, firing, pausing, chaining on
 * inner Deferreds and promises, bounded stack depth, cancellation, promise interop and
 * the synchronous `peek`.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { DEFERRED_BRAND, drainUnhandledFailures, unhandledCount } from '@trial-ts/runtime/internal';
import { Deferred, AlreadyCalledError, CancelledError, DeferredUsageError, Failure, fail, succeed } from '@trial-ts/runtime';

/** What `d` holds now, without changing it (a pass-through `addBoth`). */
function current(d: Deferred<unknown>): unknown {
  let seen: unknown = 'no result';
  d.addBoth((r) => {
    seen = r;
    return r;
  });
  return seen;
}

/** Consume whatever `d` holds, so that no failure is left unhandled. */
function consume(d: Deferred<unknown>): void {
  d.addBoth(() => undefined);
}

/** Tests for the callback/errback chain. */
export class ChainTests extends SynchronousTestCase {
  /** Callbacks run in the order they were added, each getting the previous result. */
  test_callbacksRunInOrder() {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.addCallback((n) => {
      seen.push(n);
      return n + 1;
    }).addCallback((n) => {
      seen.push(n);
      return n * 10;
    });
    d.callback(1);
    this.assertEqual(seen, [1, 2]);
    this.assertEqual(this.successResultOf(d), 20);
  }

  /** Extra arguments of `addCallback` follow the result. */
  test_callbackExtraArgs() {
    const d = succeed(2);
    let got: unknown[] = [];
    d.addCallback((n, a: string, b: number) => {
      got = [n, a, b];
    }, 'x', 3);
    this.assertEqual(got, [2, 'x', 3]);
  }

  /** A callback added to a fired Deferred runs at once. */
  test_addAfterFiredRunsAtOnce() {
    const d = succeed('v');
    let seen: string | undefined;
    d.addCallback((v) => {
      seen = v;
    });
    this.assertEqual(seen, 'v');
  }

  /** A throwing callback switches to the errback path, skipping later callbacks. */
  test_throwSwitchesToErrback() {
    const error = new RangeError('boom');
    const steps: string[] = [];
    const d = succeed(1)
      .addCallback(() => {
        throw error;
      })
      .addCallback(() => steps.push('callback'))
      .addErrback((f) => {
        steps.push('errback');
        return f;
      });
    this.assertEqual(steps, ['errback']);
    this.assertIdentical(this.failureResultOf(d, RangeError).value, error);
  }

  /** A callback returning a Failure switches to the errback path. */
  test_returnedFailureSwitchesToErrback() {
    const failure = new Failure(new TypeError('t'));
    const d = succeed(1).addCallback(() => failure);
    this.assertIdentical(this.failureResultOf(d), failure);
  }

  /**
   * `d.callback(failure)` takes the error path, as `errback(failure)` would (Twisted's
   * rule, stated in its TSDoc): the first errback gets that very Failure, no callback runs,
   * and left unhandled it is registered as an unhandled failure.
   */
  test_callbackWithFailureTakesErrorPath() {
    const failure = new Failure(new RangeError('r'));
    const steps: unknown[] = [];
    const d = new Deferred<unknown>();
    d.addCallback(() => steps.push('callback'));
    d.addErrback((f) => {
      steps.push(f);
      return f;
    });
    d.callback(failure);
    this.assertEqual(steps, [failure]);
    this.assertIdentical(drainUnhandledFailures()[0], failure);
  }

  /** An errback that returns switches back to the callback path. */
  test_errbackReturnSwitchesBack() {
    const d = fail<number>(new Error('x'))
      .addErrback(() => 7)
      .addCallback((n) => n + 1);
    this.assertEqual(this.successResultOf(d), 8);
  }

  /** An errback is skipped on the success path, a callback on the error path. */
  test_pathsSkipOtherHalf() {
    const steps: string[] = [];
    const ok = succeed(1).addErrback(() => steps.push('eb-ok'));
    const bad = fail(new Error('x')).addCallback(() => steps.push('cb-bad'));
    this.assertEqual(steps, []);
    this.assertEqual(this.successResultOf(ok), 1);
    this.failureResultOf(bad, Error);
  }

  /** `addBoth` sees the result on either path. */
  test_addBothSeesBoth() {
    const seen: unknown[] = [];
    succeed(1).addBoth((r) => seen.push(r));
    const failure = new Failure(new Error('x'));
    fail(failure).addBoth((r) => {
      seen.push(r);
      return null;
    });
    this.assertEqual(seen.length, 2);
    this.assertEqual(seen[0], 1);
    this.assertIdentical(seen[1], failure);
  }

  /** `addCallbacks` with `{callbackArgs, errbackArgs}` passes each its own arguments. */
  test_addCallbacksOptions() {
    const seen: unknown[] = [];
    succeed(1).addCallbacks(
      (r, a: unknown) => seen.push(['cb', r, a]),
      (f, b: unknown) => seen.push(['eb', f, b]),
      { callbackArgs: ['A'], errbackArgs: ['B'] },
    );
    fail(new Error('e')).addCallbacks(
      (r, a: unknown) => seen.push(['cb', r, a]),
      (f, b: unknown) => seen.push(['eb', (f.value as Error).message, b]),
      { callbackArgs: ['A'], errbackArgs: ['B'] },
    );
    this.assertEqual(seen, [
      ['cb', 1, 'A'],
      ['eb', 'e', 'B'],
    ]);
  }

  /** `addCallbacks` also takes Twisted's positional `callbackArgs, errbackArgs`. */
  test_addCallbacksPositional() {
    const seen: unknown[] = [];
    fail(new Error('e')).addCallbacks(
      () => seen.push('cb'),
      (_f, x: unknown, y: unknown) => seen.push(x, y),
      ['ignored'],
      [1, 2],
    );
    this.assertEqual(seen, [1, 2]);
  }

  /** `addCallbacks` without an errback passes the failure on. */
  test_addCallbacksNoErrbackPassesFailure() {
    const failure = new Failure(new Error('e'));
    const d = fail(failure).addCallbacks(() => 'no', null);
    this.assertIdentical(this.failureResultOf(d), failure);
  }

  /** Callbacks added from inside a running callback run after it, in the order added. */
  test_callbacksAddedInsideRunAfter() {
    const d = new Deferred<number>();
    const steps: string[] = [];
    d.addCallback((n) => {
      d.addCallback((m) => {
        steps.push(`inner1:${m}`);
        return m + 1;
      });
      d.addCallback((m) => {
        steps.push(`inner2:${m}`);
        return m;
      });
      steps.push('outer-end');
      return n * 10;
    });
    d.callback(1);
    this.assertEqual(steps, ['outer-end', 'inner1:10', 'inner2:11']);
    this.assertEqual(this.successResultOf(d), 11);
  }

  /** `errback` wraps a non-Failure in a Failure and keeps a Failure as is. */
  test_errbackWraps() {
    const failure = new Failure(new Error('same'));
    this.assertIdentical(this.failureResultOf(fail(failure)), failure);
    const wrapped = this.failureResultOf(fail('a string'));
    this.assertEqual(wrapped.value, 'a string');
  }

  /** An errback rethrowing the failure's value (as `trap` does) keeps the same Failure. */
  test_trapMissKeepsFailure() {
    const failure = new Failure(new TypeError('t'));
    const d = fail(failure).addErrback((f) => f.trap(RangeError));
    this.assertIdentical(this.failureResultOf(d, TypeError), failure);
  }

  /** Adding something that is not a function is a DeferredUsageError at once. */
  test_notAFunction() {
    const d = new Deferred();
    const error = this.assertRaises(DeferredUsageError, () => d.addCallback(undefined as never));
    this.assertSubstring('addCallback() needs a function', error.message);
  }

  /** `callback(aDeferred)` is refused: a Deferred cannot be a result. */
  test_callbackWithDeferred() {
    const d = new Deferred<unknown>();
    this.assertRaises(DeferredUsageError, () => d.callback(new Deferred()));
    this.assertFalse(d.called);
  }

  /** `called` is false until fired, then true. */
  test_calledProperty() {
    const d = new Deferred<number>();
    this.assertFalse(d.called);
    d.callback(1);
    this.assertTrue(d.called);
  }

  /** `chainDeferred` fires the other Deferred with this one's result. */
  test_chainDeferred() {
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    a.chainDeferred(b);
    a.callback(4);
    this.assertEqual(this.successResultOf(b), 4);
    this.assertIdentical(current(a), undefined);
  }
}

/** Tests for firing a Deferred. */
export class FiringTests extends SynchronousTestCase {
  /** Calling back twice raises AlreadyCalledError. */
  test_callbackTwice() {
    const d = new Deferred<number>();
    d.callback(1);
    const error = this.assertRaises(AlreadyCalledError, () => d.callback(2));
    this.assertEqual(error.code, 'TRIAL_ALREADY_CALLED');
    this.assertEqual(this.successResultOf(d), 1);
  }

  /** Errbacking after a callback raises AlreadyCalledError too. */
  test_errbackAfterCallback() {
    const d = new Deferred<number>();
    d.callback(1);
    this.assertRaises(AlreadyCalledError, () => d.errback(new Error('late')));
  }

  /** Calling back after an errback raises AlreadyCalledError. */
  test_callbackAfterErrback() {
    const d = new Deferred<number>();
    d.errback(new Error('first'));
    this.assertRaises(AlreadyCalledError, () => d.callback(1));
    this.failureResultOf(d, Error);
  }
}

/** Tests for `pause` and `unpause`. */
export class PauseTests extends SynchronousTestCase {
  /** A paused Deferred runs no callbacks until unpaused. */
  test_pauseHoldsChain() {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.addCallback((n) => seen.push(n));
    d.pause();
    d.callback(1);
    this.assertEqual(seen, []);
    d.unpause();
    this.assertEqual(seen, [1]);
  }

  /** Pauses are counted: two pauses need two unpauses. */
  test_pauseCounted() {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.pause();
    d.pause();
    d.callback(1);
    d.addCallback((n) => seen.push(n));
    d.unpause();
    this.assertEqual(seen, []);
    this.assertEqual(d.paused, 1);
    d.unpause();
    this.assertEqual(seen, [1]);
    this.assertEqual(d.paused, 0);
  }

  /** `unpause` without a `pause` does nothing. */
  test_unpauseWithoutPause() {
    const d = new Deferred<number>();
    d.unpause();
    this.assertEqual(d.paused, 0);
    d.pause();
    d.callback(1);
    this.assertNoResult(d);
  }

  /** A callback that pauses its own Deferred stops the rest of the chain. */
  test_pauseInsideCallback() {
    const d = new Deferred<number>();
    const steps: string[] = [];
    d.addCallback((n) => {
      d.pause();
      steps.push('first');
      return n;
    });
    d.addCallback((n) => {
      steps.push('second');
      return n;
    });
    d.callback(1);
    this.assertEqual(steps, ['first']);
    d.unpause();
    this.assertEqual(steps, ['first', 'second']);
  }
}

/** Tests for callbacks that return a Deferred or a promise. */
export class ChainingTests extends TestCase {
  /** A returned unfired Deferred pauses the outer chain until it fires. */
  test_returnedDeferredPausesOuter() {
    const inner = new Deferred<string>();
    const steps: string[] = [];
    const outer = succeed(1)
      .addCallback(() => inner)
      .addCallback((v) => {
        steps.push(v);
        return v;
      });
    this.assertEqual(steps, []);
    this.assertNoResult(outer);
    inner.callback('inner result');
    this.assertEqual(steps, ['inner result']);
    this.assertEqual(this.successResultOf(outer), 'inner result');
  }

  /** After handing over, the inner Deferred's result is undefined. */
  test_innerResultBecomesUndefined() {
    const inner = new Deferred<number>();
    const outer = succeed(0).addCallback(() => inner);
    inner.callback(5);
    this.assertIdentical(current(inner), undefined);
    this.assertEqual(this.successResultOf(outer), 5);
  }

  /** An inner failure moves to the outer Deferred and is not also unhandled on the inner. */
  test_innerFailureMovesToOuter() {
    const before = unhandledCount();
    const inner = new Deferred<number>();
    const outer = succeed(0).addCallback(() => inner);
    inner.errback(new RangeError('inner'));
    this.assertIdentical(current(inner), undefined);
    this.assertEqual(unhandledCount(), before + 1);
    this.failureResultOf(outer, RangeError);
    this.assertEqual(unhandledCount(), before);
  }

  /** A returned Deferred that already fired is unpacked at once, its result moved. */
  test_firedInnerUnpackedAtOnce() {
    const before = unhandledCount();
    const inner = fail(new TypeError('already'));
    this.assertEqual(unhandledCount(), before + 1);
    const outer = succeed(0).addCallback(() => inner);
    this.assertIdentical(current(inner), undefined);
    this.failureResultOf(outer, TypeError);
    this.assertEqual(unhandledCount(), before);
  }

  /** A paused inner Deferred keeps the outer waiting until it is unpaused. */
  test_pausedInnerWaits() {
    const inner = new Deferred<number>();
    inner.pause();
    inner.callback(3);
    const outer = succeed(0).addCallback(() => inner);
    this.assertNoResult(outer);
    inner.unpause();
    this.assertEqual(this.successResultOf(outer), 3);
  }

  /** An errback may return a Deferred too. */
  test_errbackReturnsDeferred() {
    const inner = new Deferred<string>();
    const outer = fail<string>(new Error('x')).addErrback(() => inner);
    inner.callback('recovered');
    this.assertEqual(this.successResultOf(outer), 'recovered');
  }

  /** A callback returning its own Deferred fails it with DeferredUsageError instead of hanging. */
  test_returnItself() {
    const d = new Deferred<unknown>();
    d.addCallback(() => d);
    d.callback(1);
    const failure = this.failureResultOf(d, DeferredUsageError);
    this.assertSubstring('returned the Deferred it was attached to', failure.getErrorMessage());
  }

  /** A returned promise pauses the chain; its value becomes the result. */
  async test_returnedPromiseChains() {
    const d = succeed(2).addCallback(async (n) => {
      await Promise.resolve();
      return n * 3;
    });
    this.assertNoResult(d);
    this.assertEqual(await d, 6);
  }

  /** A returned rejected promise switches to the errback path. */
  async test_returnedRejectedPromise() {
    const error = new SyntaxError('bad');
    const d = succeed(2).addCallback(() => Promise.reject(error));
    const seen = await d.asPromise().catch((e: unknown) => e);
    this.assertIdentical(seen, error);
  }

  /** A returned non-promise thenable is chained too. */
  test_returnedThenableChains() {
    const thenable = {
      then(resolve: (v: string) => void) {
        resolve('from thenable');
      },
    };
    const d = succeed(0).addCallback(() => thenable as unknown as PromiseLike<string>);
    this.assertEqual(this.successResultOf(d), 'from thenable');
  }

  /** A Deferred of the other library copy (recognised by its brand) is chained through its public API. */
  test_foreignCopyChains() {
    const real = new Deferred<number>();
    const foreign = {
      [DEFERRED_BRAND]: true,
      addCallbacks: real.addCallbacks.bind(real),
      cancel: real.cancel.bind(real),
      then: real.then.bind(real),
    };
    const outer = succeed(0).addCallback(() => foreign as unknown as Deferred<number>);
    this.assertNoResult(outer);
    real.callback(9);
    this.assertEqual(this.successResultOf(outer), 9);
    this.assertIdentical(current(real), undefined);
  }
}

function depthOfStack(): number {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  try {
    return (new Error().stack ?? '').split('\n').length;
  } finally {
    Error.stackTraceLimit = saved;
  }
}

/**
 * Nest `howMany` unfired Deferreds (each one's callback returns the next), fire them
 * all but the last, then fire the last: returns the stack depth at which the outermost
 * Deferred's next callback ran.
 */
function nestedDepth(howMany: number): number {
  const top = new Deferred<unknown>();
  const inners = Array.from({ length: howMany }, () => new Deferred<unknown>());
  const last = new Deferred<unknown>();
  const depths: number[] = [];
  top.addCallback(() => inners[0]);
  top.addCallback(() => {
    depths.push(depthOfStack());
  });
  for (let i = 0; i < howMany - 1; i++) inners[i]!.addCallback(() => inners[i + 1]);
  inners[howMany - 1]!.addCallback(() => last);
  top.callback(null);
  for (const inner of inners) inner.callback(null);
  if (depths.length !== 0) throw new Error('the top Deferred ran too early');
  last.callback(null);
  return depths[0]!;
}

/** Tests that chaining is iterative. */
export class StackDepthTests extends SynchronousTestCase {
  /** The stack depth at which the outer chain resumes does not grow with nesting. */
  test_nestedDepthBounded() {
    const one = nestedDepth(1);
    this.assertEqual(nestedDepth(2), one);
    this.assertEqual(nestedDepth(10_000), one);
  }

  /** 10,000 Deferreds, each callback returning the next, fired first to last. */
  test_longChainFiredForward() {
    const ds = Array.from({ length: 10_000 }, () => new Deferred<unknown>());
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.addCallback(() => ds[i + 1]);
    ds[ds.length - 1]!.addCallback(() => 'end');
    for (const d of ds) d.callback(null);
    this.assertEqual(this.successResultOf(ds[0]!), 'end');
  }

  /** 10,000 Deferreds, each callback returning the next, fired last to first. */
  test_longChainFiredBackward() {
    const ds = Array.from({ length: 10_000 }, () => new Deferred<unknown>());
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.addCallback(() => ds[i + 1]);
    ds[ds.length - 1]!.addCallback(() => 'end');
    for (let i = ds.length - 1; i >= 0; i--) ds[i]!.callback(null);
    this.assertEqual(this.successResultOf(ds[0]!), 'end');
  }

  /** 10,000 callbacks each returning an already-fired Deferred. */
  test_manyFiredInners() {
    const d = succeed(0);
    for (let i = 0; i < 10_000; i++) d.addCallback((n) => succeed(n + 1));
    this.assertEqual(this.successResultOf(d), 10_000);
  }

  /** A failure travels out of a 10,000-deep nest to the outermost Deferred. */
  test_failureOutOfDeepNest() {
    const ds = Array.from({ length: 10_000 }, () => new Deferred<unknown>());
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.addCallback(() => ds[i + 1]);
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.callback(null);
    ds[ds.length - 1]!.errback(new RangeError('deep'));
    this.failureResultOf(ds[0]!, RangeError);
  }

  /** Cancelling the outermost of a 10,000-deep nest cancels the innermost. */
  test_cancelThroughDeepNest() {
    const ds = Array.from({ length: 10_000 }, () => new Deferred<unknown>());
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.addCallback(() => ds[i + 1]);
    for (let i = 0; i < ds.length - 1; i++) ds[i]!.callback(null);
    ds[0]!.cancel();
    this.failureResultOf(ds[0]!, CancelledError);
  }
}

/** Tests for `cancel`. */
export class CancelTests extends SynchronousTestCase {
  /** With no canceller, cancel errbacks with CancelledError. */
  test_noCanceller() {
    const d = new Deferred<number>();
    d.cancel();
    const failure = this.failureResultOf(d, CancelledError);
    this.assertEqual((failure.value as CancelledError).code, 'TRIAL_CANCELLED');
  }

  /** With no canceller, exactly one later callback is swallowed silently. */
  test_swallowsOneLaterResult() {
    const d = new Deferred<number>();
    d.cancel();
    d.callback(1);
    this.failureResultOf(d, CancelledError);
    this.assertRaises(AlreadyCalledError, () => d.callback(2));
  }

  /** With no canceller, a later errback is swallowed too (and not reported). */
  test_swallowsLaterErrback() {
    const before = unhandledCount();
    const d = new Deferred<number>();
    d.cancel();
    this.failureResultOf(d, CancelledError);
    d.errback(new Error('late'));
    this.assertEqual(unhandledCount(), before);
  }

  /** The canceller runs once, with the Deferred. */
  test_cancellerRunsOnce() {
    const calls: Deferred<number>[] = [];
    const d = new Deferred<number>((x) => calls.push(x));
    d.cancel();
    d.cancel();
    this.assertEqual(calls.length, 1);
    this.assertIdentical(calls[0], d);
    this.failureResultOf(d, CancelledError);
  }

  /** A canceller that fires the Deferred decides its result. */
  test_cancellerFires() {
    const d = new Deferred<string>((x) => x.callback('stopped cleanly'));
    d.cancel();
    this.assertEqual(this.successResultOf(d), 'stopped cleanly');
  }

  /** With a canceller that does not fire, a later callback raises AlreadyCalledError. */
  test_cancellerNoSwallow() {
    const d = new Deferred<number>(() => undefined);
    d.cancel();
    this.failureResultOf(d, CancelledError);
    this.assertRaises(AlreadyCalledError, () => d.callback(1));
  }

  /** A throwing canceller errbacks the Deferred with what it threw. */
  test_throwingCanceller() {
    const error = new Error('canceller broke');
    const d = new Deferred<number>(() => {
      throw error;
    });
    d.cancel();
    this.assertIdentical(this.failureResultOf(d).value, error);
  }

  /** Cancelling a fired Deferred does nothing. */
  test_cancelAfterFired() {
    let cancelled = false;
    const d = new Deferred<number>(() => {
      cancelled = true;
    });
    d.callback(1);
    d.cancel();
    this.assertFalse(cancelled);
    this.assertEqual(this.successResultOf(d), 1);
  }

  /** Cancelling a Deferred waiting on an inner one cancels the inner one. */
  test_cancelForwardsToInner() {
    let innerCancelled = 0;
    const inner = new Deferred<number>(() => {
      innerCancelled++;
    });
    const outer = succeed(0).addCallback(() => inner);
    outer.cancel();
    this.assertEqual(innerCancelled, 1);
    this.failureResultOf(outer, CancelledError);
    this.assertIdentical(current(inner), undefined);
  }

  /** Cancelling a Deferred waiting on a promise errbacks it with CancelledError. */
  test_cancelWaitingOnPromise() {
    const outer = succeed(0).addCallback(() => new Promise<number>(() => undefined));
    outer.cancel();
    this.failureResultOf(outer, CancelledError);
  }
}

/** Tests for `await`, `asPromise` and `fromPromise`. */
export class PromiseTests extends TestCase {
  /** `await d` gives the result. */
  async test_awaitResult() {
    const d = new Deferred<string>();
    setTimeout(() => d.callback('later'), 0);
    this.assertEqual(await d, 'later');
  }

  /** `await d` throws the failure's value, and the failure counts as handled. */
  async test_awaitThrowsValue() {
    const error = new TypeError('awaited');
    const before = unhandledCount();
    const d = fail(error);
    let caught: unknown;
    try {
      await d;
    } catch (e) {
      caught = e;
    }
    this.assertIdentical(caught, error);
    this.assertEqual(unhandledCount(), before);
    this.assertEqual(drainUnhandledFailures().length, 0);
    consume(d);
  }

  /** Awaiting leaves the Deferred's result in place. */
  async test_awaitLeavesResult() {
    const d = succeed(3);
    await d;
    this.assertEqual(this.successResultOf(d), 3);
  }

  /** `asPromise` resolves with the result. */
  async test_asPromise() {
    const p = succeed(4).asPromise();
    this.assertTrue(p instanceof Promise);
    this.assertEqual(await p, 4);
  }

  /** `fromPromise` fires with the value, asynchronously. */
  async test_fromPromiseResolves() {
    const d = Deferred.fromPromise(Promise.resolve('v'));
    this.assertNoResult(d);
    await Promise.resolve();
    this.assertEqual(this.successResultOf(d), 'v');
  }

  /** `fromPromise` fails with the rejection reason. */
  async test_fromPromiseRejects() {
    const error = new RangeError('rejected');
    const d = Deferred.fromPromise(Promise.reject(error));
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.assertIdentical(this.failureResultOf(d, RangeError).value, error);
  }

  /** Cancelling a `fromPromise` Deferred gives CancelledError and ignores the later value. */
  async test_fromPromiseCancel() {
    let resolve!: (v: number) => void;
    const d = Deferred.fromPromise(new Promise<number>((r) => (resolve = r)));
    d.cancel();
    resolve(1);
    await new Promise((r) => setTimeout(r, 0));
    this.failureResultOf(d, CancelledError);
  }

  /** `fromPromise` of a Deferred returns it unchanged. */
  test_fromPromiseOfDeferred() {
    const d = new Deferred<number>();
    this.assertIdentical(Deferred.fromPromise(d), d);
  }

  /** An async function can return a Deferred; the promise adopts its result. */
  async test_asyncFunctionReturnsDeferred() {
    const f = async (): Promise<number> => succeed(12);
    this.assertEqual(await f(), 12);
  }
}

/** Tests for `peek` and `toString`. */
export class PeekTests extends SynchronousTestCase {
  /** An unfired Deferred is pending. */
  test_peekPending() {
    this.assertEqual(new Deferred().peek(), { state: 'pending', result: undefined });
  }

  /** A fired Deferred shows its result, without consuming it. */
  test_peekSucceeded() {
    const d = succeed(5);
    this.assertEqual(d.peek(), { state: 'succeeded', result: 5 });
    this.assertEqual(this.successResultOf(d), 5);
  }

  /** A failed Deferred shows its Failure. */
  test_peekFailed() {
    const failure = new Failure(new Error('x'));
    const d = fail(failure);
    const snapshot = d.peek();
    this.assertEqual(snapshot.state, 'failed');
    this.assertIdentical(snapshot.result, failure);
    this.failureResultOf(d);
  }

  /** Paused, or waiting on an inner Deferred, is pending. */
  test_peekPausedOrWaiting() {
    const paused = succeed(1);
    paused.pause();
    this.assertEqual(paused.peek().state, 'pending');
    const waiting = succeed(1).addCallback(() => new Deferred());
    this.assertEqual(waiting.peek().state, 'pending');
  }

  /** `toString` shows the state, Twisted's repr style. */
  test_toString() {
    const d = new Deferred<number>();
    this.assertTrue(/^<Deferred #\d+>$/.test(String(d)), String(d));
    d.callback(42);
    this.assertTrue(/^<Deferred #\d+ current result: 42>$/.test(String(d)), String(d));
    const waiting = succeed(0).addCallback(() => new Deferred());
    this.assertTrue(/^<Deferred #\d+ waiting on Deferred #\d+>$/.test(String(waiting)), String(waiting));
  }
}
