/**
 * The ITransport contract: what every transport must do, asserted the same way on the
 * in-memory ones (`StringTransport`, `FakeTransport`) and the real one
 * (`SocketTransport`, whose bytes are read on the other end of a loopback connection).
 */
import { TestCase } from 'trial-ts';
import { ProducerStateError } from '@trial-ts/runtime';
import type { IPushProducer, ITransport } from '@trial-ts/runtime';

/** A transport under test and a way to read what was written to it. */
export interface TransportHarness {
  transport: ITransport;
  /**
   * Everything written so far, as text, once it got where it goes (the recording, the
   * pump's buffer, the other end of the socket).
   *
   * @param expected - what the test expects, so a real harness knows when to stop waiting.
   */
  written(expected: string): string | Promise<string>;
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
 * @param makeHarness - called in setUp (it may register cleanups on the test); returns a fresh transport and reader.
 * @returns an abstract TestCase class to extend in a test file.
 */
export function transportContract(makeHarness: (test: TestCase) => TransportHarness | Promise<TransportHarness>) {
  abstract class TransportContract extends TestCase {
    harness!: TransportHarness;

    override async setUp(): Promise<void> {
      this.harness = await makeHarness(this);
    }

    /** write and writeSequence keep the bytes in order. */
    async test_writeInOrder(): Promise<void> {
      this.harness.transport.write(bytes('a'));
      this.harness.transport.writeSequence([bytes('b'), bytes('c')]);
      this.assertEqual(await this.harness.written('abc'), 'abc');
    }

    /** The transport copies what it is given: reusing the buffer changes nothing. */
    async test_writeCopies(): Promise<void> {
      const buffer = bytes('x');
      this.harness.transport.write(buffer);
      buffer[0] = 0x79;
      this.assertEqual(await this.harness.written('x'), 'x');
    }

    /** Writing a string is a TypeError. */
    test_writeStringRefused(): void {
      this.assertRaises(TypeError, () => this.harness.transport.write('text' as unknown as Uint8Array));
    }

    /** Both addresses are TCP addresses with a port. */
    test_addresses(): void {
      this.assertEqual(this.harness.transport.getPeer().type, 'TCP');
      this.assertEqual(this.harness.transport.getHost().type, 'TCP');
      this.assertTrue(this.harness.transport.getPeer().port > 0);
      this.assertTrue(this.harness.transport.getHost().port > 0);
    }

    /** A second producer cannot be registered until the first is unregistered. */
    test_registerProducerTwice(): void {
      const transport = this.harness.transport;
      transport.registerProducer(new RecordingProducer(), true);
      this.assertRaises(ProducerStateError, () => transport.registerProducer(new RecordingProducer(), true));
      transport.unregisterProducer();
      transport.registerProducer(new RecordingProducer(), true);
      transport.unregisterProducer();
    }
  }
  return TransportContract;
}
