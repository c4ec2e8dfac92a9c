/**
 * The run's closer: every long-lived resource the CLI starts (temp dir lock, sidecars,
 * the worker pool, reporters) is registered here once, and closed in reverse order on
 * every exit path — a normal end, `-x`, SIGINT, SIGTERM, SIGHUP, or an error in the runner.
 *
 * @packageDocumentation
 */

/** Something to close, with a name for error messages. */
interface Closable {
  name: string;
  close(): Promise<void>;
}

/** Closes registered resources once, last registered first. */
export class Closer {
  #items: Closable[] = [];
  #closing: Promise<Error[]> | undefined;

  /** Register a resource; it is closed by {@link Closer.closeAll}. */
  add(name: string, close: () => Promise<void>): void {
    this.#items.push({ name, close });
  }

  /**
   * Close everything, each even if an earlier one failed. Calling it again returns the
   * same promise.
   *
   * @returns the errors of resources that failed to close.
   */
  closeAll(): Promise<Error[]> {
    this.#closing ??= (async () => {
      const errors: Error[] = [];
      while (this.#items.length > 0) {
        const item = this.#items.pop()!;
        try {
          await item.close();
        } catch (error) {
          errors.push(new Error(`closing ${item.name} failed: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
      return errors;
    })();
    return this.#closing;
  }
}
