/**
 * `Clock`: fake time for tests. Nothing happens until the test calls `advance()`.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { AlreadyCalledError, AlreadyCancelledError } from '@trial-ts/runtime/internal';
import type { IDelayedCall, IReactorTime } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** What a {@link FakeDelayedCall} needs from its clock. */
interface Scheduler {
  seconds(): number;
  /** Put the call back in order after its time changed. */
  resort(call: FakeDelayedCall): void;
  /** Drop a cancelled call. */
  remove(call: FakeDelayedCall): void;
}

/**
 * A call scheduled on a {@link Clock}.
 *
 * @internal
 */
export class FakeDelayedCall implements IDelayedCall {
  #time: number;
  #called = false;
  #cancelled = false;
  readonly #fn: () => unknown;
  readonly #name: string;
  readonly #scheduler: Scheduler;
  /** Scheduling order: ties in time run by it, whatever `reset`/`delay` did. */
  readonly seq: number;

  constructor(time: number, seq: number, fn: () => unknown, name: string, scheduler: Scheduler) {
    this.#time = time;
    this.seq = seq;
    this.#fn = fn;
    this.#name = name;
    this.#scheduler = scheduler;
  }

  getTime(): number {
    return this.#time;
  }

  get called(): boolean {
    return this.#called;
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }

  active(): boolean {
    return !this.#called && !this.#cancelled;
  }

  cancel(): void {
    this.#checkPending();
    this.#cancelled = true;
    this.#scheduler.remove(this);
  }

  delay(seconds: number): void {
    this.#checkPending();
    this.#time += seconds;
    this.#scheduler.resort(this);
  }

  reset(seconds: number): void {
    this.#checkPending();
    this.#time = this.#scheduler.seconds() + seconds;
    this.#scheduler.resort(this);
  }

  /** Mark the call as called, then run it. @internal */
  run(): void {
    this.#called = true;
    this.#fn();
  }

  toString(): string {
    const state = this.#called ? 'called' : this.#cancelled ? 'cancelled' : 'pending';
    return `<DelayedCall ${this.#name} at ${this.#time}s (${state})>`;
  }

  #checkPending(): void {
    if (this.#called) throw new AlreadyCalledError(messages.delayedCallAlreadyCalled(this.toString()));
    if (this.#cancelled) throw new AlreadyCancelledError(messages.delayedCallAlreadyCancelled(this.toString()));
  }
}

/** @returns negative when `a` runs before `b`: earlier time first, then scheduling order. */
function compareCalls(a: FakeDelayedCall, b: FakeDelayedCall): number {
  return a.getTime() - b.getTime() || a.seq - b.seq;
}

/**
 * Fake time: a {@link IReactorTime} whose time moves only when the test says so.
 * Give it to code that takes an `IReactorTime`, then `advance()` it to fire timeouts,
 * retries and periodic work instantly and deterministically.
 *
 * Semantics (Twisted's `task.Clock`): time starts at 0; `advance(n)` adds `n`, then
 * runs every call due at or before the new time, earliest first, including calls
 * scheduled *during* the advance that are already due; calls due at the same time run
 * in the order they were scheduled, even after `reset()` or `delay()`. A call is marked
 * called before it runs, so cancelling it from inside itself throws
 * `AlreadyCalledError`. If a call throws, `advance` throws that error; the calls
 * still due run at the next `advance`.
 *
 * @example
 * ```ts
 * const clock = new Clock();
 * const fired: string[] = [];
 * clock.callLater(2, () => fired.push('b'));
 * clock.callLater(1, () => fired.push('a'));
 * clock.advance(1.5); // fired: ['a']
 * clock.advance(0.5); // fired: ['a', 'b']
 * clock.seconds();    // 2
 * ```
 */
export class Clock implements IReactorTime {
  #now = 0;
  #nextSeq = 0;
  /** Pending calls, sorted by {@link compareCalls}. */
  #calls: FakeDelayedCall[] = [];
  readonly #scheduler: Scheduler = {
    seconds: () => this.#now,
    resort: (call) => {
      this.#remove(call);
      this.#insert(call);
    },
    remove: (call) => this.#remove(call),
  };

  /** {@inheritDoc IReactorTime.seconds} */
  seconds(): number {
    return this.#now;
  }

  /** {@inheritDoc IReactorTime.callLater} */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): IDelayedCall {
    if (!Number.isFinite(delay) || delay < 0) throw new RangeError(messages.badDelay(delay));
    const call = new FakeDelayedCall(this.#now + delay, this.#nextSeq++, () => fn(...args), fn.name || 'anonymous', this.#scheduler);
    this.#insert(call);
    return call;
  }

  /** {@inheritDoc IReactorTime.getDelayedCalls} */
  getDelayedCalls(): readonly IDelayedCall[] {
    return [...this.#calls];
  }

  /**
   * Move time forward and run every call that is now due, in order.
   *
   * @param amount - seconds to add; 0 runs the calls already due.
   * @throws RangeError if `amount` is negative or not finite.
   * @throws whatever a call throws (the remaining due calls stay pending).
   */
  advance(amount: number): void {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError(messages.badAdvance(amount));
    this.#now += amount;
    for (let first = this.#calls[0]; first !== undefined && first.getTime() <= this.#now; first = this.#calls[0]) {
      this.#calls.shift();
      first.run();
    }
  }

  /**
   * Advance by each amount in turn, running due calls after each step: the way to
   * walk through a timeline (`clock.pump([1, 1, 1])` is three one-second ticks).
   *
   * @param timings - the amounts, in seconds.
   */
  pump(timings: Iterable<number>): void {
    for (const amount of timings) this.advance(amount);
  }

  #insert(call: FakeDelayedCall): void {
    // Binary search for the first call that runs after this one; most inserts land at the end.
    let lo = 0;
    let hi = this.#calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCalls(this.#calls[mid]!, call) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.#calls.splice(lo, 0, call);
  }

  #remove(call: FakeDelayedCall): void {
    const index = this.#calls.indexOf(call);
    if (index !== -1) this.#calls.splice(index, 1);
  }
}
