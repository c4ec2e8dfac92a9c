/**
 * `deferLater`: a Deferred that fires after a delay on a given clock.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Deferred } from '../defer/deferred';
import type { IReactorTime } from './interfaces';

/**
 * Call `fn(...args)` after `delay` seconds on `clock`, and fire the returned Deferred
 * with its result (chained if it returns a Deferred or promise), or with its error.
 * Cancelling the Deferred before then cancels the call: `fn` never runs and the
 * Deferred fails with `CancelledError`.
 *
 * @param clock - where to schedule: a `Clock` in tests, `reactor` for real.
 * @param delay - seconds from now.
 * @param fn - what to run; omitted, the Deferred fires with undefined.
 * @param args - arguments for `fn`.
 * @returns a Deferred of `fn`'s result.
 * @example
 * ```ts
 * const clock = new Clock();
 * const d = deferLater(clock, 3, () => 'done');
 * clock.advance(3);
 * this.successResultOf(d); // 'done'
 * ```
 */
export function deferLater<R = undefined, A extends unknown[] = []>(
  clock: IReactorTime,
  delay: number,
  fn?: (...args: A) => R | PromiseLike<R>,
  ...args: A
): Deferred<Awaited<R>> {
  const d = new Deferred<undefined>(() => {
    if (call.active()) call.cancel();
  });
  const call = clock.callLater(delay, () => d.callback(undefined));
  return d.addCallback(() => (fn === undefined ? undefined : fn(...args))) as Deferred<Awaited<R>>;
}
