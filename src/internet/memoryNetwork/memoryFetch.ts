/**
 * `network.fetch`: WHATWG fetch over memory sockets, with undici (loaded on first use,
 * so code that never fetches never loads it). undici's `Agent` takes a custom `connect`;
 * ours opens a memory connection, so undici's HTTP/1.1 client talks to Node's real HTTP
 * parser on the server side. `https:` URLs are carried in clear: memory needs no TLS.
 *
 * Each call is a `MEMORYREQUEST` async resource while its response is pending: a test
 * that ends with a fetch still waiting leaks it, and the connection undici opens for it
 * (a tick or two later, from undici's own frames) is charged to the user's line through
 * it.
 *
 * @packageDocumentation
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { Agent } from 'undici';
import { describeRequest } from './messages';
import type { MemorySocket } from './memorySocket';

/** The async_hooks type of a pending memory fetch (a row in the janitor's tables). */
export const MEMORY_REQUEST_TYPE = 'MEMORYREQUEST';

/**
 * The async context of the fetch pool's own work (undici's keep-alive timers): made
 * when this module loads, which is when a test file imports the library, outside every
 * test. Immutable: a context, not state.
 */
export const POOL_SCOPE = new AsyncResource('trial-ts.memoryFetchPool');

/** Opens a pooled memory connection for undici, charged to `triggerAsyncId`. */
export type PoolConnect = (host: string, port: number, triggerAsyncId: number | undefined) => MemorySocket;

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

/** The fetch of one network: its undici agent, made on first use. */
export class MemoryFetch {
  readonly #connect: PoolConnect;
  readonly #origin = new AsyncLocalStorage<MemoryRequest>();
  #agent: Agent | null = null;

  /** @param connect - opens a memory connection for a pooled socket. */
  constructor(connect: PoolConnect) {
    this.#connect = connect;
  }

  /**
   * Fetch over memory sockets.
   *
   * @param input - a URL, or a `Request`.
   * @param init - as for the global `fetch`.
   * @returns the response.
   * @throws TypeError `fetch failed` (as a rejection) with the socket error as `cause`,
   *   as Node's fetch does (`ECONNREFUSED` for an address nobody listens on).
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const undici = require('undici') as typeof import('undici');
    const agent = this.#agentOf(undici);
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
    const url = typeof input === 'string' ? input : 'href' in input ? input.href : input.url;
    const request = new MemoryRequest(method.toUpperCase(), url);
    const done = (): void => request.settled();
    const pending = this.#origin.run(request, () =>
      undici.fetch(input as Parameters<typeof undici.fetch>[0], { ...(init as object), dispatcher: agent } as Parameters<typeof undici.fetch>[1]),
    );
    pending.then(done, done);
    return pending as unknown as Promise<Response>;
  }

  /** Close the pool's connections. */
  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = null;
    if (agent !== null) await agent.destroy();
  }

  #agentOf(undici: typeof import('undici')): Agent {
    if (this.#agent !== null) return this.#agent;
    // No headers/body timeouts: memory has no real time, and undici's timeout timers
    // would be real timers charged to the test. At most 16 connections per origin:
    // undici checks an idle keep-alive socket for one setImmediate before reusing it, and
    // memory round trips never leave the tick queue, so without a cap every sequential
    // fetch opened one more connection (1,000 fetches, 1,000 connections, each pool
    // lookup slower). With the cap the 17th waits one loop turn and reuses them all.
    this.#agent = new undici.Agent({
      connections: 16,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: (options, callback) => {
        const port = options.port === '' || options.port === undefined ? (options.protocol === 'https:' ? 443 : 80) : Number(options.port);
        const socket = this.#connect(options.hostname, port, this.#origin.getStore()?.asyncId());
        const onError = (error: Error): void => callback(error, null);
        socket.once('error', onError);
        socket.once('connect', () => {
          socket.removeListener('error', onError);
          callback(null, socket as never);
        });
      },
    });
    return this.#agent;
  }
}
