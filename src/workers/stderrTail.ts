/**
 * The last lines a worker wrote to stderr, kept for crash reports (a fatal error, an
 * out-of-memory abort and a native crash all print there just before the end).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** Keeps the last `maxLines` lines (and at most `maxChars` characters) of a stream. */
export class StderrTail {
  #text = '';
  readonly #maxLines: number;
  readonly #maxChars: number;

  /**
   * @param maxLines - lines to keep.
   * @param maxChars - characters to keep, whatever the lines.
   */
  constructor(maxLines = 12, maxChars = 4000) {
    this.#maxLines = maxLines;
    this.#maxChars = maxChars;
  }

  /** Add a chunk of output. */
  push(chunk: string): void {
    this.#text += chunk;
    if (this.#text.length > this.#maxChars * 2) this.#text = this.#text.slice(-this.#maxChars);
  }

  /** Forget everything (a fresh worker in the same slot). */
  clear(): void {
    this.#text = '';
  }

  /** The whole kept text, unabridged (for pattern checks such as "heap out of memory"). */
  get raw(): string {
    return this.#text;
  }

  /** The last lines, without trailing blank lines. */
  tail(): string {
    const lines = this.#text.replace(/\s+$/, '').split('\n');
    const kept = lines.slice(-this.#maxLines).join('\n');
    return kept.length > this.#maxChars ? kept.slice(-this.#maxChars) : kept;
  }
}
