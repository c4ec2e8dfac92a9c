/**
 * `LoopingCall`: call a function every N seconds on a given clock.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { isDeferred, isThenable } from '../defer/brands';
import { Deferred } from '../defer/deferred';
import type { IDelayedCall, IReactorTime } from './interfaces';
import { messages } from './messages';

/**
 * Calls `fn(...args)` every `interval` seconds on an injected clock, as Twisted's
 * `task.LoopingCall` (whose clock is a settable attribute defaulting to the global
 * reactor; here it is a required constructor argument).
 *
 * Calls stay on the grid `start time + k × interval`: when a call overruns (or the
 * clock jumps), the missed ticks are skipped, not run in a burst. If `fn` returns a
 * Deferred or promise, the next call is scheduled once it settles. If `fn` throws or
 * its result fails, the loop stops and `start()`'s Deferred fails with that error.
 *
 * @example
 * ```ts
 * const clock = new Clock();
 * const ticks: number[] = [];
 * const loop = new LoopingCall(clock, () => ticks.push(clock.seconds()));
 * const done = loop.start(10);       // runs now: ticks [0]
 * clock.pump([10, 10]);              // ticks [0, 10, 20]
 * loop.stop();
 * this.assertIdentical(this.successResultOf(done), loop);
 * ```
 */
export class LoopingCall<A extends unknown[] = []> {
  readonly #clock: IReactorTime;
  readonly #fn: (...args: A) => unknown;
  readonly #args: A;
  #running = false;
  #interval = 0;
  #startTime = 0;
  #runAtStart = false;
  #call: IDelayedCall | null = null;
  #deferred: Deferred<this> | null = null;

  /**
   * @param clock - where to schedule: a `Clock` in tests, `reactor` for real.
   * @param fn - the function to call.
   * @param args - its arguments.
   */
  constructor(clock: IReactorTime, fn: (...args: A) => unknown, ...args: A) {
    this.#clock = clock;
    this.#fn = fn;
    this.#args = args;
  }

  /** True between `start()` and `stop()` (or a failure). */
  get running(): boolean {
    return this.#running;
  }

  /**
   * A LoopingCall that passes `countFn` how many intervals have passed since its last
   * call: normally 1, more when ticks were skipped (the clock jumped, a call or its
   * Deferred overran); always 1 with an interval of 0 (Twisted's `withCount`).
   *
   * @param clock - where to schedule.
   * @param countFn - called with the count.
   * @returns the loop; `start()` it.
   * @example
   * ```ts
   * const frames: number[] = [];
   * const loop = LoopingCall.withCount(clock, (count) => frames.push(count));
   * loop.start(1);       // frames [1]
   * clock.advance(3.5);  // frames [1, 3]: two ticks were skipped
   * ```
   */
  static withCount(clock: IReactorTime, countFn: (count: number) => unknown): LoopingCall {
    let lastTime: number | null = null;
    // The count compares grid positions, so it needs the loop's start and interval.
    const loop: LoopingCall = new LoopingCall(clock, () => {
      const now = clock.seconds();
      if (loop.interval === 0) {
        lastTime = now;
        return countFn(1);
      }
      const since = lastTime ?? loop.#startTime - (loop.#runAtStart ? loop.interval : 0);
      const count = loop.#intervalOf(now) - loop.#intervalOf(since);
      if (count <= 0) return undefined;
      lastTime = now;
      return countFn(count);
    });
    return loop;
  }

  /** Seconds between calls, of the current (or last) run. */
  get interval(): number {
    return this.#interval;
  }

  /**
   * Change the interval; the call already scheduled keeps its time, the ones after it
   * follow the new interval (as setting Twisted's `interval` attribute does).
   *
   * @throws RangeError for a negative or non-finite interval.
   */
  set interval(interval: number) {
    if (!Number.isFinite(interval) || interval < 0) throw new RangeError(messages.badLoopInterval(interval));
    this.#interval = interval;
  }

  /**
   * Start calling. With `now` (the default) the first call happens at once.
   *
   * @param interval - seconds between calls; 0 calls on every clock turn.
   * @param now - call at once rather than after one interval.
   * @returns a Deferred that fires with this LoopingCall after `stop()`, or fails with
   * the error that stopped the loop.
   * @throws Error if already running; RangeError for a negative interval.
   */
  start(interval: number, now = true): Deferred<this> {
    if (this.#running) throw new Error(messages.loopAlreadyRunning());
    if (!Number.isFinite(interval) || interval < 0) throw new RangeError(messages.badLoopInterval(interval));
    this.#running = true;
    this.#interval = interval;
    this.#startTime = this.#clock.seconds();
    this.#runAtStart = now;
    const d = new Deferred<this>();
    this.#deferred = d;
    if (now) this.#tick();
    else this.#scheduleFrom(this.#startTime);
    return d;
  }

  /**
   * Stop calling. The Deferred from `start()` fires now, or, if a call's Deferred or
   * promise is still pending, once it settles.
   *
   * @throws Error if not running.
   */
  stop(): void {
    if (!this.#running) throw new Error(messages.loopNotRunning());
    this.#running = false;
    if (this.#call !== null) {
      this.#call.cancel();
      this.#call = null;
      this.#finish();
    }
  }

  /**
   * Skip the next call and start the grid again from now: the next call is one interval
   * from now (Twisted's `reset`). While a call's Deferred is pending, nothing changes.
   *
   * @throws Error if not running.
   */
  reset(): void {
    if (!this.#running) throw new Error(messages.loopResetNotRunning());
    if (this.#call === null) return;
    this.#call.cancel();
    this.#startTime = this.#clock.seconds();
    this.#scheduleFrom(this.#startTime);
  }

  #intervalOf(when: number): number {
    return Math.floor((when - this.#startTime) / this.#interval);
  }

  #tick(): void {
    this.#call = null;
    let result: unknown;
    try {
      result = this.#fn(...this.#args);
    } catch (error) {
      this.#fail(error);
      return;
    }
    const next = (): void => {
      if (this.#running) this.#scheduleFrom(this.#clock.seconds());
      else this.#finish();
    };
    const fail = (error: unknown): void => this.#fail(error);
    // A Deferred result is followed synchronously, so a Clock-driven test sees the next
    // call scheduled as soon as the Deferred fires; a promise can only be followed later.
    if (isDeferred(result)) result.addCallbacks(next, fail);
    else if (isThenable(result)) result.then(next, fail);
    else next();
  }

  #scheduleFrom(when: number): void {
    this.#call = this.#clock.callLater(this.#delayFrom(when), () => this.#tick());
  }

  #delayFrom(when: number): number {
    if (this.#interval === 0) return 0;
    const runningFor = when - this.#startTime;
    let untilNext = this.#interval - (runningFor % this.#interval);
    // Float rounding can make the step vanish; never schedule at the same instant again.
    if (when + untilNext === when) untilNext = this.#interval;
    return Math.max(0, when + untilNext - this.#clock.seconds());
  }

  #finish(): void {
    const d = this.#deferred;
    this.#deferred = null;
    d?.callback(this);
  }

  #fail(error: unknown): void {
    this.#running = false;
    const d = this.#deferred;
    this.#deferred = null;
    d?.errback(error);
  }
}
