/**
 * `MemoryConnector`: the connector a `MemoryReactor` hands out. Each attempt waits for
 * the test to say how it ends: `succeed()`, `fail(reason)`, and later `lose(reason)`.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Failure, IPv4Address, ConnectError, ConnectionDone, ConnectionRefusedError, ConnectorStateError, tcpAddress, BaseConnector } from '@trial-ts/runtime/internal';
import type { IClientFactory, IDelayedCall, IProtocol, IReactorTime, ITransport } from '@trial-ts/runtime/internal';
import { connect, FakeTransport } from './iosim';
import type { ConnectOptions, IOPump } from './iosim';
import type { TCPServerRecord } from './memoryReactor';
import { messages } from './messages';
import { StringTransport } from './stringTransport';

/**
 * A connector whose attempts the test completes. It is also the record of the
 * `connectTCP` call (`host`, `port`, `factory`, `timeout`), found in the reactor's
 * `tcpClients`. Between attempts (after a failure or a loss) it waits, disconnected,
 * until something calls `connect()` again — typically a `ReconnectingClientFactory`
 * when the test advances the clock.
 *
 * The protocol's own `transport.loseConnection()` on the default `StringTransport`
 * only records the wish (`disconnecting`); the test decides when the connection is
 * gone with `lose()`.
 *
 * @typeParam P - the protocol the factory builds.
 * @example
 * ```ts
 * const reactor = new MemoryReactorClock();
 * const connector = reactor.connectTCP('db.internal', 5432, factory) as MemoryConnector;
 * connector.fail();                   // refused: factory.clientConnectionFailed
 * connector.connect();                // a second attempt
 * const protocol = connector.succeed(); // built and connected to a StringTransport
 * connector.lose();                   // protocol.connectionLost, then factory.clientConnectionLost
 * ```
 */
export class MemoryConnector<P extends IProtocol = IProtocol> extends BaseConnector<P> {
  /** The host asked for. */
  readonly host: string;
  /** The port asked for. */
  readonly port: number;
  /**
   * The connect timeout asked for, in seconds (default 30). With a clock (a
   * `MemoryReactorClock`'s connectors have one), an attempt still pending that long
   * fails with `ConnectError`; without one, only the test ends attempts.
   */
  readonly timeout: number;
  readonly #clock: IReactorTime | null;
  #attempts = 0;
  #protocol: P | null = null;
  #timeoutCall: IDelayedCall | null = null;
  #pumped = false;

  /**
   * @param host - the host asked for.
   * @param port - the port asked for.
   * @param factory - the factory.
   * @param timeout - the timeout asked for.
   * @param clock - where attempts time out; null for never.
   */
  constructor(host: string, port: number, factory: IClientFactory<P>, timeout: number, clock: IReactorTime | null = null) {
    super(factory, tcpAddress(host, port));
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.#clock = clock;
  }

  /** How many attempts have started (the first is made by `connectTCP`). */
  get attempts(): number {
    return this.#attempts;
  }

  /** The protocol of the current connection; null unless connected. */
  get protocol(): P | null {
    return this.#protocol;
  }

  /**
   * The attempt in progress connects: the factory builds the protocol and it is
   * connected to `transport`.
   *
   * @param transport - default a `StringTransport` whose peer is the destination.
   * @returns the connected protocol, or null if the factory refused (then the attempt failed).
   * @throws ConnectorStateError if no attempt is in progress.
   */
  succeed(transport: ITransport = new StringTransport({ peerAddress: this.getDestination() })): P | null {
    this.#expect('connecting', 'succeed()');
    this.#cancelTimeout();
    this.#protocol = this.attemptSucceeded(this.getDestination(), (protocol) => {
      protocol.makeConnection(transport);
      return transport;
    });
    return this.#protocol;
  }

  /**
   * The attempt in progress reaches `server`, a port recorded by a `MemoryReactor`: both
   * factories build their protocols, joined in memory by an `IOPump` (greetings are
   * exchanged unless `greet: false`). The loss is then the pump's to report: close
   * through a transport and `pump.flush()`, and the factory hears `clientConnectionLost`.
   * A port that stopped listening, or a server factory that refuses, fails the attempt
   * with `ConnectionRefusedError`.
   *
   * @param server - the recorded server (`reactor.tcpServers[i]`).
   * @param options - greet, clock.
   * @returns the pump, or null if the attempt failed.
   * @throws ConnectorStateError if no attempt is in progress.
   */
  connectTo(server: TCPServerRecord, options: ConnectOptions = {}): IOPump | null {
    this.#expect('connecting', 'connectTo()');
    const serverAddress = server.listeningPort.getHost();
    const clientAddress = new IPv4Address('TCP', '127.0.0.1', 50000 + this.#attempts);
    const serverProtocol = server.listeningPort.listening ? server.factory.buildProtocol(clientAddress) : null;
    if (serverProtocol === null) {
      this.fail(new ConnectionRefusedError(messages.memoryServerRefused(String(serverAddress))));
      return null;
    }
    this.#cancelTimeout();
    let pump: IOPump | null = null;
    this.#protocol = this.attemptSucceeded(serverAddress, (protocol) => {
      const clientIO = new FakeTransport(protocol, false, clientAddress, serverAddress, (reason) => {
        this.#protocol = null;
        this.#pumped = false;
        this.connectionLost(reason);
      });
      pump = connect(serverProtocol, new FakeTransport(serverProtocol, true, serverAddress, clientAddress), protocol, clientIO, {
        ...options,
        greet: false,
      });
      return clientIO;
    });
    if (pump === null) return null;
    this.#pumped = true;
    if (options.greet ?? true) (pump as IOPump).flush();
    return pump;
  }

  /**
   * The attempt in progress fails: the factory's `clientConnectionFailed` gets `reason`.
   *
   * @param reason - default a `ConnectionRefusedError`.
   * @throws ConnectorStateError if no attempt is in progress.
   */
  fail(reason: Error = new ConnectionRefusedError(messages.memoryRefused(String(this.getDestination())))): void {
    this.#expect('connecting', 'fail()');
    this.#cancelTimeout();
    this.attemptFailed(reason);
  }

  /**
   * The connection that succeeded is gone: the protocol's `connectionLost`, then the
   * factory's `clientConnectionLost`, get `reason`. A `StringTransport`'s `connected`
   * becomes false.
   *
   * @param reason - default `ConnectionDone` (a clean close); `ConnectionLost` for a drop.
   * @throws ConnectorStateError unless connected.
   */
  lose(reason: Error = new ConnectionDone()): void {
    if (this.state !== 'connected') throw new ConnectorStateError(messages.notConnectedToLose(String(this.getDestination()), this.state));
    if (this.#pumped) throw new ConnectorStateError(messages.pumpedLose(String(this.getDestination())));
    const protocol = this.#protocol!;
    const transport = this.transport;
    if (transport instanceof StringTransport) transport.connected = false;
    this.#protocol = null;
    const failure = new Failure(reason);
    protocol.connectionLost(failure);
    this.connectionLost(failure);
  }

  protected startAttempt(): void {
    this.#attempts++;
    const where = String(this.getDestination());
    this.#timeoutCall =
      this.#clock?.callLater(this.timeout, () => {
        this.#timeoutCall = null;
        this.fail(new ConnectError(messages.connectTimedOut(where, this.timeout)));
      }) ?? null;
  }

  protected abandonAttempt(): void {
    this.#cancelTimeout();
  }

  #cancelTimeout(): void {
    if (this.#timeoutCall?.active()) this.#timeoutCall.cancel();
    this.#timeoutCall = null;
  }

  #expect(state: 'connecting', action: string): void {
    if (this.state !== state) throw new ConnectorStateError(messages.nothingPending(String(this.getDestination()), action, this.state));
  }
}
