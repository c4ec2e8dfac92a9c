/**
 * `SocketTransport` and `wrapSocket`: a Node `net.Socket` as an `ITransport`, so the
 * protocols tested in memory run unchanged over real TCP.
 *
 * @packageDocumentation
 */
import type { Socket } from 'node:net';
import { Failure } from '../defer/failure';
import { IPv4Address, tcpAddress } from './address';
import { ConnectionDone, ConnectionLost, ProducerStateError } from './errors';
import { setHandleDescription } from './handleDescription';
import type { IAddress, IProtocol, IPullProducer, IPushProducer, ITransport } from './interfaces';
import { messages } from './messages';
import { checkBytes } from './bytes';
import { nodeTimers } from './realDelayedCall';

/**
 * A connected `net.Socket` seen as an {@link ITransport}: the protocol's `dataReceived`
 * gets the socket's data, and its `connectionLost` runs once when the socket closes
 * (`ConnectionDone` after a clean close, `ConnectionLost` with Node's error as `cause`
 * otherwise). A streaming producer is paused while the socket's buffer is full.
 */
export class SocketTransport implements ITransport {
  /** The wrapped socket. */
  readonly socket: Socket;
  readonly #protocol: IProtocol;
  #host: IAddress;
  #peer: IAddress;
  #started = false;
  #producer: IPushProducer | IPullProducer | null = null;
  #streaming = false;
  #producerPaused = false;
  #error: Error | undefined;
  #aborted = false;
  #disconnecting = false;
  readonly #onLost: ((reason: Failure) => void) | undefined;

  /**
   * Prefer {@link wrapSocket}, which also starts the protocol.
   *
   * @param socket - a socket, connected or connecting.
   * @param protocol - the protocol to drive.
   * @param onLost - called after the protocol's `connectionLost`, with the same reason (the connector's hook).
   */
  constructor(socket: Socket, protocol: IProtocol, onLost?: (reason: Failure) => void) {
    this.socket = socket;
    this.#protocol = protocol;
    this.#onLost = onLost;
    this.#host = this.#peer = new IPv4Address('TCP', '', 0);
    setHandleDescription(socket, () => `a TCP connection ${this} made by the trial-ts reactor`);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => {
      this.#error ??= error;
    });
    socket.on('drain', () => this.#onDrain());
    socket.once('close', () => this.#onClose());
  }

  /**
   * Read the addresses and call the protocol's `makeConnection`; once the socket is
   * connected if it is still connecting. @internal
   */
  start(): void {
    if (this.socket.connecting) {
      this.socket.once('connect', () => this.start());
      return;
    }
    if (this.#started || this.socket.destroyed) return;
    this.#started = true;
    // Read once: Node forgets the addresses after the socket closes.
    this.#host = tcpAddress(this.socket.localAddress ?? '', this.socket.localPort ?? 0);
    this.#peer = tcpAddress(this.socket.remoteAddress ?? '', this.socket.remotePort ?? 0);
    this.#protocol.makeConnection(this);
  }

  /** True after `loseConnection()` or `abortConnection()`. */
  get disconnecting(): boolean {
    return this.#disconnecting;
  }

  /** Write, unless the connection is closing; a full buffer pauses a streaming producer. */
  write(data: Uint8Array): void {
    checkBytes(data);
    if (this.#disconnecting || this.socket.destroyed) return;
    if (!this.socket.write(data) && this.#producer !== null && this.#streaming && !this.#producerPaused) {
      this.#producerPaused = true;
      (this.#producer as IPushProducer).pauseProducing();
    }
  }

  writeSequence(data: readonly Uint8Array[]): void {
    for (const chunk of data) this.write(chunk);
  }

  /** Send what is buffered, then close the socket completely (not half-open). */
  loseConnection(): void {
    if (this.#disconnecting) return;
    this.#disconnecting = true;
    this.socket.end(() => this.socket.destroy());
  }

  /** Close now, with a reset, dropping unsent data. */
  abortConnection(): void {
    this.#disconnecting = true;
    this.#aborted = true;
    if (this.socket.destroyed) return;
    if (typeof this.socket.resetAndDestroy === 'function' && !this.socket.connecting) this.socket.resetAndDestroy();
    else this.socket.destroy();
  }

  getPeer(): IAddress {
    return this.#peer;
  }

  getHost(): IAddress {
    return this.#host;
  }

  registerProducer(producer: IPushProducer | IPullProducer, streaming: boolean): void {
    if (this.#producer !== null) throw new ProducerStateError(messages.producerAlreadyRegistered());
    this.#producer = producer;
    this.#streaming = streaming;
    this.#producerPaused = false;
    if (!streaming) nodeTimers.setImmediate(() => this.#pull());
  }

  unregisterProducer(): void {
    this.#producer = null;
  }

  /** Stop reading from the socket: no `dataReceived` until resumed. */
  pauseProducing(): void {
    this.socket.pause();
  }

  resumeProducing(): void {
    this.socket.resume();
  }

  stopProducing(): void {
    this.loseConnection();
  }

  /** "127.0.0.1:40000 -> 127.0.0.1:8080 (LineClient)". */
  toString(): string {
    return `${this.#host} -> ${this.#peer} (${this.#protocol.constructor.name})`;
  }

  #onData(chunk: Buffer): void {
    try {
      this.#protocol.dataReceived(chunk);
    } catch (error) {
      // As Twisted does: a protocol that cannot handle its input loses the connection.
      this.#error ??= error instanceof Error ? error : new Error(String(error));
      this.socket.destroy();
      throw error;
    }
  }

  #onDrain(): void {
    if (this.#producer === null) return;
    if (!this.#streaming) {
      this.#pull();
    } else if (this.#producerPaused) {
      this.#producerPaused = false;
      (this.#producer as IPushProducer).resumeProducing();
    }
  }

  /** Ask a pull producer for chunks until the socket's buffer is full. */
  #pull(): void {
    const producer = this.#producer;
    if (producer === null || this.#streaming || this.socket.destroyed) return;
    producer.resumeProducing();
    if (!this.socket.writableNeedDrain && this.#producer === producer) nodeTimers.setImmediate(() => this.#pull());
  }

  #onClose(): void {
    // A connection that never came up was never made: no connectionLost (Twisted's rule).
    if (!this.#started) return;
    let reason: Error;
    if (this.#error !== undefined) reason = new ConnectionLost(`Connection lost: ${this.#error.message}`, { cause: this.#error });
    else if (this.#aborted) reason = new ConnectionLost('The connection was aborted.');
    else reason = new ConnectionDone();
    const failure = new Failure(reason);
    try {
      this.#protocol.connectionLost(failure);
    } finally {
      this.#onLost?.(failure);
    }
  }
}

/**
 * Drive `protocol` with an existing socket (one from `net.connect`, a server's
 * `'connection'` event, or any library that hands out sockets). If the socket is still
 * connecting, `makeConnection` runs once it connects.
 *
 * @param socket - the socket.
 * @param protocol - the protocol.
 * @param onLost - called after the protocol's `connectionLost`, with its reason.
 * @returns the transport.
 * @example
 * ```ts
 * const socket = net.connect(port, '127.0.0.1');
 * const client = new LineClient(reactor);
 * wrapSocket(socket, client);
 * ```
 */
export function wrapSocket(socket: Socket, protocol: IProtocol, onLost?: (reason: Failure) => void): SocketTransport {
  const transport = new SocketTransport(socket, protocol, onLost);
  transport.start();
  return transport;
}
