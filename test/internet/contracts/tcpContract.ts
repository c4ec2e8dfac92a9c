/**
 * The IReactorTCP contract: connectors, client-factory callbacks and factory start/stop,
 * asserted the same way on a `MemoryReactor` (the harness plays the network) and the
 * real `reactor` (loopback TCP).
 */
import { TestCase } from 'trial-ts';
import type { Failure, IConnector, IListeningPort, IReactorTCP } from '@trial-ts/runtime';
import { AccumulatingFactory, AccumulatingProtocol } from '../../../src/internet/accumulatingProtocol';
import { CannotListenError, ConnectError, ConnectionDone, ConnectionRefusedError, ConnectorStateError, NotConnectingError, UserError, ClientFactory } from '@trial-ts/runtime';

/** A client factory that records every callback, in order, and counts start/stop. */
export class RecordingClientFactory extends ClientFactory<AccumulatingProtocol> {
  events: string[] = [];
  failures: Failure[] = [];
  losses: Failure[] = [];
  connectors: IConnector[] = [];
  built: AccumulatingProtocol[] = [];
  /** Called from clientConnectionFailed/Lost before recording ends, to reconnect for example. */
  onEnd: ((connector: IConnector) => void) | null = null;

  constructor() {
    super(() => new AccumulatingProtocol());
  }

  override buildProtocol(addr: Parameters<ClientFactory['buildProtocol']>[0]): AccumulatingProtocol | null {
    this.events.push(`build ${addr.port}`);
    const protocol = super.buildProtocol(addr);
    if (protocol !== null) this.built.push(protocol);
    return protocol;
  }

  override startFactory(): void {
    this.events.push('startFactory');
  }

  override stopFactory(): void {
    this.events.push('stopFactory');
  }

  override startedConnecting(connector: IConnector): void {
    this.events.push('startedConnecting');
    this.connectors.push(connector);
  }

  override clientConnectionFailed(connector: IConnector, reason: Failure): void {
    this.events.push(`failed ${(reason.value as Error).name}`);
    this.failures.push(reason);
    this.onEnd?.(connector);
  }

  override clientConnectionLost(connector: IConnector, reason: Failure): void {
    this.events.push(`lost ${(reason.value as Error).name}`);
    this.losses.push(reason);
    this.onEnd?.(connector);
  }
}

/** What the contract needs from one kind of reactor. */
export interface TCPHarness {
  reactor: IReactorTCP;
  /** The host to listen on and connect to. */
  host: string;
  /** Listen on a free port (closed in a cleanup). */
  listen(factory: AccumulatingFactory): Promise<IListeningPort>;
  /** A port where nothing listens. */
  deadPort(): Promise<number>;
  /** Let the connector's attempt end the way the network decides (connected or refused). */
  settle(connector: IConnector): Promise<void>;
  /** Let a connection the client closed be reported closed. */
  closed(connector: IConnector): Promise<void>;
}

/**
 * Build the contract suite for one kind of reactor.
 *
 * @param makeHarness - called in setUp; returns a fresh harness.
 * @returns an abstract TestCase class to extend in a test file.
 */
export function tcpContract(makeHarness: (test: TestCase) => TCPHarness) {
  abstract class TCPContract extends TestCase {
    harness!: TCPHarness;
    serverFactory!: AccumulatingFactory;
    port!: IListeningPort;

    override async setUp(): Promise<void> {
      this.harness = makeHarness(this);
      this.serverFactory = new AccumulatingFactory();
      this.port = await this.harness.listen(this.serverFactory);
    }

    /** Connect to the listening port, disconnecting in a cleanup. */
    connect(factory: RecordingClientFactory, port = this.port.getHost().port): IConnector {
      const connector = this.harness.reactor.connectTCP(this.harness.host, port, factory);
      this.addCleanup(async () => {
        if (connector.state === 'connected') {
          connector.disconnect();
          await this.harness.closed(connector);
        }
      });
      return connector;
    }

    /** connectTCP starts the factory, calls startedConnecting with the connector before returning, and knows its destination. */
    test_connectTCPStartsConnecting(): void {
      const factory = new RecordingClientFactory();
      const connector = this.connect(factory);
      this.assertEqual(factory.events, ['startFactory', 'startedConnecting']);
      this.assertIdentical(factory.connectors[0], connector);
      this.assertEqual(connector.state, 'connecting');
      this.assertEqual(factory.numPorts, 1);
      this.assertEqual(connector.getDestination().port, this.port.getHost().port);
      this.assertEqual(connector.getDestination().host, this.harness.host);
      connector.stopConnecting();
    }

    /** A successful attempt builds the protocol with the server's address and makes the connection. */
    async test_connectSucceeds(): Promise<void> {
      const factory = new RecordingClientFactory();
      const connector = this.connect(factory);
      await this.harness.settle(connector);
      this.assertEqual(connector.state, 'connected');
      this.assertEqual(factory.events, ['startFactory', 'startedConnecting', `build ${this.port.getHost().port}`]);
      this.assertTrue(factory.built[0]!.made);
      this.assertEqual(factory.built[0]!.transport.getPeer().port, this.port.getHost().port);
    }

    /** An attempt where nothing listens fails with ConnectionRefusedError, and the factory stops. */
    async test_connectRefused(): Promise<void> {
      const factory = new RecordingClientFactory();
      const connector = this.connect(factory, await this.harness.deadPort());
      await this.harness.settle(connector);
      this.assertEqual(factory.events, ['startFactory', 'startedConnecting', 'failed ConnectionRefusedError', 'stopFactory']);
      this.assertIsInstance(factory.failures[0]!.value, ConnectionRefusedError);
      this.assertIsInstance(factory.failures[0]!.value, ConnectError);
      this.assertEqual(connector.state, 'disconnected');
      this.assertEqual(factory.numPorts, 0);
    }

    /** stopConnecting abandons the attempt with UserError; it and connect() refuse the wrong state. */
    test_stopConnecting(): void {
      const factory = new RecordingClientFactory();
      const connector = this.connect(factory);
      this.assertRaises(ConnectorStateError, () => connector.connect());
      connector.stopConnecting();
      this.assertEqual(factory.events, ['startFactory', 'startedConnecting', 'failed UserError', 'stopFactory']);
      this.assertIsInstance(factory.failures[0]!.value, UserError);
      this.assertRaises(NotConnectingError, () => connector.stopConnecting());
      connector.disconnect(); // nothing to do: no error
      this.assertEqual(factory.built, []);
    }

    /** connect() from clientConnectionFailed tries again, and the factory starts and stops once for the whole run. */
    async test_connectAgainAfterFailure(): Promise<void> {
      const factory = new RecordingClientFactory();
      factory.onEnd = (connector) => {
        if (factory.failures.length < 2) connector.connect();
      };
      const connector = this.connect(factory, await this.harness.deadPort());
      await this.harness.settle(connector);
      await this.harness.settle(connector);
      this.assertEqual(factory.events, [
        'startFactory',
        'startedConnecting',
        'failed ConnectionRefusedError',
        'startedConnecting',
        'failed ConnectionRefusedError',
        'stopFactory',
      ]);
    }

    /** disconnect() while connected closes the connection: the protocol learns first, then the factory. */
    async test_disconnectWhileConnected(): Promise<void> {
      const factory = new RecordingClientFactory();
      const connector = this.connect(factory);
      await this.harness.settle(connector);
      const protocol = factory.built[0]!;
      connector.disconnect();
      await this.harness.closed(connector);
      this.assertTrue(protocol.closed);
      this.assertIsInstance(protocol.closedReason!.value, ConnectionDone);
      this.assertIdentical(factory.losses[0], protocol.closedReason);
      this.assertEqual(factory.events.slice(-2), ['lost ConnectionDone', 'stopFactory']);
      this.assertEqual(connector.state, 'disconnected');
    }

    /** A listening port starts its factory; stopListening stops it. */
    async test_listenStartsFactory(): Promise<void> {
      this.assertEqual(this.serverFactory.numPorts, 1);
      await this.port.stopListening();
      this.assertEqual(this.serverFactory.numPorts, 0);
    }

    /** Listening on a port already listened on fails with CannotListenError. */
    async test_listenOnTakenPort(): Promise<void> {
      const d = this.harness.reactor.listenTCP(this.port.getHost().port, new AccumulatingFactory(), { interface: this.harness.host });
      await this.assertRejects(CannotListenError, d);
    }
  }
  return TCPContract;
}
