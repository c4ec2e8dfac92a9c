/**
 * Contracts of the in-memory network: its options, and the seam between a socket and
 * the connection that carries its bytes. Types only.
 *
 * @packageDocumentation
 */
import type { IDelayedCall, IReactorTime } from '@trial-ts/runtime/internal';

/** How written bytes reach the other side. */
export type Delivery = 'eager' | 'manual';

/** Options of `new MemoryNetwork(options)`. */
export interface MemoryNetworkOptions {
  /**
   * `eager` (default): written bytes reach the peer in a `process.nextTick` — no timer,
   * no I/O; `await settle()` or awaiting a response drives them. `manual`: bytes wait
   * until `await network.flush()` (Trial's `IOPump` model), for tests that look at each
   * step.
   */
  delivery?: Delivery;
  /** Split every write into pieces of at most this many bytes (1 = byte by byte, for parser edge cases). */
  chunkSize?: number;
  /** Time for socket idle timeouts (`setTimeout`) and for `latency`; without one, timeouts never fire. */
  clock?: IReactorTime;
  /** Seconds each chunk takes to arrive, on `clock` (default 0). Needs `clock`. */
  latency?: number;
}

/** What a socket asks of the connection that carries its bytes. */
export interface SocketLink {
  /** Carry `chunk` (or the end of the stream, `null`) from `from` to its peer. */
  send(from: object, chunk: Buffer | null): void;
  /** Reset the connection: the peer of `from` is destroyed with `ECONNRESET`. */
  reset(from: object): void;
  /** `from` was destroyed: its peer sees the end of the stream once pending bytes arrived. */
  closed(from: object): void;
  /** Schedule on the network's clock; a call that never runs when there is no clock. */
  callLater(seconds: number, fn: () => void): IDelayedCall;
}

/** A server a memory network can hand connections to: any `net.Server` (and so any `http.Server`). */
export interface ConnectionSink {
  emit(event: 'connection', socket: unknown): boolean;
  /** net.Server's option, copied onto accepted sockets. */
  allowHalfOpen?: boolean;
}
