/**
 * `succeed` and `fail`: Deferreds that already have their result, for code that must
 * return a Deferred but has the answer at hand.
 *
 * @packageDocumentation
 */
import { Deferred } from './deferred';

/**
 * A Deferred that has already been called back with `result`.
 *
 * @param result - the result.
 * @returns a fired Deferred.
 * @example
 * ```ts
 * function lookup(key: string): Deferred<string> {
 *   const hit = cache.get(key);
 *   return hit !== undefined ? succeed(hit) : fetchFromDb(key);
 * }
 * ```
 */
export function succeed<T>(result: T): Deferred<T> {
  const d = new Deferred<T>();
  d.callback(result);
  return d;
}

/**
 * A Deferred that has already been errbacked with `reason`. Until an errback handles
 * it, it counts as an unhandled failure of the running test.
 *
 * @param reason - a Failure (kept as is) or any thrown value.
 * @returns a failed Deferred.
 * @example
 * ```ts
 * return fail(new PermissionError('read-only'));
 * ```
 */
export function fail<T = never>(reason: unknown): Deferred<T> {
  const d = new Deferred<T>();
  d.errback(reason);
  return d;
}
