/**
 * Tests for packages/runtime/src/internet/intNStringReceiver.ts: length-prefixed messages (Int32, Int16)
 * with Twisted's semantics — any chunking, MAX_LENGTH, sendString and its limit.
 */
import { Int16StringReceiver, Int32StringReceiver, IntNStringReceiver, StringTooLongError, StringTransport, SynchronousTestCase } from 'trial-ts';

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

function recorder<T extends IntNStringReceiver>(protocol: T): { protocol: T; strings: string[]; exceeded: number[]; transport: StringTransport } {
  const strings: string[] = [];
  const exceeded: number[] = [];
  protocol.stringReceived = (data) => void strings.push(text(data));
  const original = protocol.lengthLimitExceeded.bind(protocol);
  protocol.lengthLimitExceeded = (length) => {
    exceeded.push(length);
    original(length);
  };
  const transport = new StringTransport();
  protocol.makeConnection(transport);
  return { protocol, strings, exceeded, transport };
}

export class IntNStringReceiverTests extends SynchronousTestCase {
  /** sendString writes a big-endian prefix of the right size. */
  test_sendStringPrefix(): void {
    const int32 = recorder(new Int32StringReceiver());
    int32.protocol.sendString('abc');
    this.assertEqual([...int32.transport.value()], [0, 0, 0, 3, 97, 98, 99]);
    const int16 = recorder(new Int16StringReceiver());
    int16.protocol.sendString(new Uint8Array(258));
    this.assertEqual([...int16.transport.value().subarray(0, 2)], [1, 2]);
  }

  /** What one end sends, the other receives whole, whatever the chunking. */
  test_roundTripAnyChunking(): void {
    for (const make of [() => new Int32StringReceiver(), () => new Int16StringReceiver()]) {
      const sender = recorder(make());
      for (const message of ['hello', '', 'wörld', 'x'.repeat(300)]) sender.protocol.sendString(message);
      const wire = sender.transport.value();
      for (const size of [1, 3, wire.length]) {
        const receiver = recorder(make());
        for (let i = 0; i < wire.length; i += size) receiver.protocol.dataReceived(wire.slice(i, i + size));
        this.assertEqual(receiver.strings, ['hello', '', 'wörld', 'x'.repeat(300)], `prefix ${receiver.protocol.prefixLength}, chunks of ${size}`);
      }
    }
  }

  /** A prefix over MAX_LENGTH calls lengthLimitExceeded with the length and drops the connection. */
  test_lengthLimitExceeded(): void {
    const receiver = recorder(Object.assign(new Int32StringReceiver(), { MAX_LENGTH: 10 }));
    receiver.protocol.dataReceived(new Uint8Array([0, 0, 0, 2, 104, 105, 0, 0, 0, 11]));
    this.assertEqual(receiver.strings, ['hi']);
    this.assertEqual(receiver.exceeded, [11]);
    this.assertTrue(receiver.transport.disconnecting);
  }

  /** A message of exactly MAX_LENGTH is accepted. */
  test_exactlyMaxLength(): void {
    const receiver = recorder(Object.assign(new Int16StringReceiver(), { MAX_LENGTH: 3 }));
    receiver.protocol.dataReceived(new Uint8Array([0, 3, 97, 98, 99]));
    this.assertEqual([receiver.strings, receiver.exceeded], [['abc'], []]);
  }

  /** A string the prefix cannot count is refused before anything is written. */
  test_stringTooLong(): void {
    const sender = recorder(new Int16StringReceiver());
    const error = this.assertRaises(StringTooLongError, () => sender.protocol.sendString(new Uint8Array(65536)));
    this.assertEqual(error.code, 'TRIAL_STRING_TOO_LONG');
    this.assertIn('65535', error.message);
    this.assertEqual(sender.transport.value().length, 0);
  }
}
