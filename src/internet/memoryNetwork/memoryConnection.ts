/**
 * `MemoryConnection`: the two sockets of one connection and the bytes in flight between
 * them. It is an `AsyncResource` of its own type, `MEMORYCONNECTION`, so the janitor's
 * init hook sees every memory connection a test opens: one left open when the test ends
 * is that test's leak, named by its addresses and the user's line, and closed.
 *
 * Delivery (see `MemoryNetworkOptions`): eager delivery hands each batch of chunks to
 * the peer in one `process.nextTick`, so a parser never runs inside another parser's
 * callback; manual delivery waits for `network.flush()`; latency waits on the clock.
 *
 * @packageDocumentation
 */
import { AsyncResource } from 'node:async_hooks';
import type { IDelayedCall, IReactorTime } from '@trial-ts/runtime/internal';
import type { ConnectionSink, Delivery, SocketLink } from './interfaces';
import { describeConnection } from './messages';
import { MemorySocket, type SocketEnds } from './memorySocket';
import { systemError } from './networkErrors';

/** The async_hooks type of memory connections (a row in the janitor's tables). */
export const MEMORY_CONNECTION_TYPE = 'MEMORYCONNECTION';

/** The async type of a connection's deliveries (not tracked by the janitor). */
const DELIVERY_TYPE = 'MEMORYDELIVERY';

/** What a connection needs from its network. */
export interface Carrier {
  readonly delivery: Delivery;
  readonly chunkSize: number;
  readonly clock: IReactorTime | undefined;
  readonly latency: number;
  /** Manual delivery: this connection has chunks waiting for `flush()`. */
  markPending(connection: MemoryConnection): void;
}

/** How a connection is opened. */
export interface ConnectionSpec {
  /** The `host:port` the client asked for. */
  readonly key: string;
  readonly client: SocketEnds;
  readonly server: SocketEnds;
  readonly sink: ConnectionSink;
  readonly allowHalfOpen: boolean;
  /** The async id the connection is charged to when it is not the current one (a pending fetch). */
  readonly triggerAsyncId?: number;
}

interface InFlight {
  readonly to: MemorySocket;
  readonly chunk: Buffer | null;
}

const NEVER: IDelayedCall = {
  getTime: () => Infinity,
  cancel: () => undefined,
  delay: () => undefined,
  reset: () => undefined,
  active: () => true,
} as unknown as IDelayedCall;

/** One memory connection: a client socket, a server socket, and the chunks in flight. */
export class MemoryConnection extends AsyncResource implements SocketLink {
  /** The end `connect()` returned. */
  readonly client: MemorySocket;
  /** The end handed to the server's `'connection'` listener. */
  readonly server: MemorySocket;
  /** The `host:port` the client asked for. */
  readonly key: string;
  /** In the network's own agent pool: while idle (unreferenced) it is not a leak of the test. */
  #pooled = false;
  readonly #carrier: Carrier;
  readonly #sink: ConnectionSink;
  /**
   * The context bytes are delivered in: the test's (so errors and the resources user
   * code makes are the test's), under an async id the janitor does not track, so that
   * Node's own lazy caches made while serving (http's Date-header timer) are not traced
   * back to the user's line through this connection.
   */
  readonly #deliveryScope = new AsyncResource(DELIVERY_TYPE);
  #inFlight: InFlight[] = [];
  #scheduled = false;
  readonly #ended = new Set<MemorySocket>();

  /**
   * @param carrier - the network's delivery settings.
   * @param spec - addresses, the server, half-open and the charged async id.
   */
  constructor(carrier: Carrier, spec: ConnectionSpec) {
    super(MEMORY_CONNECTION_TYPE, spec.triggerAsyncId === undefined ? undefined : { triggerAsyncId: spec.triggerAsyncId });
    this.#carrier = carrier;
    this.key = spec.key;
    this.#sink = spec.sink;
    this.client = new MemorySocket(this, spec.client, { allowHalfOpen: spec.allowHalfOpen });
    this.server = new MemorySocket(this, spec.server, {
      allowHalfOpen: spec.sink.allowHalfOpen === true,
      server: spec.sink,
    });
  }

  /** Hand the server end to the server and tell the client it is connected. */
  accept(): void {
    if (this.client.destroyed) {
      this.server.destroy();
      return;
    }
    const sink = this.#sink as { _connections?: unknown };
    if (typeof sink._connections === 'number') {
      sink._connections++;
      this.server.once('close', () => (sink._connections as number)--);
    }
    this.server.connecting = false;
    this.#deliveryScope.runInAsyncScope(() => {
      this.#sink.emit('connection', this.server);
      this.client._accepted();
    });
  }

  /** Refuse: the client fails with `ECONNREFUSED`, the server never hears of it. */
  refuse(host: string, port: number): void {
    this.client.destroy(systemError('ECONNREFUSED', host, port));
    this.server.destroy();
  }

  /** Reset both ends: each is destroyed with `ECONNRESET`. */
  abort(): void {
    this.#inFlight = [];
    for (const socket of [this.client, this.server]) {
      if (!socket.destroyed) socket.destroy(systemError('ECONNRESET'));
    }
  }

  /**
   * Mark the connection as the network agent's: like a browser's pool, an idle
   * keep-alive connection belongs to the network, not to the test that opened it.
   */
  pool(): void {
    this.#pooled = true;
  }

  /** Open, in the janitor's sense: some end is not destroyed, and it is not idle in the agent's pool. */
  isOpen(): boolean {
    if (this.client.destroyed && this.server.destroyed) return false;
    return !(this.#pooled && !this.client.refed && this.#inFlight.length === 0);
  }

  /** False when the client end was `unref()`ed (a keep-alive agent's idle socket). */
  hasRef(): boolean {
    return this.client.refed;
  }

  /** Close both ends (the janitor's way of closing a leaked connection). */
  close(): void {
    this.client.destroy();
    this.server.destroy();
  }

  /** The connection in a few words, for leak reports. */
  get description(): string {
    const state = this.client.connecting ? 'still connecting' : this.client.destroyed ? 'the client closed, the server end still open' : 'open';
    return describeConnection(`${this.client.localAddress}:${this.client.localPort}`, this.key, state);
  }

  /** How many chunks wait for delivery. */
  get pendingChunks(): number {
    return this.#inFlight.length;
  }

  /** Deliver every chunk now waiting, in order; chunks written meanwhile wait for the next call. */
  deliver(): number {
    this.#scheduled = false;
    const batch = this.#inFlight;
    this.#inFlight = [];
    this.#deliveryScope.runInAsyncScope(() => {
      for (const { to, chunk } of batch) to._receive(chunk);
    });
    return batch.length;
  }

  send(from: object, chunk: Buffer | null): void {
    const to = from === this.client ? this.server : this.client;
    if (to.destroyed) return;
    if (chunk === null) {
      this.#ended.add(from as MemorySocket);
      this.#queue({ to, chunk });
      return;
    }
    const size = this.#carrier.chunkSize;
    for (let at = 0; at < chunk.length; at += size) this.#queue({ to, chunk: chunk.subarray(at, at + size) });
  }

  reset(from: object): void {
    const to = from === this.client ? this.server : this.client;
    this.#inFlight = this.#inFlight.filter((item) => item.to !== to);
    process.nextTick(() => {
      if (!to.destroyed) to.destroy(systemError('ECONNRESET'));
    });
  }

  closed(from: object): void {
    const socket = from as MemorySocket;
    if (!this.#ended.has(socket)) this.send(socket, null);
  }

  callLater(seconds: number, fn: () => void): IDelayedCall {
    const clock = this.#carrier.clock;
    return clock === undefined ? NEVER : clock.callLater(seconds, fn);
  }

  #queue(item: InFlight): void {
    this.#inFlight.push(item);
    const carrier = this.#carrier;
    if (carrier.clock !== undefined && carrier.latency > 0) {
      carrier.clock.callLater(carrier.latency, () => {
        const next = this.#inFlight.shift();
        if (next !== undefined) this.#deliveryScope.runInAsyncScope(() => next.to._receive(next.chunk));
      });
    } else if (carrier.delivery === 'manual') {
      carrier.markPending(this);
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(() => this.deliver());
    }
  }
}
