/**
 * An encoder for subunit v2 packets (the binary protocol of python-subunit, which
 * Trial's `subunit` reporter speaks):
 *
 * ```
 * 0xB3 | flags (u16 BE) | length (varint, whole packet) | [timestamp: u32 BE seconds,
 * varint nanoseconds] | [test id] | [tags: varint count, strings] | [mime type] |
 * [file name, varint length, bytes] | [route code] | CRC32 (u32 BE, of all before it)
 * ```
 *
 * Flags: version 0x2 in the top nibble, then one bit per optional field, the runnable
 * and EOF bits, and the test status in the low 3 bits. Strings are a varint byte length
 * and UTF-8. Varints take 1–4 bytes, the top two bits of the first byte giving the
 * extra byte count (6, 14, 22 or 30 bits of value).
 *
 * @packageDocumentation
 */

/** Test statuses of subunit v2. */
export const SUBUNIT_STATUS = {
  undefined: 0,
  exists: 1,
  inprogress: 2,
  success: 3,
  uxsuccess: 4,
  skip: 5,
  fail: 6,
  xfail: 7,
} as const;

/** A status name of {@link SUBUNIT_STATUS}. */
export type SubunitStatus = keyof typeof SUBUNIT_STATUS;

const FLAG_VERSION_2 = 0x2000;
const FLAG_TEST_ID = 0x0800;
const FLAG_ROUTE_CODE = 0x0400;
const FLAG_TIMESTAMP = 0x0200;
const FLAG_RUNNABLE = 0x0100;
const FLAG_TAGS = 0x0080;
const FLAG_FILE_CONTENT = 0x0040;
const FLAG_MIME_TYPE = 0x0020;
const FLAG_EOF = 0x0010;

/** Largest packet python-subunit accepts (a 3-byte length). */
export const MAX_PACKET_BYTES = 4_194_303;

/** One packet's fields; all optional but the status. */
export interface SubunitPacket {
  status?: SubunitStatus;
  testId?: string;
  /** Ms since the epoch. */
  timestamp?: number;
  tags?: readonly string[];
  mimeType?: string;
  fileName?: string;
  fileBytes?: Uint8Array;
  eof?: boolean;
  routeCode?: string;
  /** Default true. */
  runnable?: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, as zlib's `crc32`), which Node 20's zlib does not expose.
 *
 * @param bytes - the data.
 * @returns the checksum as an unsigned 32-bit number.
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A subunit varint.
 *
 * @param value - 0 to 2^30 - 1.
 * @throws RangeError when the value does not fit.
 */
export function encodeNumber(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`Cannot encode ${value} as a subunit number.`);
  if (value < 0x40) return Uint8Array.of(value);
  if (value < 0x4000) return Uint8Array.of(0x40 | (value >>> 8), value & 0xff);
  if (value < 0x400000) return Uint8Array.of(0x80 | (value >>> 16), (value >>> 8) & 0xff, value & 0xff);
  if (value < 0x40000000) return Uint8Array.of(0xc0 | (value >>> 24), (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  throw new RangeError(`Cannot encode ${value} as a subunit number: it exceeds 2^30 - 1.`);
}

const encoder = new TextEncoder();

function utf8(text: string): Uint8Array[] {
  const bytes = encoder.encode(text);
  return [encodeNumber(bytes.length), bytes];
}

function u32(value: number): Uint8Array {
  return Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Encode one packet.
 *
 * @param packet - its fields.
 * @returns the bytes, CRC included.
 * @throws RangeError when the packet exceeds {@link MAX_PACKET_BYTES} (split file
 * content with {@link fileChunks}).
 */
export function encodePacket(packet: SubunitPacket): Uint8Array {
  let flags = FLAG_VERSION_2 | SUBUNIT_STATUS[packet.status ?? 'undefined'];
  const fields: Uint8Array[] = [];
  if (packet.timestamp !== undefined) {
    flags |= FLAG_TIMESTAMP;
    const seconds = Math.floor(packet.timestamp / 1000);
    fields.push(u32(seconds), encodeNumber(Math.round((packet.timestamp - seconds * 1000) * 1e6)));
  }
  if (packet.testId !== undefined) {
    flags |= FLAG_TEST_ID;
    fields.push(...utf8(packet.testId));
  }
  if (packet.tags !== undefined && packet.tags.length > 0) {
    flags |= FLAG_TAGS;
    fields.push(encodeNumber(packet.tags.length), ...packet.tags.flatMap(utf8));
  }
  if (packet.runnable ?? true) flags |= FLAG_RUNNABLE;
  if (packet.mimeType !== undefined) {
    flags |= FLAG_MIME_TYPE;
    fields.push(...utf8(packet.mimeType));
  }
  if (packet.fileName !== undefined) {
    const bytes = packet.fileBytes ?? new Uint8Array();
    flags |= FLAG_FILE_CONTENT;
    fields.push(...utf8(packet.fileName), encodeNumber(bytes.length), bytes);
  }
  if (packet.eof === true) flags |= FLAG_EOF;
  if (packet.routeCode !== undefined) {
    flags |= FLAG_ROUTE_CODE;
    fields.push(...utf8(packet.routeCode));
  }
  const body = concat(fields);
  // The length counts the whole packet: signature, flags, the length itself, body, CRC.
  const base = 1 + 2 + body.length + 4;
  const lengthBytes = base + 1 < 0x40 ? 1 : base + 2 < 0x4000 ? 2 : 3;
  const total = base + lengthBytes;
  if (total > MAX_PACKET_BYTES) throw new RangeError(`A subunit packet of ${total} bytes exceeds ${MAX_PACKET_BYTES}.`);
  const content = concat([Uint8Array.of(0xb3, flags >>> 8, flags & 0xff), encodeNumber(total), body]);
  return concat([content, u32(crc32(content))]);
}

/**
 * Split a file's bytes into chunks small enough for one packet each (at least one
 * chunk, possibly empty).
 *
 * @param bytes - the file content.
 * @param size - chunk size (default 64 KiB).
 */
export function fileChunks(bytes: Uint8Array, size = 65_536): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks.length === 0 ? [bytes] : chunks;
}
