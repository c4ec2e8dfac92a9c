/**
 * `ensureDeferred`: the Deferred of a coroutine's result — in JavaScript, of the
 * promise an async function returns.
 *
 * @packageDocumentation
 */
import { isDeferred, isThenable } from './brands';
import { Deferred } from './deferred';
import { NotACoroutineError } from './errors';
import { describe } from './repr';

/**
 * A Deferred of `value`: a Deferred is returned as is; a promise or other thenable
 * (what calling an async function gives) is wrapped with `Deferred.fromPromise`.
 *
 * @param value - a Deferred, a promise or a thenable.
 * @returns a Deferred of its result.
 * @throws NotACoroutineError for anything else (a plain value, or the async function
 *   itself instead of its result).
 * @example
 * ```ts
 * async function fetchUser(id: number): Promise<User> { ... }
 * const d = ensureDeferred(fetchUser(1));
 * ```
 */
export function ensureDeferred<T>(value: PromiseLike<T> | Deferred<T>): Deferred<T> {
  if (isDeferred(value)) return value as Deferred<T>;
  if (isThenable(value)) return Deferred.fromPromise(value as PromiseLike<T>);
  throw new NotACoroutineError(describe(value));
}
