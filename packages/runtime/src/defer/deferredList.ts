/**
 * `DeferredList`: one Deferred for the results of several.
 *
 * @packageDocumentation
 */
import { isDeferred } from './brands';
import { Deferred } from './deferred';
import { FirstError } from './errors';
import type { Failure } from './failure';
import type { DeferredListEntry, DeferredListOptions } from './interfaces';

/**
 * A Deferred that fires when every Deferred in a list has fired, with
 * `[true, result]` or `[false, failure]` for each, in list order.
 *
 * With `fireOnOneCallback` it fires as soon as one succeeds, with `[result, index]`
 * (cast the result: `as unknown as [T, number]`). With `fireOnOneErrback` it fails as
 * soon as one fails, with a `FirstError` carrying that failure and its index. With
 * `consumeErrors` each listed Deferred's failure becomes `undefined` once the list has
 * it, so it is not reported as unhandled. An empty list fires `[]` at once (unless
 * `fireOnOneCallback`, which then never fires). Promises in the list are wrapped with
 * `Deferred.fromPromise`.
 *
 * Cancelling the list before it fired cancels every listed Deferred.
 *
 * @typeParam T - the result type of the listed Deferreds.
 * @example
 * ```ts
 * const dl = new DeferredList([fetch('a'), fetch('b')], { consumeErrors: true });
 * dl.addCallback((entries) => entries.filter(([ok]) => ok).length);
 * ```
 */
export class DeferredList<T = unknown> extends Deferred<DeferredListEntry<T>[]> {
  readonly #deferreds: Deferred<T>[];
  readonly #entries: DeferredListEntry<T>[];
  #finished = 0;
  /** Whether the list fires on the first success (with `[result, index]`). */
  readonly fireOnOneCallback: boolean;
  /** Whether the list fails on the first failure (with a `FirstError`). */
  readonly fireOnOneErrback: boolean;
  /** Whether the listed Deferreds' failures are consumed. */
  readonly consumeErrors: boolean;

  /**
   * @param deferreds - the Deferreds (or promises) to watch.
   * @param options - `fireOnOneCallback`, `fireOnOneErrback`, `consumeErrors`.
   * @example
   * ```ts
   * new DeferredList([d1, d2], { fireOnOneErrback: true });
   * ```
   */
  constructor(deferreds: Iterable<Deferred<T> | PromiseLike<T>>, options: DeferredListOptions = {}) {
    super();
    this.#deferreds = Array.from(deferreds, (d) => (isDeferred(d) ? (d as Deferred<T>) : Deferred.fromPromise(d)));
    this.#entries = new Array<DeferredListEntry<T>>(this.#deferreds.length);
    this.fireOnOneCallback = options.fireOnOneCallback ?? false;
    this.fireOnOneErrback = options.fireOnOneErrback ?? false;
    this.consumeErrors = options.consumeErrors ?? false;
    if (this.#deferreds.length === 0 && !this.fireOnOneCallback) this.callback(this.#entries);
    this.#deferreds.forEach((d, index) => {
      d.addCallbacks(
        (result: T) => this.#settle([true, result], index),
        (failure: Failure) => this.#settle([false, failure], index),
      );
    });
  }

  /**
   * Cancel every listed Deferred if the list has not fired yet; after it fired, as
   * {@link Deferred.cancel}.
   *
   * @throws the first error a listed Deferred's `cancel()` threw, after trying them all.
   * @example
   * ```ts
   * const dl = new DeferredList([slowA, slowB]);
   * dl.cancel(); // cancels slowA and slowB
   * ```
   */
  override cancel(): void {
    if (this.called) {
      super.cancel();
      return;
    }
    let firstError: { error: unknown } | undefined;
    for (const d of this.#deferreds) {
      try {
        d.cancel();
      } catch (error) {
        firstError ??= { error };
      }
    }
    if (firstError !== undefined) throw firstError.error;
  }

  #settle(entry: DeferredListEntry<T>, index: number): unknown {
    this.#entries[index] = entry;
    this.#finished++;
    if (!this.called) {
      if (entry[0] && this.fireOnOneCallback) {
        this.callback([entry[1], index] as never);
      } else if (!entry[0] && this.fireOnOneErrback) {
        this.errback(new FirstError(entry[1], index));
      } else if (this.#finished === this.#entries.length) {
        this.callback(this.#entries);
      }
    }
    return !entry[0] && this.consumeErrors ? undefined : entry[1];
  }
}
