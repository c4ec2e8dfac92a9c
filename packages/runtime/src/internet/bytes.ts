/**
 * The check every transport makes on what it is asked to write, real (`SocketTransport`)
 * or fake (`StringTransport`, `FakeTransport`), so they fail alike.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/**
 * Throw a TypeError unless `data` is bytes: writing a string is a common slip.
 *
 * @param data - what a protocol passed to `write()`.
 * @throws TypeError when `data` is not a Uint8Array (a Buffer is one).
 * @internal
 */
export function checkBytes(data: unknown): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw new TypeError(`Transports write bytes (Uint8Array or Buffer), not ${typeof data}; encode strings first, e.g. new TextEncoder().encode(text).`);
  }
}
