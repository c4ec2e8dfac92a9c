/**
 * `MemoryReactor` and `MemoryReactorClock`: reactors that record `listenTCP` and
 * `connectTCP` calls instead of touching the network, so a test can check what the
 * code asked for and then drive the protocols itself.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Deferred } from '../defer/deferred';
import { IPv4Address } from './address';
import { Clock } from './clock';
import type {
  ConnectTCPOptions,
  IAddress,
  IDelayedCall,
  IListeningPort,
  IProtocol,
  IProtocolFactory,
  IReactorTCP,
  IReactorTime,
  ITransport,
  ListenTCPOptions,
} from './interfaces';
import { StringTransport } from './stringTransport';

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
}

/**
 * A `connectTCP` call recorded by a {@link MemoryReactor}. The returned Deferred stays
 * pending until the test calls `connect()` or `fail()`.
 */
export interface TCPClientRecord<P extends IProtocol = IProtocol> {
  readonly host: string;
  readonly port: number;
  readonly factory: IProtocolFactory<P>;
  /** The connect timeout asked for, in seconds (default 30). */
  readonly timeout: number;
  /** What `connectTCP` returned. */
  readonly deferred: Deferred<P>;
  /**
   * Complete the connection: build the protocol, connect it to `transport`, and fire
   * the Deferred with it.
   *
   * @param transport - default a new `StringTransport` whose peer is the server's address.
   * @returns the connected protocol.
   */
  connect(transport?: ITransport): P;
  /**
   * Fail the connection attempt.
   *
   * @param reason - the error for the Deferred.
   */
  fail(reason: Error): void;
}

/** The listening port a {@link MemoryReactor} hands back. */
export class MemoryListeningPort implements IListeningPort {
  /** False after `stopListening()`. */
  listening = true;
  readonly #address: IAddress;

  /** @param address - what `getHost()` returns. */
  constructor(address: IAddress) {
    this.#address = address;
  }

  getHost(): IAddress {
    return this.#address;
  }

  /** Set `listening` to false; the Deferred has already fired. */
  stopListening(): Deferred<void> {
    this.listening = false;
    const d = new Deferred<void>();
    d.callback(undefined);
    return d;
  }

  toString(): string {
    return `<MemoryListeningPort ${this.#address}${this.listening ? '' : ' (stopped)'}>`;
  }
}

/**
 * A reactor that records TCP calls. `listenTCP` succeeds at once with a
 * {@link MemoryListeningPort}; `connectTCP` returns a Deferred that waits for the test
 * to `connect()` or `fail()` the recorded client.
 *
 * @example
 * ```ts
 * const reactor = new MemoryReactor();
 * startServer(reactor);                      // the code under test calls listenTCP(8080, ...)
 * const [server] = reactor.tcpServers;
 * this.assertEqual(server.port, 8080);
 * const protocol = server.factory.buildProtocol(new IPv4Address('TCP', '127.0.0.1', 5000));
 * protocol!.makeConnection(new StringTransport());
 * ```
 */
export class MemoryReactor implements IReactorTCP {
  /** Every `listenTCP` call, in order. */
  readonly tcpServers: TCPServerRecord[] = [];
  /** Every `connectTCP` call, in order. */
  readonly tcpClients: TCPClientRecord[] = [];

  /** Record the call; the port's address is the interface and port asked for. */
  listenTCP(port: number, factory: IProtocolFactory, options: ListenTCPOptions = {}): Deferred<IListeningPort> {
    const iface = options.interface ?? '0.0.0.0';
    const listeningPort = new MemoryListeningPort(new IPv4Address('TCP', iface, port));
    this.tcpServers.push({ port, factory, backlog: options.backlog, interface: iface, listeningPort });
    const d = new Deferred<IListeningPort>();
    d.callback(listeningPort);
    return d;
  }

  /** Record the call; the Deferred fires when the test calls the record's `connect()`. */
  connectTCP<P extends IProtocol>(
    host: string,
    port: number,
    factory: IProtocolFactory<P>,
    options: ConnectTCPOptions = {},
  ): Deferred<P> {
    const deferred = new Deferred<P>();
    const peer = new IPv4Address('TCP', host, port);
    const record: TCPClientRecord<P> = {
      host,
      port,
      factory,
      timeout: options.timeout ?? 30,
      deferred,
      connect: (transport = new StringTransport({ peerAddress: peer })) => {
        const protocol = factory.buildProtocol(peer);
        if (protocol === null) throw new TypeError(`The factory for ${peer} returned null from buildProtocol().`);
        protocol.makeConnection(transport);
        deferred.callback(protocol);
        return protocol;
      },
      fail: (reason) => deferred.errback(reason),
    };
    this.tcpClients.push(record as unknown as TCPClientRecord);
    return deferred;
  }
}

/**
 * A {@link MemoryReactor} that is also a {@link Clock}: for code that takes one
 * reactor for both TCP and time.
 *
 * @example
 * ```ts
 * const reactor = new MemoryReactorClock();
 * const client = new ReconnectingClient(reactor); // connectTCP, then callLater to retry
 * reactor.tcpClients[0]!.fail(new ConnectError('refused'));
 * reactor.advance(5);
 * this.assertEqual(reactor.tcpClients.length, 2);
 * ```
 */
export class MemoryReactorClock extends MemoryReactor implements IReactorTime {
  readonly #clock = new Clock();

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
