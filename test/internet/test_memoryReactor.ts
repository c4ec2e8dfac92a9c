import { SynchronousTestCase } from 'trial-ts';
import { MemoryReactor, MemoryReactorClock } from '../../src/internet/memoryReactor';
import { MemoryConnector } from '../../src/internet/memoryConnector';
import { AccumulatingFactory, AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { CannotListenError, IPv4Address, IPv6Address, Factory } from '@trial-ts/runtime';
import { StringTransport } from '../../src/internet/stringTransport';
import { tcpContract } from './contracts/tcpContract';

/** MemoryReactor passes the IReactorTCP contract, with the harness playing the network. */
export class MemoryReactorTCPContractTests extends tcpContract(() => {
  const reactor = new MemoryReactor();
  const memory = (connector: unknown): MemoryConnector => connector as MemoryConnector;
  return {
    reactor,
    host: '127.0.0.1',
    listen: async (factory) => reactor.listenTCP(0, factory, { interface: '127.0.0.1' }),
    deadPort: async () => 9,
    settle: async (connector) => {
      const server = reactor.tcpServers.find((s) => s.listeningPort.listening && s.listeningPort.getHost().port === connector.getDestination().port);
      if (server === undefined) memory(connector).fail();
      else if (memory(connector).succeed() !== null) server.accept();
    },
    closed: async (connector) => {
      const transport = memory(connector).transport as StringTransport | null;
      if (transport?.disconnecting) memory(connector).lose();
    },
  };
}) {}

export class MemoryReactorTests extends SynchronousTestCase {
  /** listenTCP is recorded with its arguments and succeeds at once. */
  test_listenTCPRecorded(): void {
    const reactor = new MemoryReactor();
    const factory = new AccumulatingFactory();
    const port = this.successResultOf(reactor.listenTCP(8080, factory, { interface: '127.0.0.1', backlog: 5 }));
    this.assertEqual(reactor.tcpServers.length, 1);
    const record = reactor.tcpServers[0]!;
    this.assertIdentical(record.factory, factory);
    this.assertEqual([record.port, record.interface, record.backlog], [8080, '127.0.0.1', 5]);
    this.assertEqual(String(port.getHost()), '127.0.0.1:8080');
  }

  /** Port 0 gets a port of its own, as on a real reactor; an IPv6 interface an IPv6Address. */
  test_listenOnPortZero(): void {
    const reactor = new MemoryReactor();
    const first = this.successResultOf(reactor.listenTCP(0, new AccumulatingFactory()));
    const second = this.successResultOf(reactor.listenTCP(0, new AccumulatingFactory(), { interface: '::1' }));
    this.assertEqual(reactor.tcpServers[0]!.port, 0);
    this.assertTrue(first.getHost().port > 0);
    this.assertNotEqual(first.getHost().port, second.getHost().port);
    this.assertIsInstance(second.getHost(), IPv6Address);
  }

  /** A port listened on again fails, until it stops listening. */
  test_listenTwice(): void {
    const reactor = new MemoryReactor();
    const port = this.successResultOf(reactor.listenTCP(80, new AccumulatingFactory()));
    const error = this.failureResultOf(reactor.listenTCP(80, new AccumulatingFactory()), CannotListenError);
    this.assertSubstring('already in use', (error.value as Error).message);
    this.successResultOf(reactor.listenTCP(80, new AccumulatingFactory(), { interface: '127.0.0.1' }));
    port.stopListening();
    this.successResultOf(reactor.listenTCP(80, new AccumulatingFactory()));
  }

  /** stopListening marks the recorded port stopped and stops the factory once. */
  test_stopListening(): void {
    const reactor = new MemoryReactor();
    const factory = new AccumulatingFactory();
    const port = this.successResultOf(reactor.listenTCP(0, factory));
    this.assertEqual(factory.numPorts, 1);
    this.successResultOf(port.stopListening());
    this.successResultOf(port.stopListening());
    this.assertFalse(reactor.tcpServers[0]!.listeningPort.listening);
    this.assertEqual(factory.numPorts, 0);
  }

  /** accept() brings a client to the port: the server's protocol is built for the peer and connected. */
  test_accept(): void {
    const reactor = new MemoryReactor();
    reactor.listenTCP(8080, new AccumulatingFactory(), { interface: '127.0.0.1' });
    const peer = new IPv4Address('TCP', '10.0.0.2', 4000);
    const protocol = reactor.tcpServers[0]!.accept({ peer }) as AccumulatingProtocol;
    this.assertTrue(protocol.made);
    this.assertIdentical(protocol.transport.getPeer(), peer);
    this.assertEqual(String(protocol.transport.getHost()), '127.0.0.1:8080');
    protocol.dataReceived(new TextEncoder().encode('hi'));
    this.assertEqual(protocol.text(), 'hi');
  }

  /** A factory that refuses gets its transport closed; a stopped port accepts nobody. */
  test_acceptRefusedOrStopped(): void {
    const reactor = new MemoryReactor();
    const port = this.successResultOf(reactor.listenTCP(8080, new Factory(() => null as unknown as AccumulatingProtocol)));
    const transport = new StringTransport();
    this.assertIdentical(reactor.tcpServers[0]!.accept({ transport }), null);
    this.assertTrue(transport.disconnecting);
    port.stopListening();
    this.assertRaises(CannotListenError, () => reactor.tcpServers[0]!.accept());
  }

  /** connectTCP is recorded: the connector is the record, and its first attempt has started. */
  test_connectTCPRecorded(): void {
    const reactor = new MemoryReactor();
    const factory = new AccumulatingFactory();
    const connector = reactor.connectTCP('example.org', 443, factory, { timeout: 3 });
    this.assertIdentical(reactor.tcpClients[0], connector);
    this.assertEqual([connector.host, connector.port, connector.timeout], ['example.org', 443, 3]);
    this.assertIdentical(connector.factory, factory);
    this.assertEqual(connector.state, 'connecting');
    this.assertEqual(connector.attempts, 1);
    this.assertEqual(reactor.connectTCP('::1', 80, factory).timeout, 30);
    this.assertIsInstance(reactor.tcpClients[1]!.getDestination(), IPv6Address);
  }
}

export class MemoryReactorClockTests extends SynchronousTestCase {
  /** It is a clock too. */
  test_clock(): void {
    const reactor = new MemoryReactorClock();
    let ran = false;
    reactor.callLater(2, () => (ran = true));
    this.assertEqual(reactor.getDelayedCalls().length, 1);
    reactor.advance(1);
    this.assertFalse(ran);
    reactor.pump([1]);
    this.assertTrue(ran);
    this.assertEqual(reactor.seconds(), 2);
  }
}
