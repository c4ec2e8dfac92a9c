/**
 * `RealDelayedCall`: an `IDelayedCall` on Node's timers, used by the real reactor.
 *
 * @packageDocumentation
 */
import { AlreadyCalledError } from '../defer/errors';
import { AlreadyCancelledError } from './errors';
import { setHandleDescription } from './handleDescription';
import type { IDelayedCall } from './interfaces';
import { messages } from './messages';

/**
 * Node's timers as they were when this module loaded: the real reactor stays real even
 * while a test fakes the globals with `installFakeTimers`.
 *
 * @internal
 */
export const nodeTimers = Object.freeze({
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setImmediate: globalThis.setImmediate,
  now: Date.now,
});

/** Node clamps longer timeouts to 1 ms (with a warning); longer delays re-arm in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A call scheduled on the real reactor. Each arming is a real Node `Timeout`, so the
 * leak checker sees a pending call; its description names the function and due time.
 *
 * @internal
 */
export class RealDelayedCall implements IDelayedCall {
  #time: number;
  #called = false;
  #cancelled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #fn: () => unknown;
  readonly #name: string;
  readonly #onDone: (call: RealDelayedCall) => void;

  /**
   * @param time - due time, in seconds since the epoch.
   * @param fn - what to run.
   * @param name - the function's name, for descriptions.
   * @param onDone - called once the call ran or was cancelled.
   */
  constructor(time: number, fn: () => unknown, name: string, onDone: (call: RealDelayedCall) => void) {
    this.#time = time;
    this.#fn = fn;
    this.#name = name;
    this.#onDone = onDone;
    this.#arm();
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
    this.#disarm();
    this.#onDone(this);
  }

  delay(seconds: number): void {
    this.#checkPending();
    this.#time += seconds;
    this.#disarm();
    this.#arm();
  }

  reset(seconds: number): void {
    this.#checkPending();
    this.#time = nodeTimers.now() / 1000 + seconds;
    this.#disarm();
    this.#arm();
  }

  toString(): string {
    const state = this.#called ? 'called' : this.#cancelled ? 'cancelled' : 'pending';
    return `<DelayedCall ${this.#name} in ${this.#secondsLeft()}s (${state}), made by reactor.callLater>`;
  }

  #secondsLeft(): string {
    return (this.#time - nodeTimers.now() / 1000).toFixed(3);
  }

  #arm(): void {
    const ms = Math.max(0, this.#time * 1000 - nodeTimers.now());
    this.#timer = nodeTimers.setTimeout(() => this.#fire(), Math.min(ms, MAX_TIMER_MS));
    setHandleDescription(this.#timer, () => `a call of ${this.#name}() scheduled with reactor.callLater, due in ${this.#secondsLeft()}s`);
  }

  #disarm(): void {
    if (this.#timer !== undefined) nodeTimers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    this.#timer = undefined;
    // Timers may fire a millisecond early; a long delay fires in steps.
    if (nodeTimers.now() < this.#time * 1000 - 1) {
      this.#arm();
      return;
    }
    this.#called = true;
    this.#onDone(this);
    this.#fn();
  }

  #checkPending(): void {
    if (this.#called) throw new AlreadyCalledError(messages.delayedCallAlreadyCalled(this.toString()));
    if (this.#cancelled) throw new AlreadyCancelledError(messages.delayedCallAlreadyCancelled(this.toString()));
  }
}
