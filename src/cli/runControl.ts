/**
 * How a run is asked to end early, read by every stage that runs tests: `-x` and a
 * sidecar or pool that cannot start stop handing out work; Ctrl-C (or SIGTERM, SIGHUP)
 * also gives the running tests a grace before the run ends without them.
 *
 * @packageDocumentation
 */
import { realTimers } from '../runner/realTimers';

/** How long running tests get to finish after the first Ctrl-C before the run ends anyway. */
export const INTERRUPT_GRACE_MS = 3000;

/** The run's stop, failure and interrupt state, with listeners for the stop. */
export class RunControl {
  #stopRequested = false;
  #failed = false;
  #fatal: unknown;
  #interruptedBy: NodeJS.Signals | undefined;
  #leftovers: number[] = [];
  readonly #onStop: Array<() => void> = [];
  #forceEnd: () => void = () => undefined;
  #grace: ReturnType<typeof setTimeout> | undefined;
  /** Settles when an interrupted run must end now (the grace ran out, or a second signal). */
  readonly forced = new Promise<void>((resolve) => (this.#forceEnd = resolve));

  /** Stop handing out work; running tests finish. */
  stop(): void {
    this.#stopRequested = true;
    for (const listener of this.#onStop) listener();
  }

  /**
   * Hand out work again after a stop (`-x`, `q` during a run): watch mode's next run. The
   * stop listeners of earlier pools are dropped; an interrupt or a failure stays.
   */
  resume(): void {
    if (this.interrupted || this.#failed) return;
    this.#stopRequested = false;
    this.#onStop.length = 0;
  }

  /**
   * Call `listener` on {@link RunControl.stop}, or now when the run is already stopping.
   *
   * @param listener - stops something that hands out work (the worker pool).
   */
  onStop(listener: () => void): void {
    this.#onStop.push(listener);
    if (this.#stopRequested) listener();
  }

  /**
   * The run cannot go on (a sidecar or the workers could not start): stop, and end the
   * run with the first such error once everything closed.
   *
   * @param error - the error the finish stage throws.
   */
  fail(error: unknown): void {
    this.failAtEnd(error);
    this.stop();
  }

  /**
   * Something the run can go on without failed (a sidecar could not start: the tests that
   * need it are reported as not run): the run ends with the first such error, after every
   * other test ran.
   *
   * @param error - the error the finish stage throws.
   */
  failAtEnd(error: unknown): void {
    if (!this.#failed) this.#fatal = error;
    this.#failed = true;
  }

  /**
   * A signal arrived: the first stops the run and starts the grace; another ends it now.
   *
   * @param signal - the signal, named in the reports of the tests it cut short.
   * @returns whether this was the first.
   */
  interrupt(signal: NodeJS.Signals): boolean {
    if (this.#interruptedBy !== undefined) {
      realTimers.clearTimeout(this.#grace);
      this.#forceEnd();
      return false;
    }
    this.#interruptedBy = signal;
    this.stop();
    this.#grace = realTimers.setTimeout(() => this.#forceEnd(), INTERRUPT_GRACE_MS);
    this.#grace.unref();
    return true;
  }

  /**
   * Remember processes an interrupted run must not leave behind; they are killed last.
   *
   * @param pids - the processes the tests started.
   */
  keepLeftovers(pids: number[]): void {
    this.#leftovers = pids;
  }

  get stopRequested(): boolean {
    return this.#stopRequested;
  }

  get interrupted(): boolean {
    return this.#interruptedBy !== undefined;
  }

  /** The signal that interrupted the run (`SIGINT` until one did). */
  get interruptedBy(): NodeJS.Signals {
    return this.#interruptedBy ?? 'SIGINT';
  }

  /** Whether {@link RunControl.fail} was called, and with what. */
  get failure(): { failed: boolean; error: unknown } {
    return { failed: this.#failed, error: this.#fatal };
  }

  get leftovers(): readonly number[] {
    return this.#leftovers;
  }
}
