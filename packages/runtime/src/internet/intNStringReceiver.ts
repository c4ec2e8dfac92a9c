/**
 * Length-prefixed strings, Twisted's `IntNStringReceiver`: each message on the wire is an
 * unsigned big-endian length (4 bytes for `Int32StringReceiver`, 2 for
 * `Int16StringReceiver`) followed by that many bytes. `stringReceived` gets each whole
 * message however the bytes were chunked; a length over `MAX_LENGTH` calls
 * `lengthLimitExceeded` (which drops the connection).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { TrialError } from '../defer/errors';
import { concatBytes, toBytes } from './lineReceiver';
import { messages } from './messages';
import { Protocol } from './protocol';

/** `sendString` was given more bytes than the prefix can count. */
export class StringTooLongError extends TrialError {
  /**
   * @param length - the string's length in bytes.
   * @param prefixLength - the prefix size in bytes.
   */
  constructor(
    readonly length: number,
    readonly prefixLength: number,
  ) {
    super(messages.stringTooLong(length, prefixLength), 'TRIAL_STRING_TOO_LONG');
    this.name = 'StringTooLongError';
  }
}

/**
 * The base of the length-prefixed receivers: subclasses set `prefixLength`. Override
 * {@link IntNStringReceiver.stringReceived}.
 *
 * @example
 * ```ts
 * class Messages extends Int32StringReceiver {
 *   received: Uint8Array[] = [];
 *   override stringReceived(data: Uint8Array): void {
 *     this.received.push(data);
 *   }
 * }
 * ```
 */
export abstract class IntNStringReceiver extends Protocol {
  /** Size of the length prefix, in bytes. */
  abstract readonly prefixLength: 1 | 2 | 4;
  /** The longest message accepted, in bytes (Twisted's default 99999). */
  MAX_LENGTH = 99999;
  #unprocessed: Uint8Array = new Uint8Array(0);

  /**
   * Called with each complete message.
   *
   * @param _data - the message's bytes, without the prefix.
   */
  stringReceived(_data: Uint8Array): void {}

  /**
   * A prefix announced more than `MAX_LENGTH` bytes. Twisted's default drops the connection.
   *
   * @param _length - the announced length.
   */
  lengthLimitExceeded(_length: number): void {
    this.transport.loseConnection();
  }

  /**
   * Send `data` with its length prefix.
   *
   * @param data - bytes, or text (UTF-8 encoded).
   * @throws {@link StringTooLongError} when the prefix cannot hold its length.
   * @throws NotConnectedError before the connection is made.
   */
  sendString(data: Uint8Array | string): void {
    const bytes = toBytes(data);
    if (bytes.length >= 2 ** (8 * this.prefixLength)) throw new StringTooLongError(bytes.length, this.prefixLength);
    const prefix = new Uint8Array(this.prefixLength);
    for (let i = 0, length = bytes.length; i < this.prefixLength; i++, length = Math.floor(length / 256)) {
      prefix[this.prefixLength - 1 - i] = length % 256;
    }
    this.transport.write(concatBytes(prefix, bytes));
  }

  /**
   * Cut what arrives into messages. After `lengthLimitExceeded` the rest is kept unprocessed.
   *
   * @param data - bytes from the transport.
   */
  override dataReceived(data: Uint8Array): void {
    const all = concatBytes(this.#unprocessed, data);
    let offset = 0;
    while (all.length >= offset + this.prefixLength) {
      const start = offset + this.prefixLength;
      let length = 0;
      for (let i = offset; i < start; i++) length = length * 256 + all[i];
      if (length > this.MAX_LENGTH) {
        this.#unprocessed = all.slice(offset);
        this.lengthLimitExceeded(length);
        return;
      }
      if (all.length < start + length) break;
      offset = start + length;
      this.#unprocessed = all.slice(offset); // a stringReceived that throws leaves the rest to the next call
      this.stringReceived(all.slice(start, offset));
    }
    this.#unprocessed = all.slice(offset);
  }
}

/** Messages with a 4-byte big-endian length prefix (Twisted's `Int32StringReceiver`). */
export class Int32StringReceiver extends IntNStringReceiver {
  /** Four bytes. */
  readonly prefixLength = 4;
}

/** Messages with a 2-byte big-endian length prefix (Twisted's `Int16StringReceiver`); at most 65535 bytes each. */
export class Int16StringReceiver extends IntNStringReceiver {
  /** Two bytes. */
  readonly prefixLength = 2;
}
