/**
 * The response half of `network.fetch`: Node's `IncomingMessage` (parsed by llhttp) as
 * a {@link MemoryResponse} — the body held as bytes when it had all arrived with the
 * head, else a `ReadableStream` that follows the socket with backpressure — with
 * `content-encoding` decoded as `fetch` decodes it.
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import type { UnderlyingSource } from 'node:stream/web';
import * as zlib from 'node:zlib';
import { fetchWords } from './messages';
import { MemoryResponse, type FetchedState } from './memoryResponse';

/** Statuses whose responses have no body (the `Response` constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Lenient flushing, as undici's: a body cut short still yields what arrived. */
const ZLIB_OPTIONS = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * Bytes the body stream holds before it pauses the socket: a small body is taken in
 * whole, so its connection is free for the next request even if the body is never read.
 */
const BODY_BUFFER_BYTES = 64 * 1024;

/** The content codings applied to the body, last applied first. */
function codingsOf(message: IncomingMessage): string[] {
  return String(message.headers['content-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
}

function decoded(source: IncomingMessage, codings: readonly string[]): Readable {
  const decoders: zlib.Gunzip[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip(ZLIB_OPTIONS));
    else if (coding === 'deflate') decoders.push(zlib.createInflate(ZLIB_OPTIONS));
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress());
    else return source; // an unknown coding: the bytes as they came, as fetch does
  }
  if (decoders.length === 0) return source;
  return pipeline([source, ...decoders], () => undefined) as unknown as Readable;
}

/** Queue up to {@link BODY_BUFFER_BYTES} bytes before asking the socket to wait. */
const BODY_STRATEGY = { highWaterMark: BODY_BUFFER_BYTES, size: (chunk: Uint8Array) => chunk.byteLength };

/**
 * A stream of the bytes of `source`: paused while the reader is behind, destroyed when
 * the reader cancels; an error of `source` errors the stream with `reasonOf(error)`.
 */
function bodyStream(source: Readable, reasonOf: (error: Error) => unknown): ReadableStream<Uint8Array> {
  let open = true;
  const underlying: UnderlyingSource<Uint8Array> = {
    start(controller) {
      source.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.once('end', () => {
        if (open) controller.close();
        open = false;
      });
      source.once('error', (error: Error) => {
        if (open) controller.error(reasonOf(error));
        open = false;
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      open = false;
      source.destroy();
    },
  };
  return new ReadableStream<Uint8Array>(underlying, BODY_STRATEGY);
}

/**
 * Wait for the `'end'` of a message read to its last byte: Node's client then hands the
 * socket back to the agent (in a tick queued before this resolves), so a request made
 * as soon as the response is in hand reuses the connection instead of opening another.
 */
function ended(message: IncomingMessage): Promise<void> | undefined {
  if (message.readableEnded) return undefined;
  return new Promise((resolve) => message.once('end', resolve));
}

/**
 * `message` as a fetch `Response`.
 *
 * @param message - the parsed response.
 * @param method - the request's method (a HEAD response has no body).
 * @param state - the URL and whether a redirect was followed.
 * @param reasonOf - what the body stream errors with when the message fails mid-body.
 * @returns the response; its body is held, or streams the rest of the message.
 */
export async function toResponse(message: IncomingMessage, method: string, state: FetchedState, reasonOf: (error: Error) => unknown): Promise<MemoryResponse> {
  const status = message.statusCode ?? 200;
  const raw = message.rawHeaders;
  const headers: Array<[string, string]> = [];
  for (let at = 0; at < raw.length; at += 2) headers.push([raw[at], raw[at + 1]]);
  const init = { status, statusText: message.statusMessage ?? '', headers };
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    message.resume();
    if (message.complete) await ended(message);
    return new MemoryResponse(null, init, state);
  }
  const codings = codingsOf(message);
  if (message.complete && codings.length === 0) {
    const bytes = readAll(message);
    await ended(message);
    return new MemoryResponse(bytes, init, state);
  }
  return new MemoryResponse(bodyStream(decoded(message, codings), reasonOf), init, state);
}

/** The whole body of a message whose last byte was parsed (its `'end'` follows, freeing the socket). */
function readAll(message: IncomingMessage): Buffer {
  const chunks: Buffer[] = [];
  for (let chunk = message.read() as Buffer | null; chunk !== null; chunk = message.read() as Buffer | null) chunks.push(chunk);
  message.resume();
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/**
 * The reason a body stream fails with when its message failed: Node's fetch says
 * `terminated`, with the socket's error as the cause.
 *
 * @param error - what the message failed with.
 * @returns the TypeError.
 */
export function terminated(error: Error): TypeError {
  return new TypeError(fetchWords.terminated, { cause: error });
}
