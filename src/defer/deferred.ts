/**
 * `Deferred`: Twisted's promise of a result that is not there yet, with a chain of
 * (callback, errback) pairs that runs synchronously as soon as it fires. It needs no
 * event loop, which is what lets tests drive code in memory and read results
 * synchronously.
 *
 * @packageDocumentation
 */
import { DEFERRED_BRAND, isDeferred, isFailure, isThenable } from './brands';
import { AlreadyCalledError, CancelledError, DeferredUsageError } from './errors';
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
import { isHandled, noteChainEnd, noteHandled } from './unhandled';

// `any`: a link holds callbacks of every signature; the chain calls them with what it has.
type Step = (result: any, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One (callback, errback) pair; `null` passes the result through unchanged. */
interface Link {
  cb: Step | null;
  eb: Step | null;
  cbArgs: readonly unknown[];
  ebArgs: readonly unknown[];
  /** Set on the link an outer Deferred adds to the inner one it waits on: hand it our result. */
  resume: Deferred<unknown> | null;
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);
const PENDING: DeferredSnapshot<never> = Object.freeze({ state: 'pending', result: undefined });
let lastId = 0;

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
  #links: Link[] = [];
  #next = 0;
  #called = false;
  #result: unknown = undefined;
  /** Unmatched `pause()` calls (the user's). */
  #paused = 0;
  /** The Deferred whose result we wait for, after a callback returned it. */
  #chainedTo: Deferred<unknown> | null = null;
  #running = false;
  #canceller: ((d: Deferred<T>) => void) | undefined;
  #suppressAlreadyCalled = false;
  /** Whether this Deferred may be in the unhandled registry (saves a Set lookup per success). */
  #mayBeRegistered = false;
  #id = 0;

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
    this.#canceller = canceller;
  }

  /** Whether `callback` or `errback` has been called (true from then on, even while waiting on an inner Deferred). */
  get called(): boolean {
    return this.#called;
  }

  /** How many reasons keep the chain from running: unmatched `pause()` calls, plus one while waiting on an inner Deferred. */
  get paused(): number {
    return this.#paused + (this.#chainedTo === null ? 0 : 1);
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
    return this.#addLink(callback as Step, (errback ?? null) as Step | null, cbArgs, ebArgs) as never;
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
    return this.#addLink(callback as Step, null, args, NO_ARGS) as never;
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
    return this.#addLink(null, errback as Step, NO_ARGS, args) as never;
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
    return this.#addLink(fn as Step, fn as Step, args, args) as never;
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
    return this.#addLink(
      (result: unknown) => other.callback(result as T),
      (failure: unknown) => other.errback(failure),
      NO_ARGS,
      NO_ARGS,
    ) as never;
  }

  /**
   * Fire the success path with `result`.
   *
   * @param result - the result the first callback receives.
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
    this.#start(result);
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
    this.#start(Failure.from(reason));
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
    this.#paused++;
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
    if (this.#paused === 0) return;
    this.#paused--;
    if (this.#paused === 0 && this.#called) this.#runCallbacks();
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
    if (!this.#called) {
      this.#cancelUnfired();
      return;
    }
    // Walk to the innermost Deferred in a loop: a long chain must not grow the stack.
    let target: Deferred<unknown> = this as Deferred<unknown>;
    while (target.#called && target.#chainedTo !== null) target = target.#chainedTo;
    if (target !== (this as Deferred<unknown>)) target.cancel();
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
      this.#addLink(
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
    const d = new Deferred<T>();
    try {
      promise.then(
        (value) => d.callback(value),
        (reason: unknown) => d.errback(reason),
      );
    } catch (error) {
      d.errback(error);
    }
    return d;
  }

  /**
   * Read the current state without touching the chain: `pending` (not fired, paused, or
   * waiting on an inner Deferred), `succeeded` or `failed` with the current result.
   * For the synchronous test helpers (`successResultOf`, `failureResultOf`,
   * `assertNoResult`); it marks nothing as handled (see `markHandled`).
   *
   * @returns a snapshot of the state.
   * @internal
   */
  peek(): DeferredSnapshot<T> {
    if (!this.#called || this.#paused > 0 || this.#chainedTo !== null) return PENDING;
    const result = this.#result;
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
    const name = `Deferred #${this.#label()}`;
    if (this.#chainedTo !== null) return `<${name} waiting on Deferred #${this.#chainedTo.#label()}>`;
    if (!this.#called) return `<${name}>`;
    return `<${name} current result: ${describe(this.#result)}>`;
  }

  #label(): number {
    if (this.#id === 0) this.#id = ++lastId;
    return this.#id;
  }

  #addLink(cb: Step | null, eb: Step | null, cbArgs: readonly unknown[], ebArgs: readonly unknown[]): this {
    this.#links.push({ cb, eb, cbArgs, ebArgs, resume: null });
    if (this.#called) this.#runCallbacks();
    return this;
  }

  #start(result: unknown): void {
    if (this.#called) {
      if (this.#suppressAlreadyCalled) {
        this.#suppressAlreadyCalled = false;
        return;
      }
      throw new AlreadyCalledError();
    }
    this.#called = true;
    this.#result = result;
    this.#runCallbacks();
  }

  #cancelUnfired(): void {
    const canceller = this.#canceller;
    this.#canceller = undefined;
    if (canceller === undefined) {
      this.#suppressAlreadyCalled = true;
    } else {
      try {
        canceller(this);
      } catch (error) {
        if (this.#called) throw error;
        this.errback(error);
        return;
      }
    }
    if (!this.#called) this.errback(new CancelledError());
  }

  /**
   * Run the chain. Iterative: when an inner Deferred hands its result to an outer one,
   * the outer one is pushed on `chain` instead of being run by a nested call, so the
   * stack stays flat however deep Deferreds are nested.
   */
  #runCallbacks(): void {
    // A callback added (or an unpause) from inside a running callback is picked up by
    // the loop already running this Deferred.
    if (this.#running) return;
    const chain: Deferred<unknown>[] = [this as Deferred<unknown>];
    while (chain.length > 0) {
      const current = chain[chain.length - 1]!;
      if (current.#paused > 0 || current.#chainedTo !== null || current.#running) {
        chain.pop();
        current.#noteEnd();
        continue;
      }
      if (current.#step(chain)) continue;
      chain.pop();
      current.#compact();
      current.#noteEnd();
    }
  }

  /**
   * Run this Deferred's links until it ends, pauses, or hands its result to an outer
   * Deferred (pushed on `chain`).
   *
   * @returns true when an outer Deferred was pushed, so this one has more to do later.
   */
  #step(chain: Deferred<unknown>[]): boolean {
    const links = this.#links;
    while (this.#paused === 0 && this.#chainedTo === null && this.#next < links.length) {
      const link = links[this.#next++]!;
      const prior = this.#result;
      const failed = isFailure(prior);
      if (link.resume !== null) {
        const outer = link.resume;
        if (failed && isHandled(this, prior)) noteHandled(outer, prior);
        outer.#result = prior;
        outer.#chainedTo = null;
        this.#result = undefined;
        chain.push(outer);
        return true;
      }
      const fn = failed ? link.eb : link.cb;
      if (fn === null) continue;
      this.#running = true;
      try {
        this.#result = fn(prior, ...(failed ? link.ebArgs : link.cbArgs));
      } catch (error) {
        // Rethrowing the current failure's value (as `trap` does) keeps that Failure.
        this.#result = failed && prior.value === error ? prior : Failure.from(error);
      } finally {
        this.#running = false;
      }
      const result = this.#result;
      if (typeof result === 'object' && result !== null && (isDeferred(result) || isThenable(result))) {
        this.#waitFor(result);
      }
    }
    return false;
  }

  /** A callback returned `result`, a Deferred or thenable: take its result now, or wait for it. */
  #waitFor(result: PromiseLike<unknown>): void {
    const inner = adopt(result);
    if (inner === (this as Deferred<unknown>)) {
      this.#result = new Failure(new DeferredUsageError(messages.returnedItself));
      return;
    }
    if (inner.#called && inner.#paused === 0 && inner.#chainedTo === null && !inner.#running) {
      const innerResult = inner.#result;
      if (isFailure(innerResult) && isHandled(inner, innerResult)) noteHandled(this, innerResult);
      // The outer Deferred owns the result now: a failure must not be reported twice.
      inner.#result = undefined;
      inner.#noteEnd();
      this.#result = innerResult;
      return;
    }
    this.#chainedTo = inner;
    this.#result = inner;
    inner.#links.push({ cb: null, eb: null, cbArgs: NO_ARGS, ebArgs: NO_ARGS, resume: this as Deferred<unknown> });
  }

  #compact(): void {
    if (this.#next === this.#links.length) {
      this.#links.length = 0;
      this.#next = 0;
    }
  }

  #noteEnd(): void {
    const result = this.#result;
    if (this.#paused === 0 && this.#chainedTo === null && isFailure(result)) {
      this.#mayBeRegistered = true;
      noteChainEnd(this, result);
    } else if (this.#mayBeRegistered) {
      this.#mayBeRegistered = false;
      noteChainEnd(this, undefined);
    }
  }

  declare readonly [DEFERRED_BRAND]: true;
}
Object.defineProperty(Deferred.prototype, DEFERRED_BRAND, { value: true });

/**
 * The same-copy Deferred to wait on for `value`: itself, a local stand-in for a
 * Deferred of the other library copy (whose private state we cannot reach), or a
 * Deferred of a promise.
 */
function adopt(value: PromiseLike<unknown>): Deferred<unknown> {
  if (value instanceof Deferred) return value as Deferred<unknown>;
  if (!isDeferred(value)) return Deferred.fromPromise(value);
  const foreign = value;
  const local = new Deferred<unknown>(() => foreign.cancel());
  foreign.addCallbacks(
    (result: unknown) => {
      local.callback(result);
      return undefined;
    },
    (failure: Failure) => {
      local.errback(failure);
      return undefined;
    },
  );
  return local;
}

function checkFunction(method: string, fn: unknown): void {
  if (typeof fn !== 'function') throw new DeferredUsageError(messages.notAFunction(method, describe(fn)));
}
