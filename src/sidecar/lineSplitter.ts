/**
 * Turning a stream of chunks into whole lines: log lines must be matched whole, never by
 * chunk (a message can be split across two reads).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/**
 * Feeds chunks in, calls `onLine` once per complete line (without `\n` or `\r\n`).
 *
 * @example
 * ```ts
 * const split = new LineSplitter((line) => lines.push(line));
 * split.push('a\nb'); split.push('c\n'); // lines: ['a', 'bc']
 * ```
 * @internal
 */
export class LineSplitter {
  #rest = '';
  readonly #onLine: (line: string) => void;

  /** @param onLine - called with every complete line, in order. */
  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  /** Add a chunk; complete lines are emitted at once. */
  push(chunk: string): void {
    const text = this.#rest + chunk;
    const parts = text.split('\n');
    this.#rest = parts.pop()!;
    for (const part of parts) this.#onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
  }

  /** Emit a last line that had no newline (at end of stream). */
  end(): void {
    if (this.#rest) {
      const rest = this.#rest;
      this.#rest = '';
      this.#onLine(rest);
    }
  }
}
