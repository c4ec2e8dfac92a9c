/**
 * The timers the runner itself uses, captured when this module loads, before any test
 * can replace the globals with fakes (`installFakeTimers`, sinon, jest-style mocks).
 * Timeouts, the janitor's settle loop and the watchdog use only these, so a test that
 * fakes time can never freeze the runner.
 *
 * @packageDocumentation
 */
import { performance } from 'node:perf_hooks';

/** The real timer functions, as they were when trial-ts loaded. */
export const realTimers = Object.freeze({
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  queueMicrotask: globalThis.queueMicrotask,
  /** Milliseconds from an arbitrary origin, monotonic. */
  now: performance.now.bind(performance),
  /** Wall-clock milliseconds since the epoch. */
  dateNow: Date.now,
});

/** Resolve after one turn of the event loop (a real `setImmediate`). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => realTimers.setImmediate(resolve));
}
