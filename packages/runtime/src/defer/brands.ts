/**
 * How Deferreds and Failures are recognised without `instanceof`.
 *
 * An application may install another version of the runtime than the one trial-ts
 * brings, so two copies can meet in one thread: each class carries a brand (a key of
 * `keys.ts`) on its prototype and every check in trial-ts goes through these functions.
 *
 * @packageDocumentation
 */
import type { Deferred } from './deferred';
import type { Failure } from './failure';
import { runtimeKeys } from '../keys';

/** Brand on `Deferred.prototype`; the same symbol in every copy of the library. */
export const DEFERRED_BRAND: unique symbol = runtimeKeys.deferredBrand as never;

/** Brand on `Failure.prototype`; the same symbol in every copy of the library. */
export const FAILURE_BRAND: unique symbol = runtimeKeys.failureBrand as never;

/**
 * Whether `value` is a trial-ts `Deferred`, from any copy of the library.
 *
 * @param value - anything.
 * @returns true for a Deferred (or a subclass such as `DeferredList`).
 * @example
 * ```ts
 * isDeferred(succeed(1)); // true
 * isDeferred(Promise.resolve(1)); // false
 * ```
 */
export function isDeferred(value: unknown): value is Deferred<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [DEFERRED_BRAND]?: unknown })[DEFERRED_BRAND] === true
  );
}

/**
 * Whether `value` is a trial-ts `Failure`, from any copy of the library.
 *
 * @param value - anything.
 * @returns true for a Failure.
 * @example
 * ```ts
 * isFailure(new Failure(new Error('x'))); // true
 * isFailure(new Error('x')); // false
 * ```
 */
export function isFailure(value: unknown): value is Failure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [FAILURE_BRAND]?: unknown })[FAILURE_BRAND] === true
  );
}

/**
 * Whether `value` has a callable `then`, the test `await` itself uses.
 *
 * @param value - anything.
 * @returns true for promises, Deferreds and other thenables.
 * @example
 * ```ts
 * isThenable(Promise.resolve(1)); // true
 * ```
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
