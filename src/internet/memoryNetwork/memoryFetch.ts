/**
 * `network.fetch`: WHATWG fetch over memory sockets. The platform's `Request` reads and
 * validates the call; Node's own HTTP client (`http.request`, llhttp) sends it through
 * the network's keep-alive {@link MemoryAgent} to Node's HTTP server parser on the other
 * end; the answer comes back as the platform's `Response`. Redirects, `content-encoding`
 * and abort signals follow the fetch standard as Node's fetch implements it.
 *
 * Why not undici's fetch over a memory `connect` (the first version): its WHATWG
 * machinery cost as much as the sockets it saved, and its HTTP/1.1 client waits one
 * event-loop turn (`setImmediate`) before reusing a kept-alive socket, which in memory,
 * where a round trip never leaves the tick queue, opened a new connection for nearly
 * every sequential request. Node's client reuses a socket within the same tick, so a
 * fetch needs no timer, immediate or I/O: `await settle()` completes one.
 *
 * Each call is a `MEMORYREQUEST` async resource while its response is pending: a test
 * that ends with a fetch still waiting leaks it, and the connection opened for it is
 * charged to the user's line through it.
 *
 * @packageDocumentation
 */
import { AsyncResource } from 'node:async_hooks';
import { once } from 'node:events';
import * as http from 'node:http';
import { followRedirect, headerLines, isRedirect, readRequest, type WireBody, type WireRequest } from './fetchRequest';
import { terminated, toResponse } from './fetchResponse';
import { describeRequest, fetchWords } from './messages';

/** The async_hooks type of a pending memory fetch (a row in the janitor's tables). */
export const MEMORY_REQUEST_TYPE = 'MEMORYREQUEST';

/** The most redirects `fetch` follows. */
const MAX_REDIRECTS = 20;

/** A pending `network.fetch`, as the janitor sees it. */
export class MemoryRequest extends AsyncResource {
  #pending = true;
  /** Described in leak reports. */
  readonly description: string;

  /** @param method - the request method. @param url - the URL. */
  constructor(method: string, url: string) {
    super(MEMORY_REQUEST_TYPE);
    this.description = describeRequest(method, url);
  }

  /** Still waiting for the response. */
  isOpen(): boolean {
    return this.#pending;
  }

  /** Pending requests keep the test busy. */
  hasRef(): boolean {
    return true;
  }

  /** The janitor closed it (its connection is closed too): forget it. */
  close(): void {
    this.#pending = false;
  }

  /** The response (or the failure) arrived. */
  settled(): void {
    this.#pending = false;
  }
}

async function writeBody(outgoing: http.ClientRequest, body: WireBody): Promise<void> {
  if (body === null || Buffer.isBuffer(body)) {
    outgoing.end(body ?? undefined);
    return;
  }
  try {
    for await (const chunk of body) {
      if (outgoing.destroyed) return;
      if (!outgoing.write(chunk)) await once(outgoing, 'drain');
    }
    outgoing.end();
  } catch (error) {
    outgoing.destroy(error as Error);
  }
}

/** The message's body is not wanted: let it flow by, so the connection is free again. */
function discard(message: http.IncomingMessage): void {
  message.on('error', () => undefined);
  message.resume();
}

/**
 * Send one request and wait for the response's head. An abort destroys the request
 * (and the response, while its body is read).
 */
function send(agent: http.Agent, request: WireRequest, opening: (open: () => http.ClientRequest) => http.ClientRequest): Promise<http.IncomingMessage> {
  const { url, signal } = request;
  return new Promise((resolve, reject) => {
    const outgoing = opening(() => http.request({
      agent,
      method: request.method,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: headerLines(request),
      setHost: false,
    }));
    const onAbort = (): void => void outgoing.destroy(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    outgoing.once('response', (message: http.IncomingMessage) => {
      message.once('close', done);
      resolve(message);
    });
    outgoing.once('error', (error: Error) => {
      done();
      reject(signal?.aborted === true ? signal.reason : new TypeError(fetchWords.fetchFailed, { cause: error }));
    });
    void writeBody(outgoing, request.body);
  });
}

/** The fetch of one network, over its agent. */
export class MemoryFetch {
  readonly #agent: () => http.Agent;
  /**
   * The fetch whose `http.request` call is running: the agent opens a connection inside
   * that call, so the connection is charged to the fetch (a plain field, not an
   * `AsyncLocalStorage`, whose promise hooks would slow every promise in the process).
   */
  #opening: MemoryRequest | null = null;

  /** @param agent - the network's agent (made on first use). */
  constructor(agent: () => http.Agent) {
    this.#agent = agent;
  }

  /** The async id of the fetch now opening a connection, if any: the connection is charged to it. */
  get triggerAsyncId(): number | undefined {
    return this.#opening?.asyncId();
  }

  /**
   * Fetch over memory sockets.
   *
   * @param input - a URL, or a `Request`.
   * @param init - as for the global `fetch`.
   * @returns the response.
   * @throws TypeError `fetch failed` (as a rejection) with the socket error as `cause`,
   *   as Node's fetch does (`ECONNREFUSED` for an address nobody listens on); the
   *   signal's reason when it aborts.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
    const url = typeof input === 'string' ? input : 'href' in input ? input.href : input.url;
    const pending = new MemoryRequest(method.toUpperCase(), url);
    const done = (): void => pending.settled();
    const response = this.#run(input, init, pending);
    response.then(done, done);
    return response;
  }

  async #run(input: string | URL | Request, init: RequestInit | undefined, pending: MemoryRequest): Promise<Response> {
    let request = await readRequest(input, init);
    const { signal } = request;
    signal?.throwIfAborted();
    const reasonOf = (error: Error): unknown => (signal?.aborted === true ? signal.reason : terminated(error));
    const opening = (open: () => http.ClientRequest): http.ClientRequest => {
      this.#opening = pending;
      try {
        return open();
      } finally {
        this.#opening = null;
      }
    };
    for (let redirects = 0; ; redirects++) {
      const message = await send(this.#agent(), request, opening);
      const status = message.statusCode ?? 0;
      const location = message.headers.location;
      if (request.redirect === 'manual' || !isRedirect(status) || location === undefined) {
        return toResponse(message, request.method, { url: request.url.href, redirected: redirects > 0 }, reasonOf);
      }
      discard(message);
      if (request.redirect === 'error') throw new TypeError(fetchWords.fetchFailed, { cause: new Error(fetchWords.unexpectedRedirect) });
      if (redirects === MAX_REDIRECTS) throw new TypeError(fetchWords.fetchFailed, { cause: new Error(fetchWords.redirectCount) });
      request = followRedirect(request, status, location);
    }
  }
}
