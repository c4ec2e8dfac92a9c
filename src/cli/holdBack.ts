/**
 * Holding events back, in order, for a short while: a failed test's events wait for the
 * sidecar server's log lines, which the server writes before it answers the client but
 * which travel through a pipe the main process reads on its own schedule. Every event
 * after a held one is held too, so the order never changes.
 *
 * @packageDocumentation
 */
import type { RunnerEvent } from '../runner/events';
import { realTimers } from '../runner/realTimers';

/** How long held events wait for the server's log lines. */
export const SERVER_LOG_SETTLE_MS = 20;

/** A queue that releases what it holds to `release`, `SERVER_LOG_SETTLE_MS` after the first. */
export class HoldBack {
  readonly #release: (event: RunnerEvent) => void;
  readonly #held: RunnerEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** @param release - takes each event, in order, once it is let go. */
  constructor(release: (event: RunnerEvent) => void) {
    this.#release = release;
  }

  /** Whether events are held now (every later event must then be held behind them). */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /**
   * Hold an event; the first one held starts the timer that lets them all go.
   *
   * @param event - the event.
   */
  hold(event: RunnerEvent): void {
    this.#held.push(event);
    this.#timer ??= realTimers.setTimeout(() => this.#flush(), SERVER_LOG_SETTLE_MS);
  }

  /** Wait out the settle time and let everything held go (call before reading results). */
  async drain(): Promise<void> {
    if (this.#held.length === 0) return;
    await new Promise((resolve) => realTimers.setTimeout(resolve, SERVER_LOG_SETTLE_MS));
    this.#flush();
  }

  #flush(): void {
    realTimers.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const event of this.#held.splice(0)) this.#release(event);
  }
}
