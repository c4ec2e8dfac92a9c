/**
 * `gatherResults`: the plain results of several Deferreds, or the first failure.
 *
 * @packageDocumentation
 */
import type { Deferred } from './deferred';
import { DeferredList } from './deferredList';
import type { GatherResultsOptions } from './interfaces';

/**
 * A Deferred of the results of `deferreds`, in order, once all have succeeded; or a
 * failure with a `FirstError` (`.subFailure`, `.index`) as soon as one fails. It is a
 * `DeferredList` with `fireOnOneErrback`, so cancelling it cancels the listed Deferreds.
 *
 * @param deferreds - Deferreds or promises.
 * @param options - `consumeErrors`: consume the listed Deferreds' failures so they are
 *   not reported as unhandled on their own.
 * @returns a Deferred of the list of results.
 * @example
 * ```ts
 * gatherResults([getUser(1), getUser(2)]).addCallback(([a, b]) => a.name + b.name);
 * ```
 */
export function gatherResults<T>(
  deferreds: Iterable<Deferred<T> | PromiseLike<T>>,
  options: GatherResultsOptions = {},
): Deferred<T[]> {
  const list = new DeferredList<T>(deferreds, { fireOnOneErrback: true, consumeErrors: options.consumeErrors ?? false });
  return list.addCallback((entries) => entries.map((entry) => entry[1] as T));
}
