/**
 * How Deferreds and Failures are recognised without `instanceof`.
 *
 * The runner loads the library from `dist/` while a test may load a second copy from
 * `src/` (see CONTRIBUTING, "Two copies"), so each class carries a `Symbol.for` brand
 * on its prototype and every check in trial-ts goes through these functions.
 *
 * @packageDocumentation
 */
import type { Deferred } from './deferred';
import type { Failure } from './failure';

/** Brand on `Deferred.prototype`; the same symbol in every copy of the library. */
export const DEFERRED_BRAND: unique symbol = Symbol.for('trial-ts.deferred') as never;

/** Brand on `Failure.prototype`; the same symbol in every copy of the library. */
export const FAILURE_BRAND: unique symbol = Symbol.for('trial-ts.failure') as never;

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
