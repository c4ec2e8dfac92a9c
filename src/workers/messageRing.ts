/**
 * A one-way channel of JSON messages from a worker thread to the main thread through a
 * SharedArrayBuffer: the thread writes, the main thread reads when it looks (it polls while
 * a batch runs, and the thread wakes it for what cannot wait).
 *
 * Why not `postMessage` for each event: every message posted to an idle main thread wakes
 * it, and the wake-up costs the posting thread ~8 µs on top of the copy (measured here:
 * 12 µs per event against 4 µs when the main thread is busy); a suite of quick tests sends
 * two events per test. And why not a buffer in the thread's own memory, flushed now and
 * then: a thread that dies (out of memory, killed for a hang) would take the events of
 * tests that already finished with it. What is written here outlives the thread, so the
 * main thread reads the last events of a dead thread before it judges the death.
 *
 * The ring holds records of a 4-byte header (the part's length, and a flag when the
 * message continues in the next record) and UTF-8 JSON. A message longer than half the
 * ring goes in parts; a writer that finds the ring full waits for the reader.
 *
 * @packageDocumentation
 */

/** The message a thread posts to make the main thread read now. */
export const RING_WAKE = 'trial-ts.ring.wake';

/** Header slots (Int32): where the writer will write next, and where the reader will read next. */
const WRITE = 0;
const READ = 1;
const HEADER_BYTES = 8;
const LENGTH_BYTES = 4;
/** Set in a record's length when the message goes on in the next record. */
const MORE = 0x8000_0000;
/** How long a writer waits on a full ring before it asks again for a read. */
const FULL_WAIT_MS = 50;

interface RingView {
  ints: Int32Array;
  bytes: Uint8Array;
  capacity: number;
}

function view(buffer: SharedArrayBuffer): RingView {
  const bytes = new Uint8Array(buffer, HEADER_BYTES);
  return { ints: new Int32Array(buffer, 0, 2), bytes, capacity: bytes.length };
}

/**
 * A new, empty ring's memory.
 *
 * @param capacity - bytes for records.
 * @returns the buffer to give both ends.
 */
export function createRingBuffer(capacity: number): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + capacity);
}

/** The thread's end: writes messages in order. */
export class RingWriter {
  readonly #ring: RingView;
  readonly #wake: () => void;
  readonly #encoder = new TextEncoder();
  readonly #header = new Uint8Array(LENGTH_BYTES);

  /**
   * @param buffer - the ring's memory, from {@link createRingBuffer}.
   * @param wake - asks the reader to read now (used when the ring is full).
   */
  constructor(buffer: SharedArrayBuffer, wake: () => void) {
    this.#ring = view(buffer);
    this.#wake = wake;
  }

  /**
   * Write one message (JSON-serializable) after those written before it.
   *
   * @param message - the message.
   */
  write(message: unknown): void {
    const json = JSON.stringify(message);
    if (this.#writeInPlace(json)) return;
    const payload = this.#encoder.encode(json);
    const largestPart = Math.floor(this.#ring.capacity / 2) - LENGTH_BYTES;
    let offset = 0;
    do {
      const length = Math.min(payload.length - offset, largestPart);
      const more = offset + length < payload.length;
      this.#writeRecord(payload.subarray(offset, offset + length), more);
      offset += length;
    } while (offset < payload.length);
  }

  /**
   * Encode a message straight into the ring, when the free space after the write
   * position surely holds it in one record (most messages: a test's events are a few
   * hundred bytes): no copy of its bytes. Sure means room for three bytes per UTF-16
   * unit, the most UTF-8 can take.
   *
   * @returns false when it might not fit there (then it is written in parts, in copies).
   */
  #writeInPlace(json: string): boolean {
    const { ints, bytes, capacity } = this.#ring;
    const room = LENGTH_BYTES + json.length * 3;
    const at = Atomics.load(ints, WRITE);
    const free = (Atomics.load(ints, READ) - at - 1 + capacity) % capacity;
    if (room > free || room > capacity - at || room - LENGTH_BYTES > Math.floor(capacity / 2) - LENGTH_BYTES) return false;
    const { written } = this.#encoder.encodeInto(json, bytes.subarray(at + LENGTH_BYTES, at + room));
    new DataView(bytes.buffer, bytes.byteOffset + at, LENGTH_BYTES).setUint32(0, written);
    Atomics.store(ints, WRITE, (at + LENGTH_BYTES + written) % capacity);
    return true;
  }

  #writeRecord(part: Uint8Array, more: boolean): void {
    const { ints, capacity } = this.#ring;
    const needed = LENGTH_BYTES + part.length;
    let at = Atomics.load(ints, WRITE);
    // One byte stays free, so that a full ring and an empty one differ.
    for (let read = Atomics.load(ints, READ); (read - at - 1 + capacity) % capacity < needed; read = Atomics.load(ints, READ)) {
      this.#wake();
      Atomics.wait(ints, READ, read, FULL_WAIT_MS);
    }
    new DataView(this.#header.buffer).setUint32(0, (part.length | (more ? MORE : 0)) >>> 0);
    at = this.#copyIn(this.#header, at);
    at = this.#copyIn(part, at);
    Atomics.store(ints, WRITE, at);
  }

  #copyIn(source: Uint8Array, at: number): number {
    const { bytes, capacity } = this.#ring;
    const first = Math.min(source.length, capacity - at);
    bytes.set(source.subarray(0, first), at);
    if (first < source.length) bytes.set(source.subarray(first), 0);
    return (at + source.length) % capacity;
  }
}

/** The main thread's end: takes what was written, in order. */
export class RingReader {
  readonly #ring: RingView;
  /** Parts of a message whose last part has not been written yet. */
  #parts: Buffer[] = [];

  /** @param buffer - the ring's memory, from {@link createRingBuffer}. */
  constructor(buffer: SharedArrayBuffer) {
    this.#ring = view(buffer);
  }

  /**
   * Every whole message written since the last read.
   *
   * @returns the messages, in the order they were written (often none).
   */
  read(): unknown[] {
    const { ints } = this.#ring;
    let at = Atomics.load(ints, READ);
    const end = Atomics.load(ints, WRITE);
    if (at === end) return [];
    const messages: unknown[] = [];
    while (at !== end) {
      const header = this.#copyOut(at, LENGTH_BYTES).readUInt32BE(0);
      const length = header & ~MORE;
      this.#parts.push(this.#copyOut((at + LENGTH_BYTES) % this.#ring.capacity, length));
      at = (at + LENGTH_BYTES + length) % this.#ring.capacity;
      if ((header & MORE) !== 0) continue;
      const text = (this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts)).toString('utf8');
      this.#parts = [];
      messages.push(JSON.parse(text));
    }
    Atomics.store(ints, READ, at);
    Atomics.notify(ints, READ);
    return messages;
  }

  #copyOut(at: number, length: number): Buffer {
    const { bytes, capacity } = this.#ring;
    const first = Math.min(length, capacity - at);
    const head = Buffer.from(bytes.subarray(at, at + first));
    return first === length ? head : Buffer.concat([head, Buffer.from(bytes.subarray(0, length - first))]);
  }
}
