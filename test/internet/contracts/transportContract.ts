/**
 * The ITransport contract for the in-memory transports (`StringTransport`,
 * `FakeTransport`): what every transport must do, asserted the same way on each.
 */
import { SynchronousTestCase } from 'trial-ts';
import { ProducerStateError } from '../../../src/internet/errors';
import type { IPushProducer, ITransport } from '../../../src/internet/interfaces';

/** A transport under test and a way to read what was written to it. */
export interface TransportHarness {
  transport: ITransport;
  /** Everything written so far, as text. */
  written(): string;
}

/** A push producer that records calls. */
export class RecordingProducer implements IPushProducer {
  calls: string[] = [];
  pauseProducing(): void {
    this.calls.push('pause');
  }
  resumeProducing(): void {
    this.calls.push('resume');
  }
  stopProducing(): void {
    this.calls.push('stop');
  }
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Build the contract suite for one transport.
 *
 * @param makeHarness - returns a fresh transport and reader.
 * @returns an abstract TestCase class to extend in a test file.
 */
export function transportContract(makeHarness: () => TransportHarness) {
  abstract class TransportContract extends SynchronousTestCase {
    harness!: TransportHarness;

    override setUp(): void {
      this.harness = makeHarness();
    }

    /** write and writeSequence keep the bytes in order. */
    test_writeInOrder(): void {
      this.harness.transport.write(bytes('a'));
      this.harness.transport.writeSequence([bytes('b'), bytes('c')]);
      this.assertEqual(this.harness.written(), 'abc');
    }

    /** The transport copies what it is given: reusing the buffer changes nothing. */
    test_writeCopies(): void {
      const buffer = bytes('x');
      this.harness.transport.write(buffer);
      buffer[0] = 0x79;
      this.assertEqual(this.harness.written(), 'x');
    }

    /** Writing a string is a TypeError. */
    test_writeStringRefused(): void {
      this.assertRaises(TypeError, () => this.harness.transport.write('text' as unknown as Uint8Array));
    }

    /** Both addresses are TCP addresses. */
    test_addresses(): void {
      this.assertEqual(this.harness.transport.getPeer().type, 'TCP');
      this.assertEqual(this.harness.transport.getHost().type, 'TCP');
      this.assertTrue(this.harness.transport.getPeer().port > 0);
    }

    /** A second producer cannot be registered until the first is unregistered. */
    test_registerProducerTwice(): void {
      const transport = this.harness.transport;
      transport.registerProducer(new RecordingProducer(), true);
      this.assertRaises(ProducerStateError, () => transport.registerProducer(new RecordingProducer(), true));
      transport.unregisterProducer();
      transport.registerProducer(new RecordingProducer(), true);
    }
  }
  return TransportContract;
}
