/**
 * `installFakeTimers`: fake the global `setTimeout`, `setInterval`, `setImmediate` and
 * `Date` for one test, for code that uses them directly instead of taking an
 * `IReactorTime`. Built on `@sinonjs/fake-timers`.
 *
 * The runner's own timeouts and janitor use timers captured when trial-ts loaded
 * (`src/runner/realTimers.ts`), so faking the globals never freezes the runner.
 *
 * @packageDocumentation
 */
import type * as FakeTimers from '@sinonjs/fake-timers';

/** The fake clock returned by {@link installFakeTimers}: `tick`, `runAll`, `next`, `now`, ... (sinon's API). */
export type FakeTimersClock = FakeTimers.Clock;

/** What {@link installFakeTimers} needs from the test: somewhere to register the uninstall. */
export interface FakeTimersHost {
  /** Register a function to run when the test ends, pass or fail. */
  addCleanup(fn: () => unknown): void;
}

/** Options of {@link installFakeTimers}. */
export interface FakeTimersOptions {
  /** The starting wall-clock time (`Date.now()`), in ms since the epoch or as a Date; default 0. */
  now?: number | Date;
  /**
   * The globals to fake; default `setTimeout`, `clearTimeout`, `setInterval`,
   * `clearInterval`, `setImmediate`, `clearImmediate` and `Date`. `nextTick` and
   * `queueMicrotask` are never faked by default: promises and `await` keep working.
   */
  toFake?: FakeTimers.FakeMethod[];
  /** Stop `runAll()`/`runToLast()` after this many timers (an endless loop guard); default 1000. */
  loopLimit?: number;
}

/** The globals faked when {@link FakeTimersOptions.toFake} is not given. */
export const DEFAULT_FAKED: readonly FakeTimers.FakeMethod[] = Object.freeze([
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'Date',
] as const);

/**
 * Replace the global timers and `Date` with fakes until the end of the current test.
 * The uninstall is registered with `testCase.addCleanup`, so it runs however the test
 * ends; timers still pending on the fake clock at that point are discarded.
 *
 * Prefer injecting a `Clock` (`IReactorTime`) into your own code; use this for code
 * you cannot change that calls `setTimeout` or `Date.now()` itself.
 *
 * @param testCase - the running test (`this` inside a test method).
 * @param options - start time, which globals to fake, loop limit.
 * @returns the sinon clock: `tick(ms)`, `tickAsync(ms)`, `runAll()`, `next()`, `now`.
 * @example
 * ```ts
 * test_retryAfterOneSecond() {
 *   const clock = installFakeTimers(this);
 *   const client = new RetryingClient(); // calls setTimeout internally
 *   client.fetch();
 *   clock.tick(1000);
 *   this.assertEqual(client.attempts, 2);
 * }
 * ```
 */
export function installFakeTimers(testCase: FakeTimersHost, options: FakeTimersOptions = {}): FakeTimersClock {
  // Loaded on first use: the library touches globals (and so loads undici) when it loads.
  const { withGlobal } = require('@sinonjs/fake-timers') as typeof FakeTimers;
  const clock = withGlobal(globalThis).install({
    now: options.now ?? 0,
    toFake: [...(options.toFake ?? DEFAULT_FAKED)],
    loopLimit: options.loopLimit ?? 1000,
  });
  let installed = true;
  testCase.addCleanup(() => {
    // Idempotent: a test may uninstall early itself.
    if (!installed) return;
    installed = false;
    clock.uninstall();
  });
  const uninstall = clock.uninstall.bind(clock);
  clock.uninstall = () => {
    installed = false;
    return uninstall();
  };
  return clock;
}
