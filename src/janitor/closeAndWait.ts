/**
 * Closing a test's leftovers and waiting, bounded, until they are gone — and until
 * their owners have heard of it — on the real timers, outside any test's async context
 * (so that nothing the waiting creates is charged to a test).
 *
 * @packageDocumentation
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { realTimers } from '../runner/realTimers';
import { closeResource } from './close';
import { isLive, ownerClosed } from './liveness';
import type { Tracked } from './records';

/** One loop turn through the check phase. */
export const immediateTurn = (): Promise<void> => new Promise((resolve) => realTimers.setImmediate(resolve));
/** One loop turn through a timer of `ms`. */
export const timerTurn = (ms: number): Promise<void> => new Promise((resolve) => realTimers.setTimeout(resolve, ms));

/** Wait for `promise`, at most `ms`, leaving no timer behind. */
function untilOrTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = realTimers.setTimeout(resolve, ms);
    void promise.then(() => {
      realTimers.clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Close `list` and wait, bounded, until it is gone.
 *
 * @param list - the resources to close.
 * @param als - the async context to leave while waiting.
 * @param timeoutMs - how long they may take.
 * @returns false if something stayed open (the worker should then be recycled).
 */
export async function closeAndWait(list: readonly Tracked[], als: AsyncLocalStorage<object>, timeoutMs: number): Promise<boolean> {
  const heard: Promise<void>[] = [];
  for (const tracked of list) {
    const closed = ownerClosed(tracked.type, tracked.resource);
    if (closed !== undefined) heard.push(closed);
    closeResource(tracked.type, tracked.resource);
  }
  const deadline = realTimers.now() + timeoutMs;
  for (let turn = 0; list.some((t) => isLive(t.type, t.resource)); turn++) {
    if (realTimers.now() > deadline) return false;
    await als.exit(() => (turn < 2 ? immediateTurn() : timerTurn(5)));
  }
  // Let the owners hear of it (a socket's 'close' comes a loop phase after its handle
  // is gone): a pool made in setUpClass drops its dead client now, not in the next
  // test's first query.
  if (heard.length > 0) await als.exit(() => untilOrTimeout(Promise.all(heard), Math.max(1, deadline - realTimers.now())));
  if (list.length > 0) await als.exit(immediateTurn);
  return true;
}
