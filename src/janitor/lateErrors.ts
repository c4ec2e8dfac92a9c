/**
 * Errors that arrive after their test was collected (or outside any test): handed to the
 * late-error handler with the test's id, or `null` for `<not in test>`, and kept until a
 * handler is set so that none raised before the runner listens is lost.
 *
 * @packageDocumentation
 */
import type { LateErrorHandler } from './interfaces';

/** The late-error channel of one janitor. */
export class LateErrors {
  #handler: LateErrorHandler | null = null;
  readonly #pending: Array<[string | null, unknown]> = [];

  /**
   * Hand an error to the handler, or keep it until there is one.
   *
   * @param testId - the test the error belongs to, or `null` for none.
   * @param error - what was thrown or rejected.
   */
  deliver(testId: string | null, error: unknown): void {
    if (this.#handler === null) this.#pending.push([testId, error]);
    else this.#handler(testId, error);
  }

  /**
   * Set the handler; the errors kept so far are handed to it now, in order.
   *
   * @param handler - receives each late error.
   */
  onLateError(handler: LateErrorHandler): void {
    this.#handler = handler;
    for (const [testId, error] of this.#pending.splice(0)) handler(testId, error);
  }
}
