/**
 * `LineReceiver`, Twisted's line-oriented protocol: bytes arrive in any chunking, and
 * `lineReceived` is called once per complete line, without its delimiter. A line longer
 * than `MAX_LENGTH` calls `lineLengthExceeded` (which drops the connection); in raw mode
 * the bytes go to `rawDataReceived` as they come, and `setLineMode(extra)` switches back.
 *
 * Pure: imports nothing from Node, so it runs on a `StringTransport` as on a socket.
 *
 * @packageDocumentation
 */
import { Protocol } from './protocol';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `data` as bytes: strings are UTF-8 encoded. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** `a` followed by `b`, as one new array. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A protocol that receives lines. Subclass it and override {@link LineReceiver.lineReceived};
 * set `delimiter` (default `'\r\n'`) or `MAX_LENGTH` (default 16384 bytes) on the subclass.
 *
 * @example
 * ```ts
 * class Echo extends LineReceiver {
 *   override lineReceived(line: string): void {
 *     this.sendLine(line.toUpperCase());
 *   }
 * }
 * const echo = new Echo();
 * const transport = new StringTransport();
 * echo.makeConnection(transport);
 * echo.dataReceived(new TextEncoder().encode('hi\r\nthere'));
 * transport.text(); // 'HI\r\n' (the second line is not complete yet)
 * ```
 */
export class LineReceiver extends Protocol {
  /** What ends a line, on the wire and in {@link LineReceiver.sendLine}. */
  delimiter: string = '\r\n';
  /** The longest line accepted, in bytes, delimiter excluded. */
  MAX_LENGTH = 16384;
  #buffer: Uint8Array = new Uint8Array(0);
  #lineMode = true;
  #busy = false;

  /**
   * Called with each complete line, decoded as UTF-8, without the delimiter.
   *
   * @param _line - the line.
   */
  lineReceived(_line: string): void {}

  /**
   * Called in raw mode with the bytes as they arrive.
   *
   * @param _data - the bytes received since the last call.
   */
  rawDataReceived(_data: Uint8Array): void {}

  /**
   * A line (or the buffer, when no delimiter came within `MAX_LENGTH`) was too long.
   * Twisted's default drops the connection; override to answer differently.
   *
   * @param _line - the too-long data, as received.
   */
  lineLengthExceeded(_line: Uint8Array): void {
    this.transport.loseConnection();
  }

  /** Switch to raw mode: the rest of the buffer, and every later byte, goes to {@link LineReceiver.rawDataReceived}. */
  setRawMode(): void {
    this.#lineMode = false;
  }

  /**
   * Back to line mode; `extra` (bytes that came after the raw part) is parsed as lines.
   *
   * @param extra - data to process as if just received.
   */
  setLineMode(extra: Uint8Array | string = ''): void {
    this.#lineMode = true;
    const bytes = toBytes(extra);
    if (bytes.length > 0) this.dataReceived(bytes);
  }

  /** Whether the receiver is in line mode (true) or raw mode. */
  get lineMode(): boolean {
    return this.#lineMode;
  }

  /**
   * Send `line` followed by the delimiter.
   *
   * @param line - text (UTF-8 encoded) or bytes.
   * @throws NotConnectedError before the connection is made.
   */
  sendLine(line: Uint8Array | string): void {
    this.transport.write(concatBytes(toBytes(line), toBytes(this.delimiter)));
  }

  /**
   * Empty the buffer of data not yet handed on, and return it.
   *
   * @returns the buffered bytes.
   */
  clearLineBuffer(): Uint8Array {
    const buffered = this.#buffer;
    this.#buffer = new Uint8Array(0);
    return buffered;
  }

  /**
   * Split what arrives into lines (or hand it on raw). Re-entrant calls, from a
   * `lineReceived` that feeds data back, only buffer: the outer call processes them in order.
   *
   * @param data - bytes from the transport.
   */
  override dataReceived(data: Uint8Array): void {
    this.#buffer = concatBytes(this.#buffer, data);
    if (this.#busy) return;
    this.#busy = true;
    try {
      this.#drain();
    } finally {
      this.#busy = false;
    }
  }

  #drain(): void {
    const delimiter = toBytes(this.delimiter);
    while (this.#buffer.length > 0) {
      if (!this.#lineMode) {
        this.rawDataReceived(this.clearLineBuffer());
        continue;
      }
      const end = indexOfBytes(this.#buffer, delimiter);
      if (end === -1) {
        if (this.#buffer.length >= this.MAX_LENGTH + delimiter.length) this.lineLengthExceeded(this.clearLineBuffer());
        return;
      }
      if (end > this.MAX_LENGTH) return this.lineLengthExceeded(this.clearLineBuffer());
      const line = this.#buffer.subarray(0, end);
      this.#buffer = this.#buffer.slice(end + delimiter.length);
      this.lineReceived(decoder.decode(line));
      // Twisted's rule: once the line handler starts closing the connection, later lines are not handed on.
      if (this.connected && (this.transport as { disconnecting?: boolean }).disconnecting === true) return;
    }
  }
}
