/**
 * Tests for src/workers/messageRing.ts: messages cross in order and whole, around the end
 * of the ring and in parts, and a writer that fills the ring waits for the reader instead
 * of losing anything.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { TestCase } from 'trial-ts';
import { createRingBuffer, RingReader, RingWriter } from '../../src/workers/messageRing';

/** The compiled module, for a writer on another thread (which has no TypeScript loader). */
const COMPILED = path.resolve(__dirname, '../../dist/workers/messageRing.js');

export class MessageRingTests extends TestCase {
  /** What is written is read once, in order, with its text intact (nothing read twice). */
  test_messagesCrossInOrder() {
    const buffer = createRingBuffer(1024);
    const writer = new RingWriter(buffer, () => undefined);
    const reader = new RingReader(buffer);
    this.assertEqual(reader.read(), []);
    const sent = [{ kind: 'event', n: 1 }, { kind: 'output', text: 'héllo ✓ \ud83d\ude00' }, { kind: 'alive' }];
    for (const message of sent) writer.write(message);
    this.assertEqual(reader.read(), sent);
    this.assertEqual(reader.read(), []);
  }

  /** Records that run past the end of the ring continue at its start. */
  test_wrapsAroundTheEnd() {
    const buffer = createRingBuffer(64);
    const writer = new RingWriter(buffer, () => undefined);
    const reader = new RingReader(buffer);
    const received: unknown[] = [];
    for (let n = 0; n < 50; n++) {
      writer.write({ n, pad: 'x'.repeat(n % 7) });
      received.push(...reader.read());
    }
    this.assertEqual(received, Array.from({ length: 50 }, (_, n) => ({ n, pad: 'x'.repeat(n % 7) })));
  }

  /**
   * Messages with multibyte text keep their text across the end of the ring, whether
   * they were encoded straight into it (room after the write position) or copied in
   * around the end.
   */
  test_multibyteTextAroundTheEnd() {
    const buffer = createRingBuffer(96);
    const writer = new RingWriter(buffer, () => undefined);
    const reader = new RingReader(buffer);
    const sent = Array.from({ length: 60 }, (_, n) => ({ n, text: '✓é\ud83d\ude00'.repeat(n % 4) }));
    const received: unknown[] = [];
    for (const message of sent) {
      writer.write(message);
      received.push(...reader.read());
    }
    this.assertEqual(received, sent);
  }

  /** A message longer than half the ring goes in parts and is read as one. */
  test_longMessageCrossesInParts() {
    const buffer = createRingBuffer(256);
    const writer = new RingWriter(buffer, () => undefined);
    const reader = new RingReader(buffer);
    const long = { text: 'y'.repeat(180) };
    writer.write(long);
    this.assertEqual(reader.read(), [long]);
  }

  /**
   * A thread that writes more than the ring holds waits, asks for a read, and loses
   * nothing: 200 messages of ~1 KiB through a 4 KiB ring.
   */
  async test_fullRingWaitsForTheReader() {
    const buffer = createRingBuffer(4096);
    const reader = new RingReader(buffer);
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { RingWriter } = require(workerData.module);
      const writer = new RingWriter(workerData.buffer, () => parentPort.postMessage('wake'));
      for (let n = 0; n < 200; n++) writer.write({ n, text: 'z'.repeat(1000) });
      parentPort.postMessage('done');
    `;
    const worker = new Worker(code, { eval: true, workerData: { buffer, module: COMPILED } });
    const received: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message) => {
        received.push(...reader.read());
        if (message === 'done') resolve();
      });
    });
    await worker.terminate();
    this.assertEqual(received.length, 200);
    this.assertEqual(received.map((m) => (m as { n: number }).n), Array.from({ length: 200 }, (_, n) => n));
    this.assertEqual((received[199] as { text: string }).text.length, 1000);
  }
}
