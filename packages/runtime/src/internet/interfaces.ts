/**
 * Contracts of the internet layer: time, addresses, transports, protocols, factories
 * and TCP, in the shape of Twisted's `twisted.internet.interfaces`.
 *
 * Every fake in this folder (`Clock`, `StringTransport`, `FakeTransport`,
 * `MemoryReactor`) and the real reactor (`reactor`, on Node's event loop) implements
 * these same interfaces, and the contract suites under `test/internet/contracts/` run
 * the same assertions against both. Code under test should depend on these interfaces
 * and receive its reactor as a parameter, so a test can hand it a `Clock` and the
 * program hands it the real `reactor`.
 *
 * Types only. Bytes are `Uint8Array` (a Node `Buffer` is one). Longer than 300 lines
 * because it is the area's one contract file (STYLE R1): every interface, with its
 * TSDoc, and no code.
 *
 * @packageDocumentation
 */
import type { Deferred } from '../defer/deferred';
import type { Failure } from '../defer/failure';

/**
 * A call scheduled with {@link IReactorTime.callLater}: it can be inspected, moved
 * and cancelled until it runs.
 *
 * @example
 * ```ts
 * const call = clock.callLater(5, () => console.log('later'));
 * call.delay(2);   // now due at t=7
 * call.reset(1);   // now due 1 s from now
 * call.cancel();   // never runs; active() is false
 * ```
 */
export interface IDelayedCall {
  /** The time, in the reactor's `seconds()`, at which the call is due. */
  getTime(): number;
  /**
   * Cancel the call: it will never run.
   *
   * @throws AlreadyCalledError if the call has run or is running (cancelling a call from inside itself).
   * @throws AlreadyCancelledError if the call was already cancelled.
   */
  cancel(): void;
  /**
   * Move the call later by `seconds` (earlier if negative).
   *
   * @param seconds - how far to move the due time.
   * @throws AlreadyCalledError / AlreadyCancelledError if the call is no longer pending.
   */
  delay(seconds: number): void;
  /**
   * Make the call due `seconds` from now. Calls due at the same time still run in the
   * order they were scheduled with `callLater`.
   *
   * @param seconds - the new delay, counted from now.
   * @throws AlreadyCalledError / AlreadyCancelledError if the call is no longer pending.
   */
  reset(seconds: number): void;
  /** @returns true while the call is pending: neither run nor cancelled. */
  active(): boolean;
  /** True once the call has started running. */
  readonly called: boolean;
  /** True once the call was cancelled. */
  readonly cancelled: boolean;
  /** A readable description: the function's name, the due time and the state. */
  toString(): string;
}

/**
 * Time: what to ask for the current time and how to schedule work later.
 * Implemented by `Clock` (fake, advanced by hand) and `reactor` (Node's timers).
 */
export interface IReactorTime {
  /** @returns the current time in seconds. `Clock` starts at 0; the real reactor uses wall-clock time. */
  seconds(): number;
  /**
   * Run `fn(...args)` once, `delay` seconds from now.
   *
   * @param delay - seconds from now; a finite number, 0 or more.
   * @param fn - the function to call.
   * @param args - arguments for `fn`.
   * @returns a handle to inspect, move or cancel the call.
   * @throws RangeError if `delay` is negative or not finite.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): IDelayedCall;
  /** @returns the pending calls (a snapshot: changing the array changes nothing). */
  getDelayedCalls(): readonly IDelayedCall[];
}

/** Where one end of a connection is. */
export interface IAddress {
  /** The transport type; only `'TCP'` for now. */
  readonly type: 'TCP';
  /** The IP address (`'127.0.0.1'`, `'::1'`). */
  readonly host: string;
  /** The port number. */
  readonly port: number;
  /** `host:port` (IPv6 hosts in brackets). */
  toString(): string;
}

/** Something that produces data for a consumer; the consumer can stop it. */
export interface IProducer {
  /** Stop producing for good: the consumer will not accept more. */
  stopProducing(): void;
}

/** A producer that writes on its own until told to pause (a streaming producer). */
export interface IPushProducer extends IProducer {
  /** Stop writing until `resumeProducing()`: the consumer's buffer is full. */
  pauseProducing(): void;
  /** Write again after a `pauseProducing()`. */
  resumeProducing(): void;
}

/** A producer that writes one chunk each time `resumeProducing()` is called. */
export interface IPullProducer extends IProducer {
  /** Write one more chunk. */
  resumeProducing(): void;
}

/** Something that accepts bytes and can throttle a registered producer. */
export interface IConsumer {
  /**
   * Register a producer whose output this consumer throttles.
   *
   * @param producer - the producer.
   * @param streaming - true for an {@link IPushProducer}, false for an {@link IPullProducer}.
   * @throws ProducerStateError if a producer is already registered.
   */
  registerProducer(producer: IPushProducer | IPullProducer, streaming: boolean): void;
  /** Forget the registered producer. */
  unregisterProducer(): void;
  /**
   * Accept some bytes.
   *
   * @param data - the bytes; the consumer may keep a reference, so do not reuse the buffer.
   */
  write(data: Uint8Array): void;
}

/**
 * One end of a connection, as a protocol sees it: write bytes, close, ask who is on
 * either end, and throttle (the transport is itself a push producer of the bytes it
 * receives: pausing it stops `dataReceived`).
 */
export interface ITransport extends IConsumer, IPushProducer {
  /**
   * Write several buffers, in order.
   *
   * @param data - the buffers.
   */
  writeSequence(data: readonly Uint8Array[]): void;
  /**
   * Close the connection once everything written so far has been sent. The protocol's
   * `connectionLost` runs after that, with a `ConnectionDone` reason.
   */
  loseConnection(): void;
  /**
   * Close the connection now, dropping anything not yet sent. The protocol's
   * `connectionLost` runs with a `ConnectionLost` reason.
   */
  abortConnection(): void;
  /** @returns the address of the other end. */
  getPeer(): IAddress;
  /** @returns the address of this end. */
  getHost(): IAddress;
}

/**
 * The code that speaks a protocol over one connection. Its life: `makeConnection`
 * (which calls `connectionMade`), any number of `dataReceived`, then exactly one
 * `connectionLost`. Extend the `Protocol` class rather than implementing this directly.
 */
export interface IProtocol {
  /**
   * Attach the transport and call `connectionMade()`. Called once, by the transport.
   *
   * @param transport - the transport of this connection.
   */
  makeConnection(transport: ITransport): void;
  /** The connection is up: `this.transport` can be used. */
  connectionMade(): void;
  /**
   * Some bytes arrived. Bytes arrive in arbitrary chunks: a message may be split over
   * several calls, and one call may hold several messages.
   *
   * @param data - the bytes received.
   */
  dataReceived(data: Uint8Array): void;
  /**
   * The connection is closed. Called exactly once.
   *
   * @param reason - a Failure wrapping `ConnectionDone` (clean close) or `ConnectionLost`.
   */
  connectionLost(reason: Failure): void;
}

/**
 * Builds one protocol per connection.
 *
 * @typeParam P - the protocol it builds.
 */
export interface IProtocolFactory<P extends IProtocol = IProtocol> {
  /**
   * Build the protocol for a new connection.
   *
   * @param addr - the address of the other end.
   * @returns the protocol, or null to refuse the connection (it is closed at once).
   */
  buildProtocol(addr: IAddress): P | null;
  /**
   * Called by each port and connector that starts using the factory (Twisted's rule:
   * `startFactory` runs on the first). Optional: a plain `{ buildProtocol }` works.
   */
  doStart?(): void;
  /** Called by each port and connector that stops using the factory (`stopFactory` runs on the last). */
  doStop?(): void;
}

/**
 * A factory for client connections, told about each attempt of an {@link IConnector}
 * (Twisted's `ClientFactory`). Every callback is optional; extend `ClientFactory`.
 *
 * @typeParam P - the protocol it builds.
 */
export interface IClientFactory<P extends IProtocol = IProtocol> extends IProtocolFactory<P> {
  /**
   * An attempt started; `connector.stopConnecting()` would abandon it.
   *
   * @param connector - the connector making the attempt.
   */
  startedConnecting?(connector: IConnector): void;
  /**
   * The attempt failed: refused, timed out, abandoned (`UserError`). Calling
   * `connector.connect()` here tries again.
   *
   * @param connector - the connector.
   * @param reason - a Failure wrapping a `ConnectError` (or a subclass).
   */
  clientConnectionFailed?(connector: IConnector, reason: Failure): void;
  /**
   * A connection that was made is gone (after the protocol's `connectionLost`).
   * Calling `connector.connect()` here reconnects.
   *
   * @param connector - the connector.
   * @param reason - the reason the protocol got: `ConnectionDone` or `ConnectionLost`.
   */
  clientConnectionLost?(connector: IConnector, reason: Failure): void;
}

/** Where an {@link IConnector} is in its cycle. */
export type ConnectorState = 'disconnected' | 'connecting' | 'connected';

/**
 * One client connection, through its attempts: what `connectTCP` returns (Twisted's
 * `IConnector`). It starts connecting at once; after a failure or a lost connection,
 * `connect()` tries again with the same factory.
 *
 * @example
 * ```ts
 * const connector = reactor.connectTCP('127.0.0.1', 6379, factory);
 * connector.getDestination(); // IPv4Address 127.0.0.1:6379
 * connector.disconnect();     // stop trying, or close the connection
 * ```
 */
export interface IConnector {
  /** `'connecting'` during an attempt, `'connected'` once the protocol is built, else `'disconnected'`. */
  readonly state: ConnectorState;
  /**
   * Abandon the attempt in progress: the factory's `clientConnectionFailed` runs with a
   * `UserError`.
   *
   * @throws NotConnectingError if no attempt is in progress.
   */
  stopConnecting(): void;
  /** Stop connecting, or close the connection (`loseConnection()`), whichever applies; nothing otherwise. */
  disconnect(): void;
  /**
   * Start a new attempt (after a failure or a lost connection).
   *
   * @throws ConnectorStateError while connecting or connected.
   */
  connect(): void;
  /** @returns the address it connects to. */
  getDestination(): IAddress;
}

/** A server socket, as returned by {@link IReactorTCP.listenTCP}. */
export interface IListeningPort {
  /** @returns the address it listens on; the real port when 0 was asked for. */
  getHost(): IAddress;
  /**
   * Stop accepting connections. Connections already accepted stay open: close them
   * through their transports.
   *
   * @returns a Deferred that fires (with undefined) once the listening socket is closed.
   */
  stopListening(): Deferred<void>;
  /** "TCP port 127.0.0.1:41523 (LineServerFactory)". */
  toString(): string;
}

/** Options of {@link IReactorTCP.listenTCP}. */
export interface ListenTCPOptions {
  /** The interface to bind, e.g. `'127.0.0.1'`; default all interfaces (`'0.0.0.0'`). */
  interface?: string;
  /** Size of the accept queue; default Node's (511). */
  backlog?: number;
}

/** Options of {@link IReactorTCP.connectTCP}. */
export interface ConnectTCPOptions {
  /** Give up connecting after this many seconds (ConnectError); default 30. */
  timeout?: number;
}

/**
 * TCP: listen for connections and make them. `connectTCP` returns an
 * {@link IConnector}, as Twisted's does; `listenTCP` returns a Deferred, as Twisted's
 * endpoints do, because Node binds asynchronously. For a Deferred of one connected
 * protocol, use `ClientCreator`.
 */
export interface IReactorTCP {
  /**
   * Listen on a TCP port; each accepted connection gets a protocol from the factory.
   * The factory's `doStart` runs once listening, its `doStop` when the port stops.
   *
   * @param port - the port, or 0 for any free port (see `getHost().port`).
   * @param factory - builds a protocol per connection.
   * @param options - interface and backlog.
   * @returns a Deferred of the listening port; it fails with `CannotListenError`.
   */
  listenTCP(port: number, factory: IProtocolFactory, options?: ListenTCPOptions): Deferred<IListeningPort>;
  /**
   * Connect to a TCP server. The attempt starts now (`factory.doStart()`, then
   * `factory.startedConnecting(connector)`, before this returns); once connected the
   * factory builds the protocol and its `connectionMade` runs; a failed attempt calls
   * `factory.clientConnectionFailed`, a lost connection `factory.clientConnectionLost`.
   *
   * @param host - host name or IP address.
   * @param port - port number.
   * @param factory - builds the protocol and hears about each attempt.
   * @param options - connect timeout.
   * @returns the connector.
   */
  connectTCP<P extends IProtocol>(
    host: string,
    port: number,
    factory: IClientFactory<P>,
    options?: ConnectTCPOptions,
  ): IConnector;
}
