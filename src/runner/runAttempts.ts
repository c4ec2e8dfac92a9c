/**
 * Retries (`--retries N`, `@flaky(N)`): run a test again while an attempt fails or errors
 * and retries are left. The last attempt's outcome is the test's; a pass after a failing
 * attempt is flaky, and every attempt is listed on the `test:end`.
 *
 * @packageDocumentation
 */
import type { Markers } from '../unittest/markers';
import type { TestAttempt, TestEndEvent } from './events';
import type { WorkerState } from './workerState';

/**
 * Attempts allowed after a failing one: the test's `@flaky(N)`, else `--retries`, else none.
 *
 * @param markers - the test's markers.
 * @param state - this thread's state (its config has `retries`).
 * @returns the number of retries.
 */
export function retriesOf(markers: Markers, state: Pick<WorkerState, 'config'>): number {
  return markers.flaky ?? state.config.retries ?? 0;
}

function failed(end: TestEndEvent): boolean {
  return end.outcome === 'failure' || end.outcome === 'error';
}

/**
 * Run `attempt` once, and again while it fails or errors, up to `retries` more times.
 * Each call must run a whole test (a fresh instance, setUp, cleanups, tearDown, leak check).
 *
 * @param attempt - runs the test once and returns its end.
 * @param retries - attempts allowed after a failing one.
 * @returns the last attempt's end; when there was more than one, with `attempts`, the
 *   summed `durationMs`, and `flaky: true` when it passed after a failure.
 */
export async function runAttempts(attempt: () => Promise<TestEndEvent>, retries: number): Promise<TestEndEvent> {
  const first = await attempt();
  if (!failed(first) || retries === 0) return first;
  const attempts: TestAttempt[] = [];
  let end = first;
  let totalMs = 0;
  for (;;) {
    totalMs += end.durationMs;
    attempts.push({ outcome: end.outcome, durationMs: end.durationMs, errors: end.errors });
    if (!failed(end) || attempts.length > retries) break;
    end = await attempt();
  }
  return { ...end, durationMs: totalMs, attempts, ...(end.outcome === 'success' ? { flaky: true } : {}) };
}
