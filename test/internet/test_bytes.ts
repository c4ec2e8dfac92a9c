/**
 * Tests for packages/runtime/src/internet/bytes.ts: the write check every transport makes.
 */
import { checkBytes } from '@trial-ts/runtime/internal';
import { StringTransport, SynchronousTestCase } from 'trial-ts';

export class CheckBytesTests extends SynchronousTestCase {
  /** Bytes pass, a Buffer among them (it is a Uint8Array). */
  test_bytesPass(): void {
    checkBytes(new Uint8Array([1]));
    checkBytes(Buffer.from('x'));
    this.assertTrue(true);
  }

  /** A string is refused with a TypeError that says to encode it. */
  test_stringRefused(): void {
    const error = this.assertRaises(TypeError, () => checkBytes('text'));
    this.assertSubstring('not string; encode strings first', error.message);
  }

  /** The fake transport makes the same check (the real one is checked in the transport contract). */
  test_fakeTransportChecks(): void {
    this.assertRaises(TypeError, () => new StringTransport().write('text' as never));
  }
}
