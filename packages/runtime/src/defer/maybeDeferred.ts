/**
 * `maybeDeferred`: call a function that may return a value, a Deferred, a promise or
 * a Failure, or may throw, and always get a Deferred.
 *
 * @packageDocumentation
 */
import { isDeferred, isFailure, isThenable } from './brands';
import { Deferred } from './deferred';
import type { Failure } from './failure';
import { fail, succeed } from './succeed';

/**
 * Call `fn(...args)` and wrap what happens in a Deferred: a returned Deferred is
 * returned as is, a promise (or thenable) is wrapped with `Deferred.fromPromise`, a
 * returned Failure becomes a failed Deferred holding that same Failure, a throw
 * becomes a failed Deferred, and any other value a succeeded one.
 *
 * @param fn - the function to call.
 * @param args - its arguments.
 * @returns a Deferred of its result.
 * @example
 * ```ts
 * maybeDeferred(JSON.parse, text).addErrback((f) => {
 *   f.trap(SyntaxError);
 *   return {};
 * });
 * ```
 */
export function maybeDeferred<R, A extends unknown[]>(
  fn: (...args: A) => R,
  ...args: A
): Deferred<Exclude<Awaited<R>, Failure>> {
  let result: unknown;
  try {
    result = fn(...args);
  } catch (error) {
    return fail(error);
  }
  if (isDeferred(result)) return result as never;
  if (isFailure(result)) return fail(result);
  if (isThenable(result)) return Deferred.fromPromise(result) as never;
  return succeed(result) as never;
}
