/**
 * `MemoryNetwork`: an in-memory network for unchanged Node servers and clients. Servers
 * are never `listen()`ed: the network hands them memory sockets through the same
 * `'connection'` event a listening `net.Server` emits, so Node's HTTP server (llhttp),
 * express, fastify and `ws` run exactly as in production, with no port and no I/O.
 *
 * The HTTP client side (the agent, `fetch`, whose `Response` wakes Node's bundled undici)
 * and `install` are loaded on first use: every test file imports this module through
 * `trial-ts`, and most never touch the network (~20 ms per worker otherwise).
 *
 * @packageDocumentation
 */
import type * as http from 'node:http';
import type * as net from 'node:net';
import type { IReactorTime } from '@trial-ts/runtime/internal';
import { settle } from '../settle';
import type { ConnectionSink, Delivery, MemoryNetworkOptions } from './interfaces';
import { MemoryConnection, type Carrier } from './memoryConnection';
import { familyOf, memoryAddress, parseAddress, type MemoryAddress } from './memoryAddress';
import type { MemoryAgent } from './memoryAgent';
import type { MemoryFetch } from './memoryFetch';
import type { MemorySocket } from './memorySocket';
import { messages } from './messages';
import { AddressInUseError, NetworkUsageError, SettleLimitError } from './networkErrors';

/** Most rounds of `flush()` before it decides the two sides answer each other forever. */
const FLUSH_ROUND_LIMIT = 10_000;
/** The first client port, as Linux's ephemeral range starts. */
const FIRST_CLIENT_PORT = 49152;

function isIp(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
}

function checkOptions(options: MemoryNetworkOptions): void {
  const { delivery, chunkSize, latency, clock } = options;
  if (delivery !== undefined && delivery !== 'eager' && delivery !== 'manual') {
    throw new NetworkUsageError(messages.badOption('delivery', delivery, "'eager' or 'manual'"));
  }
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    throw new NetworkUsageError(messages.badOption('chunkSize', chunkSize, 'a whole number of bytes, 1 or more'));
  }
  if (latency !== undefined && !(Number.isFinite(latency) && latency >= 0)) {
    throw new NetworkUsageError(messages.badOption('latency', latency, 'seconds, 0 or more'));
  }
  if (latency !== undefined && latency > 0 && clock === undefined) throw new NetworkUsageError(messages.latencyWithoutClock());
}

/**
 * An in-memory network: listen unmodified servers on `host:port` addresses, then reach
 * them with {@link MemoryNetwork.connect}, {@link MemoryNetwork.fetch}, or — after
 * {@link MemoryNetwork.install} — with `net.connect`, `http.get` and `fetch` themselves.
 *
 * @example
 * ```ts
 * const network = new MemoryNetwork();
 * network.listen(http.createServer(app), 'api.test:80');
 * const response = await network.fetch('http://api.test/health');
 * this.assertEqual(response.status, 200);
 * ```
 */
export class MemoryNetwork {
  readonly #servers = new Map<string, ConnectionSink>();
  readonly #refused = new Set<string>();
  readonly #connections = new Set<MemoryConnection>();
  readonly #pending = new Set<MemoryConnection>();
  readonly #carrier: Carrier;
  #fetch: MemoryFetch | null = null;
  #agent: MemoryAgent | null = null;
  #nextPort = FIRST_CLIENT_PORT;

  /**
   * @param options - delivery, chunk size, clock and latency (see {@link MemoryNetworkOptions}).
   * @throws {NetworkUsageError} for an unknown delivery, a chunk size below 1, or latency without a clock.
   */
  constructor(options: MemoryNetworkOptions = {}) {
    checkOptions(options);
    const pending = this.#pending;
    this.#carrier = {
      delivery: options.delivery ?? 'eager',
      chunkSize: options.chunkSize ?? Infinity,
      clock: options.clock,
      latency: options.latency ?? 0,
      markPending: (connection) => pending.add(connection),
    };
  }

  /**
   * The network's keep-alive `http.Agent`: `http.request`/`get` with `{ agent }` reach
   * listened servers through it (Node's HTTP client on one side, its server on the
   * other), without `install`. `network.fetch` uses it too. Made on first use; idle
   * connections in it are no leak of a test; `close()` destroys it.
   *
   * @example
   * ```ts
   * http.get('http://api.test/health', { agent: network.agent }, (response) => { ... });
   * ```
   */
  get agent(): http.Agent {
    if (this.#agent === null) {
      const { MemoryAgent } = require('./memoryAgent') as typeof import('./memoryAgent');
      this.#agent = new MemoryAgent((host, port) => {
        const connection = this.#open(memoryAddress(host, port), false, this.#fetch?.triggerAsyncId);
        connection.pool();
        return connection.client as unknown as net.Socket;
      });
    }
    return this.#agent;
  }

  /** How this network delivers written bytes. */
  get delivery(): Delivery {
    return this.#carrier.delivery;
  }

  /** The clock of idle timeouts and latency, if any. */
  get clock(): IReactorTime | undefined {
    return this.#carrier.clock;
  }

  /** The connections not yet closed on both ends (a snapshot). */
  get connections(): readonly MemoryConnection[] {
    return [...this.#connections];
  }

  /**
   * Listen `server` on `address`. The server is not `listen()`ed: connections arrive as
   * its `'connection'` events, each with a memory socket.
   *
   * @param server - any `net.Server` or `http.Server` (or anything that handles `'connection'`).
   * @param address - `host:port`, e.g. `'api.test:80'`.
   * @returns this network.
   * @throws {AddressInUseError} when a server already listens on `address`.
   * @throws {NetworkUsageError} when `address` is not `host:port` or `server` is not a server.
   */
  listen(server: ConnectionSink, address: string): this {
    if (typeof (server as { emit?: unknown } | null)?.emit !== 'function') {
      throw new NetworkUsageError(messages.notAServer(server === null ? 'null' : typeof server));
    }
    const { key } = parseAddress(address);
    if (this.#servers.has(key)) throw new AddressInUseError(key);
    this.#servers.set(key, server);
    return this;
  }

  /**
   * Stop listening on `address`; open connections stay open, new ones are refused.
   *
   * @param address - `host:port`.
   * @returns true when a server was listening there.
   */
  unlisten(address: string): boolean {
    return this.#servers.delete(parseAddress(address).key);
  }

  /**
   * Refuse new connections to `address` with `ECONNREFUSED`, listened or not, until
   * `refuse(address, false)`.
   *
   * @param address - `host:port`.
   * @param refused - false to accept again.
   */
  refuse(address: string, refused = true): void {
    const { key } = parseAddress(address);
    if (refused) this.#refused.add(key);
    else this.#refused.delete(key);
  }

  /**
   * Reset a connection, given either of its sockets, or every connection to an address:
   * both ends are destroyed with `ECONNRESET`.
   *
   * @param target - a memory socket, or `host:port`.
   * @returns how many connections were reset.
   */
  abort(target: MemorySocket | string): number {
    const key = typeof target === 'string' ? parseAddress(target).key : undefined;
    let count = 0;
    for (const connection of this.#connections) {
      const hit = key === undefined ? connection.client === target || connection.server === target : connection.key === key;
      if (hit) {
        connection.abort();
        count++;
      }
    }
    return count;
  }

  /**
   * Open a connection to `address`, as `net.connect` would: the socket emits
   * `'connect'` a tick later, or fails with `ECONNREFUSED` when nothing listens there.
   *
   * @param address - `host:port`, or `{ host, port }`.
   * @param options - `allowHalfOpen` (default false), as for `net.connect`.
   * @returns the client socket, a `net.Socket`-compatible `stream.Duplex`.
   * @throws {NetworkUsageError} when `address` is not `host:port`.
   */
  connect(address: string | { host: string; port: number }, options: { allowHalfOpen?: boolean } = {}): MemorySocket {
    const parsed = typeof address === 'string' ? parseAddress(address) : memoryAddress(address.host, address.port);
    return this.#open(parsed, options.allowHalfOpen === true, undefined).client;
  }

  /**
   * WHATWG `fetch` over memory sockets: the platform's `Request` and `Response`, Node's
   * HTTP client and server (llhttp on both sides) over {@link MemoryNetwork.agent}.
   *
   * @param input - the URL or `Request`.
   * @param init - as for the global `fetch`.
   * @returns the response.
   * @throws TypeError `fetch failed` (as a rejection) with `cause.code === 'ECONNREFUSED'`
   *   when nothing listens on the URL's host and port, as Node's fetch.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    if (this.#fetch === null) {
      const { MemoryFetch } = require('./memoryFetch') as typeof import('./memoryFetch');
      this.#fetch = new MemoryFetch(() => this.agent);
    }
    return this.#fetch.fetch(input, init);
  }

  /**
   * Manual delivery: deliver the bytes in flight, let the receivers react (`settle()`),
   * and repeat until nothing is in flight.
   *
   * @param options - `rounds`: deliver at most this many rounds (default: until quiet).
   * @returns how many chunks were delivered.
   * @throws {NetworkUsageError} on an eager network.
   * @throws {SettleLimitError} when the sides keep writing for 10,000 rounds.
   */
  async flush(options: { rounds?: number } = {}): Promise<number> {
    if (this.#carrier.delivery !== 'manual') throw new NetworkUsageError(messages.flushEager());
    const limit = options.rounds ?? FLUSH_ROUND_LIMIT;
    let delivered = 0;
    for (let round = 0; round < limit; round++) {
      await settle();
      if (this.#pending.size === 0) return delivered;
      const batch = [...this.#pending];
      this.#pending.clear();
      for (const connection of batch) delivered += connection.deliver();
    }
    await settle();
    if (options.rounds === undefined && this.#pending.size > 0) throw new SettleLimitError(limit, messages.flushLimit(limit));
    return delivered;
  }

  /**
   * For the running test only: route `net.connect`/`net.createConnection`,
   * `http(s).request`/`get` (their agents' `createConnection`) and `globalThis.fetch`
   * to this network. Any address nobody listens on is `ECONNREFUSED`. A cleanup of the
   * test undoes the routing and closes the network.
   *
   * @param testCase - the running test (`this`).
   * @throws {NetworkUsageError} when not given a test, or when another network is installed.
   */
  install(testCase: unknown): void {
    const { installNetwork } = require('./install') as typeof import('./install');
    installNetwork(this, testCase);
  }

  /** Close every connection and the agent's pool. Idempotent. */
  async close(): Promise<void> {
    this.#agent?.destroy();
    this.#agent = null;
    for (const connection of this.#connections) connection.close();
    this.#connections.clear();
    this.#pending.clear();
  }

  #open(address: MemoryAddress, allowHalfOpen: boolean, triggerAsyncId: number | undefined): MemoryConnection {
    const sink = this.#servers.get(address.key);
    const clientPort = this.#nextPort++;
    const serverHost = isIp(address.host) ? address.host : '127.0.0.1';
    const family = familyOf(serverHost);
    const connection = new MemoryConnection(this.#carrier, {
      key: address.key,
      client: { localAddress: '127.0.0.1', localPort: clientPort, localFamily: 'IPv4', remoteAddress: serverHost, remotePort: address.port, remoteFamily: family },
      server: { localAddress: serverHost, localPort: address.port, localFamily: family, remoteAddress: '127.0.0.1', remotePort: clientPort, remoteFamily: 'IPv4' },
      sink: sink ?? { emit: () => false },
      allowHalfOpen,
      triggerAsyncId,
    });
    this.#connections.add(connection);
    let open = 2;
    const forget = (): void => {
      if (--open === 0) this.#connections.delete(connection);
    };
    connection.client.once('close', forget);
    connection.server.once('close', forget);
    process.nextTick(() => {
      if (sink === undefined || this.#refused.has(address.key)) connection.refuse(address.host, address.port);
      else connection.accept();
    });
    return connection;
  }
}
