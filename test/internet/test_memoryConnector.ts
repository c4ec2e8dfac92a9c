import { SynchronousTestCase } from 'trial-ts';
import { AccumulatingFactory, AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { ConnectError, ConnectionLost, ConnectionRefusedError, ConnectorStateError, IPv4Address } from '@trial-ts/runtime';
import { FakeTransport } from '../../src/internet/iosim';
import { MemoryReactor, MemoryReactorClock } from '../../src/internet/memoryReactor';
import { StringTransport } from '../../src/internet/stringTransport';
import { RecordingClientFactory } from './contracts/tcpContract';

function connectTo(host = 'example.org', port = 443) {
  const factory = new RecordingClientFactory();
  const connector = new MemoryReactor().connectTCP(host, port, factory);
  return { factory, connector };
}

export class MemoryConnectorTests extends SynchronousTestCase {
  /** succeed() connects the protocol to a StringTransport whose peer is the destination. */
  test_succeed(): void {
    const { factory, connector } = connectTo();
    const protocol = connector.succeed()!;
    this.assertIdentical(connector.protocol, protocol);
    this.assertIdentical(factory.built[0], protocol);
    this.assertTrue(protocol.made);
    this.assertIsInstance(protocol.transport, StringTransport);
    this.assertEqual(String(protocol.transport.getPeer()), 'example.org:443');
  }

  /** succeed() takes the transport to connect to. */
  test_succeedWithTransport(): void {
    const { connector } = connectTo();
    const transport = new FakeTransport(new AccumulatingProtocol(), false, new IPv4Address('TCP', 'a', 1), new IPv4Address('TCP', 'b', 2));
    this.assertIdentical(connector.succeed(transport)!.transport, transport);
  }

  /** fail() refuses by default, or fails with the reason given. */
  test_fail(): void {
    const { factory, connector } = connectTo();
    connector.fail();
    this.assertIsInstance(factory.failures[0]!.value, ConnectionRefusedError);
    this.assertSubstring('example.org:443', (factory.failures[0]!.value as Error).message);
    connector.connect();
    const reason = new Error('unreachable');
    connector.fail(reason);
    this.assertIdentical(factory.failures[1]!.value, reason);
    this.assertEqual(connector.attempts, 2);
  }

  /** lose() tells the protocol, then the factory, with the same reason, and marks the StringTransport unconnected. */
  test_lose(): void {
    const { factory, connector } = connectTo();
    const protocol = connector.succeed()!;
    const transport = protocol.transport as StringTransport;
    connector.lose(new ConnectionLost());
    this.assertTrue(protocol.closed);
    this.assertIsInstance(protocol.closedReason!.value, ConnectionLost);
    this.assertIdentical(factory.losses[0], protocol.closedReason);
    this.assertFalse(transport.connected);
    this.assertIdentical(connector.protocol, null);
  }

  /** Completing an attempt that is not in progress says what to do instead. */
  test_nothingPending(): void {
    const { connector } = connectTo();
    this.assertRaises(ConnectorStateError, () => connector.lose());
    connector.fail();
    const error = this.assertRaises(ConnectorStateError, () => connector.succeed());
    this.assertSubstring('connector.connect()', error.message);
    this.assertRaises(ConnectorStateError, () => connector.fail());
    this.assertRaises(ConnectorStateError, () => connector.lose());
  }

  /** On a MemoryReactorClock an attempt still pending after its timeout fails with ConnectError; a finished one leaves no call. */
  test_timeoutOnClock(): void {
    const reactor = new MemoryReactorClock();
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('example.org', 443, factory, { timeout: 5 });
    reactor.advance(4.9);
    this.assertEqual(connector.state, 'connecting');
    reactor.advance(0.1);
    this.assertEqual(connector.state, 'disconnected');
    const reason = factory.failures[0]!.value as Error;
    this.assertIdentical(reason.constructor, ConnectError);
    this.assertSubstring('within 5s', reason.message);
    connector.connect();
    connector.succeed();
    this.assertEqual(reactor.getDelayedCalls(), []);
    this.assertEqual(new MemoryReactor().connectTCP('h', 1, factory).timeout, 30);
  }

  /** connectTo joins the attempt to a recorded server through an IOPump; the pump reports the loss to the factory. */
  test_connectToServer(): void {
    const reactor = new MemoryReactor();
    const serverFactory = new AccumulatingFactory();
    reactor.listenTCP(6379, serverFactory, { interface: '127.0.0.1' });
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('127.0.0.1', 6379, factory);
    const pump = connector.connectTo(reactor.tcpServers[0]!)!;
    const client = factory.built[0]!;
    const server = serverFactory.protocols[0]!;
    this.assertIdentical(pump.client, client);
    client.transport.write(new TextEncoder().encode('PING'));
    pump.flush();
    this.assertEqual(server.text(), 'PING');
    this.assertRaises(ConnectorStateError, () => connector.lose());
    server.transport.loseConnection();
    pump.flush();
    this.assertTrue(client.closed);
    this.assertEqual(factory.events.slice(-2), ['lost ConnectionDone', 'stopFactory']);
    this.assertEqual(connector.state, 'disconnected');
  }

  /** connectTo a port that stopped listening is refused. */
  test_connectToStoppedServer(): void {
    const reactor = new MemoryReactor();
    const port = this.successResultOf(reactor.listenTCP(6379, new AccumulatingFactory()));
    port.stopListening();
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('127.0.0.1', 6379, factory);
    this.assertIdentical(connector.connectTo(reactor.tcpServers[0]!), null);
    this.assertIsInstance(factory.failures[0]!.value, ConnectionRefusedError);
  }
}
