/**
 * The request half of `network.fetch`: a WHATWG `Request` (the platform's own, which
 * validates the method, URL, headers and body exactly as `fetch` does) read into what
 * goes on the wire, and the fetch standard's rules for following a redirect.
 *
 * What the server sees matches Node's `fetch`: `host` and `connection` first, the
 * request's headers, then the defaults Node's fetch adds (`accept`, `accept-language`,
 * `sec-fetch-mode`, `user-agent: node`, `accept-encoding`), then the framing.
 *
 * @packageDocumentation
 */
import { fetchWords } from './messages';

/** A request body: all its bytes, or a stream of them (sent chunked). */
export type WireBody = Buffer | AsyncIterable<Uint8Array> | null;

/** What one HTTP request puts on the wire. */
export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  /** The request's own headers, lower-case names, in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: WireBody;
  readonly redirect: Request['redirect'];
  /** The signal that can abort it; null when none was given (listening costs more than the round trip's parsing). */
  readonly signal: AbortSignal | null;
}

/** Headers Node's fetch adds when the request has none of that name. */
const DEFAULT_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

/** Headers that describe the body: dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Methods that carry no body unless given one, as undici frames them. */
const NO_CONTENT_LENGTH = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

function copyBytes(view: ArrayBufferView | ArrayBuffer): Buffer {
  // A copy, as Request takes one: the caller may reuse its buffer once fetch returns.
  return view instanceof ArrayBuffer ? Buffer.from(new Uint8Array(view)) : Buffer.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

/** The bytes of a body given in `init`, without reading the Request's stream; undefined when it is a stream. */
function plainBody(body: unknown): Buffer | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return copyBytes(body);
  return undefined;
}

async function bodyOf(request: Request, init: RequestInit | undefined): Promise<WireBody> {
  if (request.body === null) return null;
  const given = init?.body;
  if (given === undefined || given instanceof Blob || given instanceof FormData) return Buffer.from(await request.arrayBuffer());
  return request.body as unknown as AsyncIterable<Uint8Array>; // a stream: sent as it comes
}

/** The `content-type` the fetch standard gives a string or form body that has none. */
function defaultContentType(body: unknown): string | undefined {
  if (typeof body === 'string') return 'text/plain;charset=UTF-8';
  if (body instanceof URLSearchParams) return 'application/x-www-form-urlencoded;charset=UTF-8';
  return undefined;
}

function headersOf(request: Request): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  return headers;
}

/**
 * Read `fetch(input, init)` as a wire request. A string, form or bytes body in `init`
 * is taken as bytes and kept out of the `Request`, which would otherwise wrap it in a
 * stream only to have it read back.
 *
 * @param input - a URL or a `Request`.
 * @param init - as for `fetch`.
 * @returns the request to send.
 * @throws TypeError (as a rejection) for what `new Request(input, init)` rejects.
 */
export async function readRequest(input: string | URL | Request, init: RequestInit | undefined): Promise<WireRequest> {
  const plain = input instanceof Request ? undefined : plainBody(init?.body);
  const abortable = input instanceof Request || (init?.signal !== undefined && init.signal !== null);
  if (plain === undefined || plain === null) {
    const request = new Request(input, init);
    const body = await bodyOf(request, init);
    return { method: request.method, url: new URL(request.url), headers: headersOf(request), body, redirect: request.redirect, signal: abortable ? request.signal : null };
  }
  const request = new Request(input, { ...init, body: null });
  if (request.method === 'GET' || request.method === 'HEAD') new Request(input, init); // throws fetch's own words: GET and HEAD have no body
  const headers = headersOf(request);
  const contentType = defaultContentType(init?.body);
  if (contentType !== undefined && !request.headers.has('content-type')) headers.push(['content-type', contentType]);
  return { method: request.method, url: new URL(request.url), headers, body: plain, redirect: request.redirect, signal: abortable ? request.signal : null };
}

/**
 * The header lines of `request`, as a flat `[name, value, ...]` list for `http.request`.
 *
 * @param request - the wire request.
 * @returns names and values in the order they are sent.
 */
export function headerLines(request: WireRequest): string[] {
  const lines = ['host', request.url.host, 'connection', 'keep-alive'];
  const present = new Set<string>();
  for (const [name, value] of request.headers) {
    lines.push(name, value);
    present.add(name);
  }
  for (const [name, value] of DEFAULT_HEADERS) if (!present.has(name)) lines.push(name, value);
  const { body, method } = request;
  if (Buffer.isBuffer(body)) lines.push('content-length', String(body.length));
  else if (body !== null) lines.push('transfer-encoding', 'chunked');
  else if (!NO_CONTENT_LENGTH.has(method)) lines.push('content-length', '0');
  return lines;
}

/** True for the statuses `fetch` follows. */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * The request that follows a redirect, by the fetch standard's rules: 303 (and 301/302
 * after a POST) become a GET without a body; credentials do not cross to another origin.
 *
 * @param request - the request that was redirected.
 * @param status - the redirect status.
 * @param location - the `location` header.
 * @returns the next request.
 * @throws TypeError `fetch failed` when the location is not an http(s) URL, or a
 *   streamed body would have to be sent again.
 */
export function followRedirect(request: WireRequest, status: number, location: string): WireRequest {
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch (error) {
    throw new TypeError(fetchWords.fetchFailed, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(fetchWords.fetchFailed, { cause: new Error(fetchWords.badRedirect(url.href)) });
  const toGet = status === 303 ? request.method !== 'GET' && request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  if (!toGet && request.body !== null && !Buffer.isBuffer(request.body)) throw new TypeError(fetchWords.fetchFailed, { cause: new Error(fetchWords.streamRedirect) });
  const crossOrigin = url.origin !== request.url.origin;
  const headers = request.headers.filter(([name]) => !(toGet && BODY_HEADERS.has(name)) && !(crossOrigin && CREDENTIAL_HEADERS.has(name)));
  return { ...request, url, headers, method: toGet ? 'GET' : request.method, body: toGet ? null : request.body };
}
