/**
 * In-memory connections: `FakeTransport` buffers what a protocol writes, and `IOPump`
 * moves the bytes between a client and a server when the test says so. With a `Clock`
 * for time, a whole conversation, timeouts included, runs in microseconds.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Failure, IPv4Address, ConnectionDone, ConnectionLost, ProducerStateError, checkBytes } from '@trial-ts/runtime/internal';
import { Clock } from './clock';
import { PumpLoopError } from './errors';
import type { IAddress, IProtocol, IProtocolFactory, IPullProducer, IPushProducer, ITransport } from '@trial-ts/runtime/internal';
import { messages } from './messages';
import { concatBytes } from './stringTransport';

/** How many rounds `IOPump.flush()` runs before deciding the two sides loop forever. */
export const FLUSH_ROUND_LIMIT = 1000;

/**
 * One end of an in-memory connection: buffers writes until an {@link IOPump} moves
 * them, and reports the disconnect to its protocol when the pump gets to it.
 */
export class FakeTransport implements ITransport {
  /** True after `loseConnection()`/`abortConnection()`, or once the other side disconnected. */
  disconnecting = false;
  /** True once the pump has delivered the disconnect. */
  disconnected = false;
  /** The registered producer, if any. */
  producer: IPushProducer | IPullProducer | null = null;
  /** Whether the registered producer is streaming; null when none. */
  streaming: boolean | null = null;
  /** Why the connection closes: `ConnectionDone`, or `ConnectionLost` after `abortConnection()`. */
  disconnectReason: Error = new ConnectionDone();
  readonly #protocol: IProtocol;
  readonly #isServer: boolean;
  readonly #host: IAddress;
  readonly #peer: IAddress;
  #outbound: Uint8Array[] = [];
  #paused = false;
  readonly #onLost: ((reason: Failure) => void) | undefined;

  /**
   * @param protocol - the protocol on this end.
   * @param isServer - whether this is the server's end (for `toString`).
   * @param hostAddress - this end's address.
   * @param peerAddress - the other end's address.
   * @param onLost - called after the protocol's `connectionLost`, with its reason (a connector's hook).
   */
  constructor(protocol: IProtocol, isServer: boolean, hostAddress: IAddress, peerAddress: IAddress, onLost?: (reason: Failure) => void) {
    this.#protocol = protocol;
    this.#isServer = isServer;
    this.#host = hostAddress;
    this.#peer = peerAddress;
    this.#onLost = onLost;
  }

  /** The protocol on this end. */
  get protocol(): IProtocol {
    return this.#protocol;
  }

  /** True while `pauseProducing()` holds back delivery to this end's protocol. */
  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Buffer the bytes for the pump; dropped after `loseConnection()` or `abortConnection()`.
   *
   * @throws TypeError if `data` is not a Uint8Array.
   */
  write(data: Uint8Array): void {
    checkBytes(data);
    // Once closing, writes are dropped (Twisted's rule, and the socket transport's):
    // loseConnection() sends what was written before it, not after.
    if (data.byteLength > 0 && !this.disconnecting) this.#outbound.push(data.slice());
  }

  writeSequence(data: readonly Uint8Array[]): void {
    for (const chunk of data) this.write(chunk);
  }

  loseConnection(): void {
    this.disconnecting = true;
  }

  abortConnection(): void {
    this.#outbound = [];
    this.disconnectReason = new ConnectionLost('The connection was aborted.');
    this.disconnecting = true;
  }

  getPeer(): IAddress {
    return this.#peer;
  }

  getHost(): IAddress {
    return this.#host;
  }

  /** A pull producer is asked for a chunk on every pump. */
  registerProducer(producer: IPushProducer | IPullProducer, streaming: boolean): void {
    if (this.producer !== null) throw new ProducerStateError(messages.producerAlreadyRegistered());
    this.producer = producer;
    this.streaming = streaming;
    if (!streaming) producer.resumeProducing();
  }

  unregisterProducer(): void {
    this.producer = null;
    this.streaming = null;
  }

  /** Hold back bytes for this end's protocol: they stay with the sender until resumed. */
  pauseProducing(): void {
    this.#paused = true;
  }

  resumeProducing(): void {
    this.#paused = false;
  }

  stopProducing(): void {
    this.loseConnection();
  }

  /** @returns the buffered writes, emptying the buffer; null when there were none. @internal */
  takeOutbound(): Uint8Array | null {
    if (this.#outbound.length === 0) return null;
    const data = concatBytes(this.#outbound);
    this.#outbound = [];
    return data;
  }

  /**
   * Take what `from` has written for `to`: null while `to` is paused (the bytes wait),
   * and dropped once `to` is disconnected.
   *
   * @internal
   */
  static transfer(from: FakeTransport, to: FakeTransport): Uint8Array | null {
    if (to.#paused) return null;
    const data = from.takeOutbound();
    return to.disconnected ? null : data;
  }

  /** Hand received bytes to the protocol. @internal */
  deliver(data: Uint8Array): void {
    this.#protocol.dataReceived(data);
  }

  /** Ask a registered pull producer for more. @internal */
  checkProducer(): void {
    if (this.producer !== null && this.streaming === false) this.producer.resumeProducing();
  }

  /** Tell the protocol the connection is gone. @internal */
  reportDisconnect(reason: Error): void {
    this.disconnected = true;
    this.disconnecting = true;
    const failure = new Failure(reason);
    this.#protocol.connectionLost(failure);
    this.#onLost?.(failure);
  }

  toString(): string {
    return `<FakeTransport ${this.#isServer ? 'server' : 'client'} ${this.#host} -> ${this.#peer}>`;
  }
}

/**
 * Moves bytes between the two ends of an in-memory connection, one round at a time.
 *
 * @example
 * ```ts
 * const { client, server, pump } = connectedServerAndClient(serverFactory, clientFactory);
 * client.sendLine('GET x');
 * pump.flush();
 * ```
 */
export class IOPump {
  /** The client's protocol. */
  readonly client: IProtocol;
  /** The server's protocol. */
  readonly server: IProtocol;
  /** The client's transport. */
  readonly clientIO: FakeTransport;
  /** The server's transport. */
  readonly serverIO: FakeTransport;
  /** The clock advanced by 0 at each round, so calls due now run between rounds. */
  readonly clock: Clock;

  constructor(client: IProtocol, server: IProtocol, clientIO: FakeTransport, serverIO: FakeTransport, clock: Clock) {
    this.client = client;
    this.server = server;
    this.clientIO = clientIO;
    this.serverIO = serverIO;
    this.clock = clock;
  }

  /**
   * One round: advance the clock by 0, then deliver what each side has written so far
   * (once: replies written during delivery wait for the next round). When no bytes
   * moved, deliver one pending disconnect instead.
   *
   * @returns true if anything happened (bytes moved or a disconnect was delivered).
   */
  pump(): boolean {
    this.clock.advance(0);
    const toServer = FakeTransport.transfer(this.clientIO, this.serverIO);
    const toClient = FakeTransport.transfer(this.serverIO, this.clientIO);
    this.clientIO.checkProducer();
    this.serverIO.checkProducer();
    if (toServer !== null) this.serverIO.deliver(toServer);
    if (toClient !== null) this.clientIO.deliver(toClient);
    if (toServer !== null || toClient !== null) return true;
    return this.#deliverDisconnect(this.serverIO, this.clientIO) || this.#deliverDisconnect(this.clientIO, this.serverIO);
  }

  /**
   * Pump until a round moves nothing: the conversation is quiet.
   *
   * @returns true if anything happened.
   * @throws PumpLoopError after {@link FLUSH_ROUND_LIMIT} busy rounds.
   */
  flush(): boolean {
    let busy = false;
    for (let round = 0; round < FLUSH_ROUND_LIMIT; round++) {
      if (!this.pump()) return busy;
      busy = true;
    }
    throw new PumpLoopError(messages.pumpTooLong(FLUSH_ROUND_LIMIT));
  }

  /** The side that closed learns it last: first its peer gets connectionLost, then (next round) itself. */
  #deliverDisconnect(closing: FakeTransport, other: FakeTransport): boolean {
    if (!closing.disconnecting || closing.disconnected) return false;
    if (!other.disconnected) {
      other.reportDisconnect(closing.disconnectReason);
      return true;
    }
    closing.reportDisconnect(closing.disconnectReason);
    return true;
  }
}

/** Options of {@link connect} and {@link connectedServerAndClient}. */
export interface ConnectOptions {
  /** Flush once right after connecting, so greetings are exchanged; default true. */
  greet?: boolean;
  /** The clock the pump advances by 0 each round; default a new `Clock`. */
  clock?: Clock;
}

/**
 * Connect a server protocol and a client protocol through their fake transports
 * (server first, as a real server accepts before the client hears back).
 *
 * @param server - the server's protocol.
 * @param serverIO - its transport.
 * @param client - the client's protocol.
 * @param clientIO - its transport.
 * @param options - greet, clock.
 * @returns the pump.
 */
export function connect(
  server: IProtocol,
  serverIO: FakeTransport,
  client: IProtocol,
  clientIO: FakeTransport,
  options: ConnectOptions = {},
): IOPump {
  server.makeConnection(serverIO);
  client.makeConnection(clientIO);
  const pump = new IOPump(client, server, clientIO, serverIO, options.clock ?? new Clock());
  if (options.greet ?? true) pump.flush();
  return pump;
}

/** The default addresses of an in-memory connection. */
const SERVER_ADDRESS = new IPv4Address('TCP', '127.0.0.1', 8000);
const CLIENT_ADDRESS = new IPv4Address('TCP', '127.0.0.1', 50000);

/**
 * Build a server and a client protocol from their factories and connect them in memory.
 *
 * @param serverFactory - builds the server's protocol (given the client's address).
 * @param clientFactory - builds the client's protocol (given the server's address).
 * @param options - greet, clock.
 * @returns the two protocols and the pump between them.
 * @throws TypeError if a factory refuses the connection (returns null).
 * @example
 * ```ts
 * const clock = new Clock();
 * const { client, server, pump } = connectedServerAndClient(
 *   Factory.forProtocol(LineServer), Factory.forProtocol(LineClient, clock), { clock });
 * const reply = client.request('GET a');
 * pump.flush();
 * this.assertEqual(this.successResultOf(reply), 'VALUE 1');
 * ```
 */
export function connectedServerAndClient<S extends IProtocol, C extends IProtocol>(
  serverFactory: IProtocolFactory<S>,
  clientFactory: IProtocolFactory<C>,
  options: ConnectOptions = {},
): { client: C; server: S; pump: IOPump } {
  const server = serverFactory.buildProtocol(CLIENT_ADDRESS);
  const client = clientFactory.buildProtocol(SERVER_ADDRESS);
  if (server === null || client === null) {
    throw new TypeError(`The ${server === null ? 'server' : 'client'} factory's buildProtocol() returned null: it refused the connection.`);
  }
  const serverIO = new FakeTransport(server, true, SERVER_ADDRESS, CLIENT_ADDRESS);
  const clientIO = new FakeTransport(client, false, CLIENT_ADDRESS, SERVER_ADDRESS);
  const pump = connect(server, serverIO, client, clientIO, options);
  return { client, server, pump };
}
