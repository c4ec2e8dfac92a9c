/**
 * `MemoryReactor` and `MemoryReactorClock`: reactors that record `listenTCP` and
 * `connectTCP` calls instead of touching the network, so a test can check what the
 * code asked for and then drive the protocols itself.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Deferred, IPv4Address, CannotListenError, tcpAddress } from '@trial-ts/runtime/internal';
import { Clock } from './clock';
import type { ConnectTCPOptions, IAddress, IClientFactory, IDelayedCall, IListeningPort, IProtocol, IProtocolFactory, IReactorTCP, IReactorTime, ITransport, ListenTCPOptions } from '@trial-ts/runtime/internal';
import { MemoryConnector } from './memoryConnector';
import { messages } from './messages';
import { StringTransport } from './stringTransport';

/** Options of {@link TCPServerRecord.accept}. */
export interface AcceptOptions {
  /** The client's address; default `192.168.1.1:54321`. */
  peer?: IAddress;
  /** The server side's transport; default a `StringTransport` between the port's address and `peer`. */
  transport?: ITransport;
}

/** A `listenTCP` call recorded by a {@link MemoryReactor}. */
export interface TCPServerRecord {
  /** The port asked for. */
  readonly port: number;
  readonly factory: IProtocolFactory;
  /** The backlog asked for, or undefined. */
  readonly backlog: number | undefined;
  /** The interface asked for; `'0.0.0.0'` when none was. */
  readonly interface: string;
  /** The port handed back (its `stopListening()` sets `listening` to false). */
  readonly listeningPort: MemoryListeningPort;
  /**
   * A client connects to this port: the factory builds the server's protocol for
   * `peer` and it is connected to `transport`.
   *
   * @param options - the client's address and the transport.
   * @returns the protocol, or null if the factory refused (the transport is then closed).
   * @throws CannotListenError if the port stopped listening.
   */
  accept(options?: AcceptOptions): IProtocol | null;
}

/** The listening port a {@link MemoryReactor} hands back. */
export class MemoryListeningPort implements IListeningPort {
  /** False after `stopListening()`. */
  listening = true;
  readonly #address: IAddress;
  readonly #onStop: () => void;

  /**
   * @param address - what `getHost()` returns.
   * @param onStop - run once, by the first `stopListening()`.
   */
  constructor(address: IAddress, onStop: () => void = () => undefined) {
    this.#address = address;
    this.#onStop = onStop;
  }

  getHost(): IAddress {
    return this.#address;
  }

  /** Set `listening` to false (the factory's `doStop` runs the first time); the Deferred has already fired. */
  stopListening(): Deferred<void> {
    if (this.listening) {
      this.listening = false;
      this.#onStop();
    }
    const d = new Deferred<void>();
    d.callback(undefined);
    return d;
  }

  toString(): string {
    return `<MemoryListeningPort ${this.#address}${this.listening ? '' : ' (stopped)'}>`;
  }
}

/**
 * A reactor that records TCP calls and lets the test play the network. `listenTCP`
 * succeeds at once with a {@link MemoryListeningPort} (or fails with
 * `CannotListenError` when this reactor already listens on that interface and port),
 * and the test makes clients arrive with the record's `accept()`. `connectTCP` returns a
 * {@link MemoryConnector} whose attempts wait for the test to `succeed()` or `fail()`
 * them.
 *
 * @example
 * ```ts
 * const reactor = new MemoryReactor();
 * startServer(reactor);                      // the code under test calls listenTCP(8080, ...)
 * const [server] = reactor.tcpServers;
 * this.assertEqual(server.port, 8080);
 * const protocol = server.accept();          // a client arrives
 * protocol!.dataReceived(new TextEncoder().encode('PING\r\n'));
 * ```
 */
export class MemoryReactor implements IReactorTCP {
  /** Every `listenTCP` call that succeeded, in order. */
  readonly tcpServers: TCPServerRecord[] = [];
  /** Every `connectTCP` call, in order: its connector, which is also its record. */
  readonly tcpClients: MemoryConnector[] = [];
  #nextPort = 40000;

  /**
   * Record the call; the port's address is the interface and port asked for, and for
   * port 0 the next of 40000, 40001, ... (as a real reactor picks a free port).
   */
  listenTCP(port: number, factory: IProtocolFactory, options: ListenTCPOptions = {}): Deferred<IListeningPort> {
    const iface = options.interface ?? '0.0.0.0';
    const address = tcpAddress(iface, port === 0 ? this.#nextPort++ : port);
    const d = new Deferred<IListeningPort>();
    const taken = this.tcpServers.some(
      (s) => s.listeningPort.listening && s.listeningPort.getHost().port === address.port && s.interface === iface,
    );
    if (taken) {
      d.errback(new CannotListenError(messages.cannotListen(String(address), 'address already in use (on this MemoryReactor)')));
      return d;
    }
    const listeningPort = new MemoryListeningPort(address, () => factory.doStop?.());
    factory.doStart?.();
    this.tcpServers.push({
      port,
      factory,
      backlog: options.backlog,
      interface: iface,
      listeningPort,
      accept: (acceptOptions) => acceptOn(listeningPort, factory, acceptOptions),
    });
    d.callback(listeningPort);
    return d;
  }

  /** Record the call and start the connector's first attempt; the test ends it. */
  connectTCP<P extends IProtocol>(
    host: string,
    port: number,
    factory: IClientFactory<P>,
    options: ConnectTCPOptions = {},
  ): MemoryConnector<P> {
    const connector = new MemoryConnector(host, port, factory, options.timeout ?? 30, this.connectClock());
    this.tcpClients.push(connector as unknown as MemoryConnector);
    connector.connect();
    return connector;
  }

  /** The clock connect timeouts run on: none here, so only the test ends attempts. */
  protected connectClock(): IReactorTime | null {
    return null;
  }
}

/** An incoming connection on a memory port. */
function acceptOn(port: MemoryListeningPort, factory: IProtocolFactory, options: AcceptOptions = {}): IProtocol | null {
  const where = String(port.getHost());
  if (!port.listening) throw new CannotListenError(messages.cannotListen(where, 'the port stopped listening, so no client can connect'));
  const peer = options.peer ?? new IPv4Address('TCP', '192.168.1.1', 54321);
  const transport = options.transport ?? new StringTransport({ hostAddress: port.getHost(), peerAddress: peer });
  const protocol = factory.buildProtocol(peer);
  if (protocol === null) {
    transport.loseConnection();
    return null;
  }
  protocol.makeConnection(transport);
  return protocol;
}

/**
 * A {@link MemoryReactor} that is also a {@link Clock}: for code that takes one
 * reactor for both TCP and time. Connection attempts time out on it, as on a real
 * reactor: one still pending after its `timeout` seconds fails with `ConnectError`.
 *
 * @example
 * ```ts
 * const reactor = new MemoryReactorClock();
 * const factory = new ReconnectingClientFactory(reactor, () => new LineClient());
 * const connector = reactor.connectTCP('db', 5432, factory);
 * connector.fail();                 // refused: a retry is scheduled on the clock
 * reactor.advance(factory.delay);   // the retry starts a second attempt
 * this.assertEqual(connector.attempts, 2);
 * ```
 */
export class MemoryReactorClock extends MemoryReactor implements IReactorTime {
  readonly #clock = new Clock();

  /** Its own clock: an attempt still pending after its `timeout` fails with `ConnectError` when the clock gets there. */
  protected override connectClock(): IReactorTime {
    return this;
  }

  seconds(): number {
    return this.#clock.seconds();
  }

  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): IDelayedCall {
    return this.#clock.callLater(delay, fn, ...args);
  }

  getDelayedCalls(): readonly IDelayedCall[] {
    return this.#clock.getDelayedCalls();
  }

  /** {@inheritDoc Clock.advance} */
  advance(amount: number): void {
    this.#clock.advance(amount);
  }

  /** {@inheritDoc Clock.pump} */
  pump(timings: Iterable<number>): void {
    this.#clock.pump(timings);
  }
}
