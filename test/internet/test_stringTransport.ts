import { SynchronousTestCase } from 'trial-ts';
import { IPv4Address, ProducerStateError } from '@trial-ts/runtime';
import { StringTransport } from '../../src/internet/stringTransport';
import { transportContract, RecordingProducer } from './contracts/transportContract';

/** StringTransport passes the in-memory ITransport contract. */
export class StringTransportContractTests extends transportContract(() => {
  const transport = new StringTransport();
  return { transport, written: () => transport.text() };
}) {}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export class StringTransportTests extends SynchronousTestCase {
  /** value() returns the bytes written; clear() forgets them. */
  test_valueAndClear(): void {
    const transport = new StringTransport();
    transport.write(bytes('ab'));
    this.assertEqual([...transport.value()], [0x61, 0x62]);
    transport.clear();
    this.assertEqual(transport.value().length, 0);
    transport.write(bytes('c'));
    this.assertEqual(transport.text(), 'c');
  }

  /** loseConnection() only sets disconnecting. */
  test_loseConnection(): void {
    const transport = new StringTransport();
    transport.loseConnection();
    this.assertTrue(transport.disconnecting);
    this.assertFalse(transport.disconnected);
  }

  /** abortConnection() sets disconnecting and disconnected. */
  test_abortConnection(): void {
    const transport = new StringTransport();
    transport.abortConnection();
    this.assertTrue(transport.disconnecting);
    this.assertTrue(transport.disconnected);
  }

  /** The default addresses are Twisted's; both can be given. */
  test_addresses(): void {
    const transport = new StringTransport();
    this.assertEqual(String(transport.getHost()), '10.0.0.1:12345');
    this.assertEqual(String(transport.getPeer()), '192.168.1.1:54321');
    const peer = new IPv4Address('TCP', '::1', 80);
    this.assertIdentical(new StringTransport({ peerAddress: peer }).getPeer(), peer);
    this.assertEqual(String(peer), '[::1]:80');
  }

  /** The registered producer and its kind are recorded, and forgotten on unregister. */
  test_producerRegistration(): void {
    const transport = new StringTransport();
    const producer = new RecordingProducer();
    transport.registerProducer(producer, true);
    this.assertIdentical(transport.producer, producer);
    this.assertTrue(transport.streaming);
    transport.unregisterProducer();
    this.assertIdentical(transport.producer, null);
  }

  /** pause and resume alternate; a stopped transport stays stopped. */
  test_producerState(): void {
    const transport = new StringTransport();
    this.assertEqual(transport.producerState, 'producing');
    this.assertRaises(ProducerStateError, () => transport.resumeProducing());
    transport.pauseProducing();
    this.assertEqual(transport.producerState, 'paused');
    this.assertRaises(ProducerStateError, () => transport.pauseProducing());
    transport.resumeProducing();
    this.assertEqual(transport.producerState, 'producing');
    transport.stopProducing();
    this.assertEqual(transport.producerState, 'stopped');
    this.assertRaises(ProducerStateError, () => transport.resumeProducing());
    this.assertRaises(ProducerStateError, () => transport.pauseProducing());
  }

  /** unregisterProducer() with no producer registered throws, as Twisted's does. */
  test_unregisterWithoutProducer(): void {
    const transport = new StringTransport();
    const error = this.assertRaises(ProducerStateError, () => transport.unregisterProducer());
    this.assertSubstring('no producer registered', error.message);
    transport.registerProducer(new RecordingProducer(), false);
    transport.unregisterProducer();
    this.assertRaises(ProducerStateError, () => transport.unregisterProducer());
  }

  /** After loseConnection(), pausing and resuming throw: the connection is closing. */
  test_producingAfterLoseConnection(): void {
    const transport = new StringTransport();
    transport.pauseProducing();
    transport.loseConnection();
    const error = this.assertRaises(ProducerStateError, () => transport.resumeProducing());
    this.assertSubstring('after loseConnection()', error.message);
    this.assertRaises(ProducerStateError, () => transport.pauseProducing());
    this.assertEqual(transport.producerState, 'paused');
  }

  /** A lenient transport allows pausing and resuming after loseConnection(). */
  test_lenient(): void {
    const transport = new StringTransport({ lenient: true });
    this.assertTrue(transport.lenient);
    this.assertFalse(new StringTransport().lenient);
    transport.loseConnection();
    transport.pauseProducing();
    transport.resumeProducing();
    this.assertEqual(transport.producerState, 'producing');
  }

  /** connected is true from construction, and stays settable for whoever plays the network. */
  test_connected(): void {
    const transport = new StringTransport();
    this.assertTrue(transport.connected);
    transport.loseConnection();
    this.assertTrue(transport.connected);
    transport.connected = false;
    this.assertFalse(transport.connected);
  }
}
