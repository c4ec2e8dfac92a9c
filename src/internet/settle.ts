/**
 * `settle()`: run every pending `process.nextTick` callback and microtask, and what
 * they queue in turn, until both queues are empty — without letting a timer, an
 * immediate or any I/O run. Streams, HTTP parsers, fastify and pg all hop through
 * `process.nextTick`, which `flushMicrotasks()` (a chain of promise hops) never runs.
 *
 * How emptiness is seen without Node's internals: while settling, an `async_hooks` hook
 * (init and before only, enabled for the duration of the call) counts the callbacks
 * other code runs and the ticks other code queues. A round queues one tick (which runs
 * after every tick queued before it), then microtask hops until a hop finds that no
 * other callback ran since it was queued: the microtask queue held nothing else. When a
 * whole round ran no foreign tick or callback, both queues were empty.
 *
 * @packageDocumentation
 */
import { createHook } from 'node:async_hooks';
import { SettleLimitError } from './memoryNetwork/networkErrors';

/** The most rounds {@link settle} runs before it decides the code never goes quiet. */
export const DEFAULT_SETTLE_ROUNDS = 10_000;

/** Options of {@link settle}. */
export interface SettleOptions {
  /** Most rounds (a tick, then microtask hops) before giving up (default 10,000). */
  maxRounds?: number;
}

interface SettleState {
  /** Callbacks run and ticks queued by code other than settle's own since the last look. */
  foreign: number;
  /** Async ids of settle's own ticks and microtasks. */
  readonly own: Set<number>;
  /** True while settle queues its own tick or microtask (their init is then ours). */
  creatingOwn: boolean;
}

function watch(state: SettleState) {
  return createHook({
    init(asyncId, type) {
      if (state.creatingOwn) state.own.add(asyncId);
      else if (type === 'TickObject') state.foreign++;
    },
    before(asyncId) {
      if (!state.own.delete(asyncId)) state.foreign++;
    },
  });
}

/**
 * Run pending `process.nextTick` callbacks and microtasks until both queues are empty.
 * No timer, immediate or I/O callback runs meanwhile, so what happens is decided by the
 * code under test alone. Use it after writing to a memory socket, after `emit`ting on a
 * stream, or wherever code waits on `process.nextTick`; use `flushMicrotasks(n)` when a
 * test must count promise hops.
 *
 * @param options - see {@link SettleOptions}.
 * @returns a promise that resolves once both queues are empty.
 * @throws {SettleLimitError} (as a rejection) when the code keeps queuing work for
 *   `maxRounds` rounds — a loop that never goes quiet. (A callback that re-queues itself
 *   with `process.nextTick` alone starves every microtask, settle's included, as it
 *   starves Node: no tool can stop that one.)
 * @example
 * ```ts
 * const socket = network.connect('api.test:80');
 * socket.write('PING\r\n');
 * await settle(); // the server read it and answered; the client has the reply
 * ```
 */
export function settle(options: SettleOptions = {}): Promise<void> {
  const maxRounds = options.maxRounds ?? DEFAULT_SETTLE_ROUNDS;
  const state: SettleState = { foreign: 0, own: new Set(), creatingOwn: false };
  return new Promise<void>((resolve, reject) => {
    const hook = watch(state);
    let rounds = 0;
    let roundForeign = 0;
    const finish = (error?: Error): void => {
      hook.disable();
      if (error === undefined) resolve();
      else reject(error);
    };
    const queueOwn = (queue: (fn: () => void) => void, fn: () => void): void => {
      state.creatingOwn = true;
      try {
        queue(fn);
      } finally {
        state.creatingOwn = false;
      }
    };
    const hop = (): void => {
      const ranOthers = state.foreign;
      state.foreign = 0;
      roundForeign += ranOthers;
      if (ranOthers > 0) return queueOwn(queueMicrotask, hop);
      if (roundForeign === 0) return finish();
      startRound();
    };
    const startRound = (): void => {
      if (++rounds > maxRounds) return finish(new SettleLimitError(maxRounds));
      roundForeign = 0;
      queueOwn(process.nextTick, () => {
        roundForeign += state.foreign;
        state.foreign = 0;
        queueOwn(queueMicrotask, hop);
      });
    };
    hook.enable();
    startRound();
  });
}
