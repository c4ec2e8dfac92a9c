/**
 * Deterministic checks on native promises: has this promise settled *after every
 * microtask now pending has run*? No real time, no I/O, no event-loop turn.
 *
 * `successResultOf` and friends read a Deferred synchronously. A native promise cannot
 * be read synchronously, so: `track(promise)` watches it, `await flushMicrotasks()`
 * drains the microtask queue, and `promiseResultOf`, `promiseFailureOf` and
 * `assertPromisePending` read the tracked state.
 *
 * Why it is deterministic: the microtask queue is first in, first out, and nothing
 * else (timers, I/O, `setImmediate`) runs while it is non-empty. `flushMicrotasks(n)`
 * queues a chain of `n` microtasks, each queuing the next. When the last one runs,
 * every microtask that was queued before the flush began has run, and so has every
 * microtask those queued, to a depth of `n - 1` generations. The answer depends only on
 * how many promise hops the code takes, never on timing.
 *
 * The limit: a chain longer than `n` hops may still be running. Each `await` of a
 * native promise costs one hop, awaiting a non-native thenable (a Deferred) costs two
 * or three, and returning a promise from a `then` callback costs two. The default
 * (1,000 hops, about 0.05 ms) covers any ordinary async code; code that loops on
 * promises without end never drains, and is better driven with a `Clock`.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { messages } from './messages';

/** How a tracked promise stands: `pending` until a microtask after it settled has run. */
export type PromiseState = 'pending' | 'fulfilled' | 'rejected';

/**
 * A native promise watched by {@link track}: its state, value and reason, updated by the
 * microtask that runs when it settles.
 *
 * @typeParam T - the promise's value.
 */
export interface TrackedPromise<T> {
  /** The promise itself (already handled: a rejection here is never "unhandled"). */
  readonly promise: Promise<T>;
  /** `pending`, `fulfilled` or `rejected`, as last observed. */
  readonly state: PromiseState;
  /** The value, once fulfilled. */
  readonly value: T | undefined;
  /** The reason, once rejected. */
  readonly reason: unknown;
}

/** The default number of microtask hops {@link flushMicrotasks} waits. */
export const DEFAULT_MICROTASK_TURNS = 1000;

/**
 * Start watching a promise (or any thenable). The state is updated in a microtask, so
 * even an already settled promise reads `pending` until the next
 * `await flushMicrotasks()`. Tracking marks a rejection as handled: read it with
 * {@link promiseFailureOf}.
 *
 * @param promise - the promise or thenable to watch.
 * @returns the tracked handle.
 * @example
 * ```ts
 * const tracked = track(client.request('GET x'));
 * await flushMicrotasks();
 * assertPromisePending(tracked);
 * ```
 */
export function track<T>(promise: PromiseLike<T>): TrackedPromise<T> {
  const native = Promise.resolve(promise);
  const tracked: { promise: Promise<T>; state: PromiseState; value: T | undefined; reason: unknown } = {
    promise: native,
    state: 'pending',
    value: undefined,
    reason: undefined,
  };
  native.then(
    (value) => {
      tracked.state = 'fulfilled';
      tracked.value = value;
    },
    (reason: unknown) => {
      tracked.state = 'rejected';
      tracked.reason = reason;
    },
  );
  return tracked;
}

/**
 * Wait until every microtask pending now, and the microtasks they queue (up to `turns`
 * generations deep), have run. Never waits for timers or I/O.
 *
 * @param turns - how many microtask hops to wait; default {@link DEFAULT_MICROTASK_TURNS}.
 * @returns a promise that fulfils after the last hop.
 * @example
 * ```ts
 * const tracked = track(Promise.resolve(1).then((x) => x + 1));
 * await flushMicrotasks();
 * promiseResultOf(tracked); // 2
 * ```
 */
export async function flushMicrotasks(turns: number = DEFAULT_MICROTASK_TURNS): Promise<void> {
  for (let i = 0; i < turns; i++) await undefined;
}

/** An assertion failure; recognised by its name, as every assertion error in trial-ts is. */
class PromiseAssertionError extends Error {
  override name = 'AssertionError';
}

/**
 * Return the value of a fulfilled tracked promise.
 *
 * @param tracked - from {@link track}, after `await flushMicrotasks()`.
 * @returns the value.
 * @throws AssertionError if the promise is pending or rejected.
 * @example
 * ```ts
 * const tracked = track(lookup('key'));
 * store.set('key', 'v');
 * await flushMicrotasks();
 * this.assertEqual(promiseResultOf(tracked), 'v');
 * ```
 */
export function promiseResultOf<T>(tracked: TrackedPromise<T>): T {
  if (tracked.state === 'pending') throw new PromiseAssertionError(messages.promisePending('The promise'));
  if (tracked.state === 'rejected') {
    throw new PromiseAssertionError(messages.promiseRejected('The promise', describe(tracked.reason)), {
      cause: tracked.reason,
    });
  }
  return tracked.value as T;
}

/**
 * Return the reason of a rejected tracked promise, checking its class.
 *
 * @param tracked - from {@link track}, after `await flushMicrotasks()`.
 * @param types - accepted error classes; none means any reason is accepted.
 * @returns the reason (typed as the first class given).
 * @throws AssertionError if the promise is pending, fulfilled, or rejected with another type.
 * @example
 * ```ts
 * const error = promiseFailureOf(tracked, TimeoutError);
 * ```
 */
export function promiseFailureOf<E = unknown>(
  tracked: TrackedPromise<unknown>,
  ...types: (abstract new (...args: never[]) => E)[]
): E {
  if (tracked.state === 'pending') throw new PromiseAssertionError(messages.promisePending('The promise'));
  if (tracked.state === 'fulfilled') {
    throw new PromiseAssertionError(messages.promiseFulfilled('The promise', describe(tracked.value)));
  }
  if (types.length > 0 && !types.some((type) => tracked.reason instanceof type)) {
    const expected = types.map((type) => type.name).join(', ');
    throw new PromiseAssertionError(
      messages.promiseWrongRejection('The promise', describe(tracked.reason), expected),
      { cause: tracked.reason },
    );
  }
  return tracked.reason as E;
}

/**
 * Assert that a tracked promise has not settled.
 *
 * @param tracked - from {@link track}, after `await flushMicrotasks()`.
 * @throws AssertionError if it has settled.
 * @example
 * ```ts
 * await flushMicrotasks();
 * assertPromisePending(tracked); // the request waits for the server
 * ```
 */
export function assertPromisePending(tracked: TrackedPromise<unknown>): void {
  if (tracked.state !== 'pending') {
    const detail = tracked.state === 'fulfilled' ? describe(tracked.value) : describe(tracked.reason);
    throw new PromiseAssertionError(messages.promiseNotPending('The promise', `${tracked.state} with ${detail}`));
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
