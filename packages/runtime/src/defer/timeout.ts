/**
 * The implementation of `Deferred.addTimeout`: cancel a Deferred after a delay on a
 * clock, and turn the resulting `CancelledError` into a `TimeoutError`.
 *
 * @packageDocumentation
 */
import { isFailure } from './brands';
import { CancelledError, TimeoutError } from './errors';
import type { ICallLater, OnTimeoutCancel } from './interfaces';
import { messages } from './messages';

/** The part of a Deferred that a timeout needs (either copy of the library). */
interface Timeoutable {
  addBoth(fn: (result: unknown) => unknown): unknown;
  cancel(): void;
}

/**
 * The default `onTimeoutCancel`: a `CancelledError` failure becomes a `TimeoutError`;
 * any other result (the canceller fired the Deferred itself) is kept.
 *
 * @param result - the Deferred's result right after the timeout cancelled it.
 * @param seconds - the timeout.
 * @returns `result` when it is not a cancellation.
 * @throws TimeoutError when `result` is a `CancelledError` failure; other failures are rethrown.
 * @example
 * ```ts
 * d.addTimeout(5, clock, (result, seconds) => cancelledToTimedOut(result, seconds));
 * ```
 */
export function cancelledToTimedOut(result: unknown, seconds: number): unknown {
  if (isFailure(result)) {
    result.trap(CancelledError);
    throw new TimeoutError(messages.timedOut(seconds));
  }
  return result;
}

/**
 * Arrange for `deferred` to be cancelled after `seconds` on `clock`, as
 * `Deferred.addTimeout` documents. The timeout covers the callbacks added before this
 * call only.
 *
 * @param deferred - the Deferred to time out.
 * @param seconds - delay before cancelling.
 * @param clock - schedules the cancellation.
 * @param onTimeoutCancel - translates the result after a timeout (default: {@link cancelledToTimedOut}).
 * @internal
 */
export function addTimeoutTo(
  deferred: Timeoutable,
  seconds: number,
  clock: ICallLater,
  onTimeoutCancel: OnTimeoutCancel = cancelledToTimedOut,
): void {
  let timedOut = false;
  const call = clock.callLater(seconds, () => {
    timedOut = true;
    deferred.cancel();
  });
  deferred.addBoth((result) => (timedOut ? onTimeoutCancel(result, seconds) : result));
  deferred.addBoth((result) => {
    if (call.active()) call.cancel();
    return result;
  });
}
