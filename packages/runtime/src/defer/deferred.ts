/**
 * `Deferred`: Twisted's promise of a result that is not there yet, with a chain of
 * (callback, errback) pairs that runs synchronously as soon as it fires. It needs no
 * event loop, which is what lets tests drive code in memory and read results
 * synchronously.
 *
 * @packageDocumentation
 */
import { DEFERRED_BRAND, isDeferred, isFailure } from './brands';
import {
  addLink,
  cancelUnfired,
  fromThenable,
  initState,
  label,
  NO_ARGS,
  runCallbacks,
  setDeferredFactory,
  start,
  stateOf,
  type Step,
} from './chain';
import { DeferredUsageError } from './errors';
import { Failure } from './failure';
import type {
  AddCallbacksOptions,
  Chained,
  DeferredSnapshot,
  ICallLater,
  OnTimeoutCancel,
} from './interfaces';
import { messages } from './messages';
import { describe } from './repr';
import { addTimeoutTo } from './timeout';
import { noteHandled } from './unhandled';

const PENDING: DeferredSnapshot<never> = Object.freeze({ state: 'pending', result: undefined });

/**
 * A result that will arrive later, and the chain of callbacks that will process it.
 *
 * Each `addCallbacks` appends a (callback, errback) pair. When the Deferred fires, the
 * result runs down the chain: a callback's return value is the next result; a throw or
 * a returned `Failure` switches to the errback path; an errback that returns switches
 * back. A callback that returns another Deferred or a promise pauses the chain until
 * that one fires, and the chain goes on with its result. Chaining is iterative, so
 * thousands of nested Deferreds do not grow the stack.
 *
 * `await d` works (it is a thenable): it gives the result or throws the failure's value.
 *
 * @typeParam T - the type of the result the next callback receives.
 * @example
 * ```ts
 * const d = new Deferred<number>();
 * d.addCallback((n) => n * 2).addCallback((n) => console.log(n));
 * d.callback(21); // logs 42, synchronously
 * ```
 */
export class Deferred<T = unknown> implements PromiseLike<T> {
  /**
   * @param canceller - called once by {@link Deferred.cancel} (with this Deferred) to
   *   stop the work; if it does not fire the Deferred, `cancel` errbacks with
   *   `CancelledError`.
   * @example
   * ```ts
   * const d = new Deferred<string>(() => request.abort());
   * ```
   */
  constructor(canceller?: (d: Deferred<T>) => void) {
    initState(this, canceller as never, new.target);
  }

  /** Whether `callback` or `errback` has been called (true from then on, even while waiting on an inner Deferred). */
  get called(): boolean {
    return stateOf(this).called;
  }

  /** How many reasons keep the chain from running: unmatched `pause()` calls, plus one while waiting on an inner Deferred. */
  get paused(): number {
    const state = stateOf(this);
    return state.paused + (state.chainedTo === null ? 0 : 1);
  }

  /**
   * Add a callback and an errback as one pair of the chain.
   *
   * @param callback - receives the result (then `callbackArgs`) on the success path.
   * @param errback - receives the Failure (then `errbackArgs`) on the error path; `null`
   *   or omitted passes the failure on.
   * @param options - `{ callbackArgs, errbackArgs }`, or Twisted's positional
   *   `callbackArgs` array followed by `errbackArgs`.
   * @param errbackArgs - with the positional form: extra arguments for the errback.
   * @returns this Deferred, retyped.
   * @throws DeferredUsageError when `callback` or `errback` is not a function.
   * @example
   * ```ts
   * d.addCallbacks((body) => parse(body), (f) => defaultValue);
   * d.addCallbacks(save, report, { callbackArgs: [db], errbackArgs: [log] });
   * ```
   */
  addCallbacks<R1, R2 = never>(
    callback: (result: T, ...args: never[]) => R1,
    errback?: ((failure: Failure, ...args: never[]) => R2) | null,
    options?: AddCallbacksOptions | readonly unknown[],
    errbackArgs?: readonly unknown[],
  ): Deferred<Chained<R1> | Chained<R2>> {
    checkFunction('addCallbacks', callback);
    if (errback != null) checkFunction('addCallbacks', errback);
    const positional = Array.isArray(options);
    const cbArgs = positional ? options : ((options as AddCallbacksOptions | undefined)?.callbackArgs ?? NO_ARGS);
    const ebArgs = positional ? (errbackArgs ?? NO_ARGS) : ((options as AddCallbacksOptions | undefined)?.errbackArgs ?? NO_ARGS);
    return addLink(this, callback as Step, (errback ?? null) as Step | null, cbArgs, ebArgs) as never;
  }

  /**
   * Add a callback for the success path; failures pass it by.
   *
   * @param callback - receives the result, then `args`.
   * @param args - extra arguments.
   * @returns this Deferred, retyped to what the callback returns.
   * @example
   * ```ts
   * d.addCallback((rows, limit) => rows.slice(0, limit), 10);
   * ```
   */
  addCallback<R, A extends unknown[]>(callback: (result: T, ...args: A) => R, ...args: A): Deferred<Chained<R>> {
    checkFunction('addCallback', callback);
    return addLink(this, callback as Step, null, args, NO_ARGS) as never;
  }

  /**
   * Add an errback for the error path; successes pass it by.
   *
   * @param errback - receives the Failure, then `args`; returning recovers, throwing
   *   (or `failure.trap(...)` not matching) keeps the error path.
   * @param args - extra arguments.
   * @returns this Deferred, retyped.
   * @example
   * ```ts
   * d.addErrback((f) => {
   *   f.trap(NotFoundError);
   *   return null;
   * });
   * ```
   */
  addErrback<R, A extends unknown[]>(errback: (failure: Failure, ...args: A) => R, ...args: A): Deferred<T | Chained<R>> {
    checkFunction('addErrback', errback);
    return addLink(this, null, errback as Step, NO_ARGS, args) as never;
  }

  /**
   * Add one function as both the callback and the errback.
   *
   * @param fn - receives the result or the Failure, then `args`.
   * @param args - extra arguments.
   * @returns this Deferred, retyped to what `fn` returns.
   * @example
   * ```ts
   * d.addBoth((resultOrFailure) => {
   *   connection.close();
   *   return resultOrFailure;
   * });
   * ```
   */
  addBoth<R, A extends unknown[]>(fn: (result: T | Failure, ...args: A) => R, ...args: A): Deferred<Chained<R>> {
    checkFunction('addBoth', fn);
    return addLink(this, fn as Step, fn as Step, args, args) as never;
  }

  /**
   * Fire `other` with this Deferred's result when it arrives
   * (`this.addCallbacks(other.callback, other.errback)`); this Deferred's result then
   * becomes `undefined`. Unlike returning `other` from a callback, this is recursive.
   *
   * @param other - the Deferred to fire.
   * @returns this Deferred.
   * @example
   * ```ts
   * upstream.chainDeferred(downstream);
   * ```
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    return addLink(this, 
      (result: unknown) => other.callback(result as T),
      (failure: unknown) => other.errback(failure),
      NO_ARGS,
      NO_ARGS,
    ) as never;
  }

  /**
   * Fire the Deferred with `result`: the success path, unless `result` is a `Failure`,
   * which takes the error path exactly as `errback(result)` would (as Twisted's
   * `callback(Failure(...))` does), and is reported as unhandled if no errback consumes it.
   *
   * @param result - the result the first callback receives (a Failure: the first errback).
   * @throws AlreadyCalledError when the Deferred has already fired (except the one
   *   result swallowed after a `cancel()` without canceller).
   * @throws DeferredUsageError when `result` is a Deferred.
   * @example
   * ```ts
   * d.callback('done');
   * ```
   */
  callback(result: T): void {
    if (isDeferred(result)) throw new DeferredUsageError(messages.deferredAsResult);
    start(this, result);
  }

  /**
   * Fire the error path.
   *
   * @param reason - a Failure (kept as is) or any thrown value (wrapped in a Failure).
   * @throws AlreadyCalledError when the Deferred has already fired (except the one
   *   result swallowed after a `cancel()` without canceller).
   * @example
   * ```ts
   * d.errback(new ConnectionLost('peer went away'));
   * ```
   */
  errback(reason: unknown): void {
    start(this, Failure.from(reason));
  }

  /**
   * Stop the chain from running until a matching {@link Deferred.unpause}. Counted: two
   * pauses need two unpauses.
   *
   * @example
   * ```ts
   * d.pause();
   * d.callback(1); // nothing runs yet
   * d.unpause(); // now the callbacks run
   * ```
   */
  pause(): void {
    stateOf(this).paused++;
  }

  /**
   * Undo one {@link Deferred.pause}; when none remain and the Deferred has fired, the
   * chain runs. Does nothing when not paused.
   *
   * @example
   * ```ts
   * d.unpause();
   * ```
   */
  unpause(): void {
    const state = stateOf(this);
    if (state.paused === 0) return;
    state.paused--;
    if (state.paused === 0 && state.called) runCallbacks(this);
  }

  /**
   * Cancel the work this Deferred stands for.
   *
   * Before it fired: runs the canceller once (with this Deferred); if the Deferred is
   * still unfired afterwards, errbacks with `CancelledError` (and with no canceller,
   * silently swallows the one `callback`/`errback` that the work will still make).
   * A throwing canceller errbacks the Deferred with what it threw. After it fired and
   * while it waits on an inner Deferred: cancels the inner one. Otherwise: nothing.
   *
   * @example
   * ```ts
   * const d = fetchPage(url);
   * d.cancel();
   * this.failureResultOf(d, CancelledError);
   * ```
   */
  cancel(): void {
    if (!stateOf(this).called) {
      cancelUnfired(this);
      return;
    }
    // Walk to the innermost Deferred in a loop: a long chain must not grow the stack.
    let target: Deferred<unknown> = this;
    for (let state = stateOf(target); state.called && state.chainedTo !== null; state = stateOf(target)) {
      target = state.chainedTo;
    }
    if (target !== this) target.cancel();
  }

  /**
   * Cancel this Deferred if it has not produced its result after `seconds` on `clock`;
   * the resulting `CancelledError` becomes a `TimeoutError`. Covers the callbacks added
   * before this call only. The pending timeout is cancelled when the result arrives.
   *
   * @param seconds - how long to wait.
   * @param clock - anything with `callLater` (a `Clock`, the `reactor`).
   * @param onTimeoutCancel - called with the result right after a timeout and the
   *   timeout (not after other cancellations); what it returns or throws becomes the
   *   result. By default a `CancelledError` becomes a `TimeoutError`.
   * @returns this Deferred.
   * @example
   * ```ts
   * const clock = new Clock();
   * const d = new Deferred<string>().addTimeout(5, clock);
   * clock.advance(5);
   * this.failureResultOf(d, TimeoutError);
   * ```
   */
  addTimeout(seconds: number, clock: ICallLater, onTimeoutCancel?: OnTimeoutCancel): Deferred<T> {
    addTimeoutTo(this as never, seconds, clock, onTimeoutCancel);
    return this;
  }

  /**
   * A promise of this Deferred's result: it resolves with the result, or rejects with
   * the failure's value (which then counts as handled: the promise carries it). The
   * Deferred's own result is left as it is.
   *
   * @returns a native Promise.
   * @example
   * ```ts
   * const body = await fetchPage(url).asPromise();
   * ```
   */
  asPromise(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      addLink(this, 
        (result: unknown) => {
          resolve(result as T);
          return result;
        },
        (failure: Failure) => {
          noteHandled(this, failure);
          reject(failure.value);
          return failure;
        },
        NO_ARGS,
        NO_ARGS,
      );
    });
  }

  /**
   * Makes `await d` work: as `d.asPromise().then(onFulfilled, onRejected)`.
   *
   * @param onFulfilled - called with the result.
   * @param onRejected - called with the failure's value.
   * @returns a native Promise.
   * @example
   * ```ts
   * const page = await fetchPage(url);
   * ```
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.asPromise().then(onFulfilled, onRejected);
  }

  /**
   * A Deferred that fires when `promise` settles: with its value, or with a Failure of
   * its rejection reason. A promise cannot be stopped, so cancelling the Deferred just
   * errbacks it with `CancelledError` and ignores the later settlement.
   *
   * @param promise - a promise or any thenable (a Deferred is returned as is).
   * @returns a Deferred of the promise's value.
   * @example
   * ```ts
   * const d = Deferred.fromPromise(fs.promises.readFile(path));
   * ```
   */
  static fromPromise<T>(promise: PromiseLike<T>): Deferred<T> {
    if (isDeferred(promise)) return promise as Deferred<T>;
    return fromThenable(promise, new Deferred<T>());
  }

  /**
   * Read the current state without touching the chain: `pending` (not fired, paused, or
   * waiting on an inner Deferred — no callback added now would run now), `succeeded` or
   * `failed` with the current result. Twisted's `d.result`, for test helpers and
   * diagnostics: in tests prefer `successResultOf`/`failureResultOf`. It marks nothing
   * as handled (see `markHandled`).
   *
   * @returns a snapshot of the state.
   * @example
   * ```ts
   * const snapshot = d.peek();
   * if (snapshot.state === 'failed') console.log(snapshot.result.getTraceback());
   * ```
   */
  peek(): DeferredSnapshot<T> {
    const state = stateOf(this);
    if (!state.called || state.paused > 0 || state.chainedTo !== null) return PENDING;
    const result = state.result;
    return isFailure(result) ? { state: 'failed', result } : { state: 'succeeded', result: result as T };
  }

  /**
   * @returns Twisted's repr: `<Deferred #3>`, `<Deferred #3 current result: 42>` or
   *   `<Deferred #3 waiting on Deferred #4>`.
   * @example
   * ```ts
   * String(succeed(42)); // '<Deferred #1 current result: 42>'
   * ```
   */
  toString(): string {
    const state = stateOf(this);
    const name = `Deferred #${label(state)}`;
    if (state.chainedTo !== null) return `<${name} waiting on Deferred #${label(stateOf(state.chainedTo))}>`;
    if (!state.called) return `<${name}>`;
    return `<${name} current result: ${describe(state.result)}>`;
  }
}
// The brand lives on the prototype and not in the type: a declared brand would make
// the two copies' Deferred types incompatible (see `State`).
Object.defineProperty(Deferred.prototype, DEFERRED_BRAND, { value: true });
setDeferredFactory((canceller) => new Deferred(canceller));

function checkFunction(method: string, fn: unknown): void {
  if (typeof fn !== 'function') throw new DeferredUsageError(messages.notAFunction(method, describe(fn)));
}
