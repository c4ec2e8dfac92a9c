/**
 * The types shared by the Deferred machinery: the minimal clock `addTimeout` needs,
 * the snapshot test helpers read, and the option bags of `addCallbacks` and
 * `DeferredList`. Types only, no code.
 *
 * The clock types are structural on purpose: `src/defer` sits below `src/internet` and
 * must not import it, yet `Clock` and the real reactor both satisfy them.
 *
 * @packageDocumentation
 */
import type { Failure } from './failure';

/**
 * Any class: what `Failure.check` and `Failure.trap` accept (error classes in practice,
 * but `String` or `Number` match thrown primitives too).
 *
 * @example
 * ```ts
 * const expected: ErrorClass[] = [TypeError, RangeError];
 * failure.check(...expected);
 * ```
 */
export type ErrorClass = abstract new (...args: never[]) => unknown;

/**
 * A scheduled call that can be cancelled: the part of `IDelayedCall` that
 * `Deferred.addTimeout` uses.
 *
 * @example
 * ```ts
 * const call: IDelayedCallLike = clock.callLater(5, () => {});
 * if (call.active()) call.cancel();
 * ```
 */
export interface IDelayedCallLike {
  /** Stop the call from happening. Only valid while {@link IDelayedCallLike.active}. */
  cancel(): void;
  /** Whether the call is still scheduled (neither run nor cancelled). */
  active(): boolean;
}

/**
 * Something that runs a function after a delay in seconds: the part of
 * `IReactorTime` that `Deferred.addTimeout` uses. `Clock` and `reactor` satisfy it.
 *
 * @example
 * ```ts
 * const clock: ICallLater = new Clock();
 * d.addTimeout(5, clock);
 * ```
 */
export interface ICallLater {
  /**
   * @param delay - seconds from now.
   * @param fn - what to run then.
   * @returns a handle to cancel the call.
   */
  callLater(delay: number, fn: () => void): IDelayedCallLike;
}

/**
 * A synchronous look at a Deferred's current result, as returned by `Deferred.peek()`.
 * `pending` covers "not fired yet", "paused" and "waiting on an inner Deferred": in
 * each case no callback added now would run now.
 *
 * @example
 * ```ts
 * const snapshot: DeferredSnapshot<number> = d.peek();
 * if (snapshot.state === 'succeeded') snapshot.result.toFixed(2);
 * ```
 */
export type DeferredSnapshot<T> =
  | { state: 'pending'; result: undefined }
  | { state: 'succeeded'; result: T }
  | { state: 'failed'; result: Failure };

/**
 * What a Deferred's result becomes after a callback returned `R`: the callback may
 * return a plain value, a Deferred or promise (chained, so its result is used) or a
 * `Failure` (which switches to the error path and so adds no success type).
 *
 * @example
 * ```ts
 * type A = Chained<Promise<number>>; // number
 * type B = Chained<string | Failure>; // string
 * ```
 */
export type Chained<R> = Exclude<Awaited<R>, Failure>;

/**
 * Extra arguments for `Deferred.addCallbacks`, Twisted's keyword form.
 *
 * @example
 * ```ts
 * d.addCallbacks(save, report, { callbackArgs: [db], errbackArgs: [logger] });
 * ```
 */
export interface AddCallbacksOptions {
  /** Passed to the callback after the result. */
  callbackArgs?: readonly unknown[];
  /** Passed to the errback after the failure. */
  errbackArgs?: readonly unknown[];
}

/**
 * Options of `new DeferredList(deferreds, options)`, as Twisted's keywords.
 *
 * @example
 * ```ts
 * const options: DeferredListOptions = { fireOnOneErrback: true, consumeErrors: true };
 * new DeferredList([a, b], options);
 * ```
 */
export interface DeferredListOptions {
  /**
   * Fire as soon as one Deferred succeeds, with `[result, index]`, without waiting for
   * the others.
   */
  fireOnOneCallback?: boolean;
  /**
   * Fail as soon as one Deferred fails, with a `FirstError` wrapping its failure and
   * its index.
   */
  fireOnOneErrback?: boolean;
  /**
   * Turn each failure of the listed Deferreds into an `undefined` result once the list
   * has seen it, so they are not reported as unhandled.
   */
  consumeErrors?: boolean;
}

/**
 * Options of `gatherResults`.
 *
 * @example
 * ```ts
 * gatherResults([a, b], { consumeErrors: true });
 * ```
 */
export interface GatherResultsOptions {
  /** As {@link DeferredListOptions.consumeErrors}. */
  consumeErrors?: boolean;
}

/**
 * One entry of a `DeferredList` result: `[true, result]` for a Deferred that
 * succeeded, `[false, failure]` for one that failed.
 *
 * @example
 * ```ts
 * dl.addCallback((entries: DeferredListEntry<string>[]) =>
 *   entries.map(([ok, value]) => (ok ? value : value.getErrorMessage())),
 * );
 * ```
 */
export type DeferredListEntry<T> = [true, T] | [false, Failure];

/**
 * Called by `addTimeout` when the timeout cancelled the Deferred, with the result the
 * cancellation produced (usually a `CancelledError` Failure) and the timeout in
 * seconds. What it returns or throws becomes the Deferred's result.
 *
 * @example
 * ```ts
 * const useDefault: OnTimeoutCancel = () => 'default';
 * d.addTimeout(5, clock, useDefault);
 * ```
 */
export type OnTimeoutCancel = (result: unknown, timeout: number) => unknown;
