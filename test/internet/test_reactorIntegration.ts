/** The real reactor: real timers and real TCP on 127.0.0.1. Everything is closed in cleanups. */
import * as net from 'node:net';
import { TestCase } from 'trial-ts';
import { Deferred, CancelledError, ClientCreator, CannotListenError, ConnectError, ConnectionDone, ConnectionLost, ConnectionRefusedError, Reactor, reactor } from '@trial-ts/runtime';
import { AccumulatingFactory, AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { describeHandle } from '@trial-ts/runtime/internal';
import type { IListeningPort } from '@trial-ts/runtime';
import type { TCPPort } from '@trial-ts/runtime/internal';
import { until } from './contracts/realLoop';
import { reactorTimeContract } from './contracts/reactorTimeContract';
import { transportContract } from './contracts/transportContract';
import { RecordingClientFactory } from './contracts/tcpContract';

/** The real reactor passes the IReactorTime contract. */
export class ReactorTimeTests extends reactorTimeContract(() => ({
  reactor: new Reactor(),
  pass: (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000 + 5)),
})) {}

/** The real socket transport passes the ITransport contract; its bytes are read on the server's end. */
export class SocketTransportContractTests extends transportContract(async (test) => {
  const serverFactory = new AccumulatingFactory();
  const port = await reactor.listenTCP(0, serverFactory, { interface: '127.0.0.1' });
  test.addCleanup(() => port.stopListening());
  const serverMade = new Deferred<AccumulatingProtocol>();
  serverFactory.protocolConnectionMade = serverMade;
  const client = await new ClientCreator(reactor, AccumulatingProtocol).connectTCP('127.0.0.1', port.getHost().port);
  const server = await serverMade;
  test.addCleanup(() => closeBoth(client, server));
  return {
    transport: client.transport,
    written: async (expected: string) => {
      await until(() => server.text().length >= expected.length, `${JSON.stringify(expected)} to arrive`);
      return server.text();
    },
  };
}) {}

export class ReactorTCPTests extends TestCase {
  serverFactory!: AccumulatingFactory;
  port!: IListeningPort;

  override async setUp(): Promise<void> {
    this.serverFactory = new AccumulatingFactory();
    this.port = await reactor.listenTCP(0, this.serverFactory, { interface: '127.0.0.1' });
    this.addCleanup(() => this.port.stopListening());
  }

  async connect(): Promise<{ client: AccumulatingProtocol; server: AccumulatingProtocol }> {
    const serverMade = new Deferred<AccumulatingProtocol>();
    this.serverFactory.protocolConnectionMade = serverMade;
    const client = await new ClientCreator(reactor, AccumulatingProtocol).connectTCP('127.0.0.1', this.port.getHost().port);
    const server = await serverMade;
    this.addCleanup(() => closeBoth(client, server));
    return { client, server };
  }

  /** Bytes written on one side arrive on the other. */
  async test_roundTrip(): Promise<void> {
    const { client, server } = await this.connect();
    client.transport.write(new TextEncoder().encode('hello'));
    await until(() => server.text() === 'hello');
    this.assertEqual(server.text(), 'hello');
    this.assertEqual(client.transport.getPeer().port, this.port.getHost().port);
    this.assertEqual(server.transport.getPeer().port, client.transport.getHost().port);
  }

  /** loseConnection closes both sides cleanly. */
  async test_loseConnection(): Promise<void> {
    const { client, server } = await this.connect();
    client.transport.loseConnection();
    await until(() => client.closed && server.closed);
    this.assertIsInstance(client.closedReason!.value, ConnectionDone);
    this.assertIsInstance(server.closedReason!.value, ConnectionDone);
  }

  /** Bytes written before loseConnection() arrive; bytes written after it are dropped. */
  async test_writeAfterLoseConnection(): Promise<void> {
    const { client, server } = await this.connect();
    client.transport.write(new TextEncoder().encode('before'));
    client.transport.loseConnection();
    client.transport.write(new TextEncoder().encode('after'));
    await until(() => server.closed, 'the server to see the close');
    this.assertEqual(server.text(), 'before');
  }

  /** abortConnection reports ConnectionLost. */
  async test_abortConnection(): Promise<void> {
    const { client, server } = await this.connect();
    client.transport.abortConnection();
    await until(() => client.closed && server.closed);
    this.assertIsInstance(client.closedReason!.value, ConnectionLost);
    this.assertIsInstance(server.closedReason!.value, ConnectionLost);
  }

  /** The port and sockets describe themselves for the leak checker. */
  async test_descriptions(): Promise<void> {
    const { client } = await this.connect();
    const address = String(this.port.getHost());
    this.assertSubstring(`a TCP server on ${address} (AccumulatingFactory)`, describeHandle((this.port as TCPPort).server)!);
    const socket = (client.transport as unknown as { socket: net.Socket }).socket;
    this.assertSubstring(`-> ${address} (AccumulatingProtocol)`, describeHandle(socket)!);
    this.assertSubstring(address, String(this.port));
  }

  /** Listening on a port in use fails with CannotListenError. */
  async test_cannotListen(): Promise<void> {
    const d = reactor.listenTCP(this.port.getHost().port, new AccumulatingFactory(), { interface: '127.0.0.1' });
    await this.assertRejects(CannotListenError, d);
  }

  /** Connecting where nothing listens fails with ConnectionRefusedError, a ConnectError. */
  async test_connectRefused(): Promise<void> {
    const port = this.port.getHost().port;
    await this.port.stopListening();
    const d = new ClientCreator(reactor, AccumulatingProtocol).connectTCP('127.0.0.1', port);
    const error = await this.assertRejects(ConnectionRefusedError, d);
    this.assertIsInstance(error, ConnectError);
    this.assertSubstring(`127.0.0.1:${port}`, error.message);
  }

  /**
   * Cancelling a connection attempt fails it with CancelledError, and stopping one whose
   * handshake is under way abandons it: no client protocol is built, and the server
   * keeps no connection from either.
   */
  async test_cancelConnect(): Promise<void> {
    const port = this.port.getHost().port;
    const d = new ClientCreator(reactor, AccumulatingProtocol).connectTCP('127.0.0.1', port);
    d.cancel();
    this.failureResultOf(d, CancelledError);
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('127.0.0.1', port, factory);
    // Node issues the connect() call on the next tick; after it the handshake is under way.
    await new Promise((resolve) => process.nextTick(resolve));
    connector.stopConnecting();
    // A probe connection, accepted after any abandoned one, marks when the server has seen them all.
    const probe = await new ClientCreator(reactor, AccumulatingProtocol).connectTCP('127.0.0.1', port);
    const probePort = probe.transport.getHost().port;
    const isProbe = (p: AccumulatingProtocol): boolean => p.transport.getPeer().port === probePort;
    await until(() => this.serverFactory.protocols.some(isProbe), 'the probe to be accepted');
    this.addCleanup(() => closeBoth(probe, this.serverFactory.protocols.find(isProbe)!));
    const abandoned = this.serverFactory.protocols.filter((p) => !isProbe(p));
    await until(() => abandoned.every((p) => p.closed), 'the abandoned connections to close');
    this.assertEqual(factory.built, []);
    this.assertEqual(factory.events, ['startFactory', 'startedConnecting', 'failed UserError', 'stopFactory']);
  }

  /** stopListening is idempotent, and once it fired the port refuses new connections. */
  async test_stopListeningStopsNewConnections(): Promise<void> {
    const first = this.port.stopListening();
    this.assertIdentical(this.port.stopListening(), first);
    await first;
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('127.0.0.1', this.port.getHost().port, factory);
    this.addCleanup(() => connector.disconnect());
    await until(() => connector.state !== 'connecting', 'the attempt to end');
    this.assertEqual(factory.built, []);
    this.assertIsInstance(factory.failures[0]?.value, ConnectionRefusedError);
    this.assertEqual(this.serverFactory.protocols, []);
  }

  /** wrapSocket drives a protocol with an existing net.Socket. */
  async test_wrapSocket(): Promise<void> {
    const serverMade = new Deferred<AccumulatingProtocol>();
    this.serverFactory.protocolConnectionMade = serverMade;
    const socket = net.connect(this.port.getHost().port, '127.0.0.1');
    const client = new AccumulatingProtocol();
    reactor.wrapSocket(socket, client);
    const server = await serverMade;
    this.addCleanup(() => closeBoth(client, server));
    await until(() => client.made);
    server.transport.write(new TextEncoder().encode('hi'));
    await until(() => client.text() === 'hi');
    this.assertEqual(client.text(), 'hi');
  }
}

/** Close both ends and wait until both protocols saw it. */
async function closeBoth(client: AccumulatingProtocol, server: AccumulatingProtocol): Promise<void> {
  if (!client.closed) client.transport.loseConnection();
  if (!server.closed) server.transport.loseConnection();
  await until(() => client.closed && server.closed);
}
