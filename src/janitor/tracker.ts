/**
 * The one `async_hooks` init hook and the one `AsyncLocalStorage` of a thread. They are
 * the only per-thread singletons of the janitor, kept on `globalThis` under a
 * `Symbol.for` key so that the two copies of the library in a thread (`dist/` and `src/`
 * under the TypeScript loader) share them instead of installing a second hook.
 *
 * The hook records nothing itself: it hands each non-promise resource to the innermost
 * registered sink (the janitor), which decides whether the resource belongs to a test.
 * There is no destroy hook (it would make every promise cost ~0.5 µs more); liveness is
 * checked from state at test end (see liveness.ts).
 *
 * @packageDocumentation
 */
import { AsyncLocalStorage, createHook, type AsyncHook } from 'node:async_hooks';
import { processKeys } from '../platform/processKeys';

/**
 * Receives every resource the hook sees, except promises; `promise` (optional) is told,
 * with no arguments, that a promise was created, so that the janitor can tell whether
 * a test made any (only those can be rejected with nobody listening).
 */
export type InitSink = ((asyncId: number, type: string, triggerAsyncId: number, resource: object) => void) & { promise?: () => void };

/** The thread's shared hook and async-context store. */
export interface Tracker {
  /** The async context: a test's or the suite's record, or undefined outside both. */
  readonly als: AsyncLocalStorage<object>;
  /** Register a sink; the newest registered sink receives the resources. Enables the hook. */
  pushSink(sink: InitSink): void;
  /** Unregister a sink; disables the hook when none is left. */
  removeSink(sink: InitSink): void;
}

interface TrackerState extends Tracker {
  readonly hook: AsyncHook;
  readonly sinks: InitSink[];
}

const TRACKER_KEY = processKeys.janitorTracker;

/**
 * The thread's tracker, created (and its hook installed, disabled) on first use.
 *
 * @returns the shared tracker; the same object for every copy of the library in the thread.
 */
export function getTracker(): Tracker {
  const holder = globalThis as unknown as Record<symbol, TrackerState | undefined>;
  const existing = holder[TRACKER_KEY];
  if (existing !== undefined) return existing;
  const sinks: InitSink[] = [];
  let current: InitSink | null = null;
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (current === null) return;
      if (type === 'PROMISE') {
        current.promise?.();
        return;
      }
      current(asyncId, type, triggerAsyncId, resource);
    },
  });
  const state: TrackerState = {
    als: new AsyncLocalStorage<object>(),
    hook,
    sinks,
    pushSink(sink) {
      sinks.push(sink);
      current = sink;
      if (sinks.length === 1) hook.enable();
    },
    removeSink(sink) {
      const index = sinks.lastIndexOf(sink);
      if (index === -1) return;
      sinks.splice(index, 1);
      current = sinks.length === 0 ? null : sinks[sinks.length - 1];
      if (sinks.length === 0) hook.disable();
    },
  };
  holder[TRACKER_KEY] = state;
  return state;
}

/**
 * Capture the call stack of the resource being created, cheaply: V8 collects up to
 * `limit` frames now and formats them (with source maps) only if `.stack` is read,
 * which the janitor does only for leaks it reports.
 *
 * @param skip - frames above and including this function are left out.
 * @param limit - how many frames to collect.
 * @returns an object whose `stack` getter formats the frames on first read.
 */
export function captureCreationStack(skip: Function, limit: number): { stack?: string } {
  const holder: { stack?: string } = {};
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = saved;
  return holder;
}
