/**
 * Deferreds: Twisted's Deferred, Failure and helpers, for TypeScript. Pure — imports
 * nothing from Node — so it runs anywhere and needs no event loop.
 *
 * Files:
 * - `deferred.ts` — `Deferred<T>`: the callback/errback chain, pause, cancel, timeouts, promise interop.
 * - `chain.ts` — the engine under it: a Deferred's state and the iterative loop that runs chains.
 * - `failure.ts` — `Failure`: a thrown value with `check`/`trap`/`getTraceback`.
 * - `succeed.ts` — `succeed`, `fail`: already-fired Deferreds.
 * - `maybeDeferred.ts` — call anything and get a Deferred.
 * - `deferredList.ts` — `DeferredList`: wait for several Deferreds.
 * - `gatherResults.ts` — the plain results of several Deferreds, or the first failure.
 * - `ensureDeferred.ts` — the Deferred of a promise (an async function's result).
 * - `timeout.ts` — `addTimeout`'s implementation and its default translation.
 * - `unhandled.ts` — unhandled failures: collected per test under the runner, reported at GC elsewhere.
 * - `unhandledHook.ts` — `setUnhandledErrorHook`: what is done with a failure found at GC (default: stderr).
 * - `creationSite.ts` — where a Deferred was created (captured only under the runner).
 * - `brands.ts` — `isDeferred`/`isFailure`: recognition across two library copies.
 * - `errors.ts` — the public errors (`AlreadyCalledError`, `CancelledError`, `TimeoutError`, `FirstError`, ...).
 * - `interfaces.ts` — shared types (`ICallLater`, `DeferredSnapshot`, option bags).
 * - `messages.ts` — every user-facing message; `repr.ts` — one-line value descriptions.
 *
 * @packageDocumentation
 */
export { Deferred } from './deferred';
export { Failure } from './failure';
export { succeed, fail } from './succeed';
export { maybeDeferred } from './maybeDeferred';
export { DeferredList } from './deferredList';
export { gatherResults } from './gatherResults';
export { ensureDeferred } from './ensureDeferred';
export { cancelledToTimedOut } from './timeout';
export { drainUnhandledFailures, markHandled, unhandledCount } from './unhandled';
export { setUnhandledErrorHook } from './unhandledHook';
export type { UnhandledErrorHook, UnhandledErrorReport } from './unhandledHook';
export { isDeferred, isFailure, isThenable } from './brands';
export {
  TrialError,
  AlreadyCalledError,
  CancelledError,
  TimeoutError,
  FirstError,
  NotACoroutineError,
  DeferredUsageError,
  InternalError,
  UnhandledDeferredError,
} from './errors';
export type {
  ErrorClass,
  IDelayedCallLike,
  ICallLater,
  DeferredSnapshot,
  Chained,
  AddCallbacksOptions,
  DeferredListOptions,
  DeferredListEntry,
  GatherResultsOptions,
  OnTimeoutCancel,
} from './interfaces';
