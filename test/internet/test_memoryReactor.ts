import { SynchronousTestCase } from 'trial-ts';
import { MemoryReactor, MemoryReactorClock } from '../../src/internet/memoryReactor';
import { AccumulatingFactory, AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { ConnectError } from '../../src/internet/errors';
import { StringTransport } from '../../src/internet/stringTransport';
import { IPv4Address } from '../../src/internet/address';

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

  /** stopListening marks the recorded port stopped. */
  test_stopListening(): void {
    const reactor = new MemoryReactor();
    const port = this.successResultOf(reactor.listenTCP(0, new AccumulatingFactory()));
    this.successResultOf(port.stopListening());
    this.assertFalse(reactor.tcpServers[0]!.listeningPort.listening);
  }

  /** A test can build the recorded server's protocol and drive it. */
  test_driveRecordedServer(): void {
    const reactor = new MemoryReactor();
    reactor.listenTCP(0, new AccumulatingFactory());
    const protocol = reactor.tcpServers[0]!.factory.buildProtocol(new IPv4Address('TCP', '10.0.0.2', 4000))!;
    protocol.makeConnection(new StringTransport());
    protocol.dataReceived(new TextEncoder().encode('hi'));
    this.assertEqual((protocol as AccumulatingProtocol).text(), 'hi');
  }

  /** connectTCP is recorded and waits until the test connects the client. */
  test_connectTCP(): void {
    const reactor = new MemoryReactor();
    const d = reactor.connectTCP('example.org', 443, new AccumulatingFactory(), { timeout: 3 });
    this.assertNoResult(d);
    const record = reactor.tcpClients[0]!;
    this.assertEqual([record.host, record.port, record.timeout], ['example.org', 443, 3]);
    const protocol = record.connect();
    this.assertIdentical(this.successResultOf(d), protocol);
    this.assertTrue((protocol as AccumulatingProtocol).made);
    this.assertEqual(String((protocol as AccumulatingProtocol).transport.getPeer()), 'example.org:443');
  }

  /** fail() makes the connection attempt fail. */
  test_connectTCPFail(): void {
    const reactor = new MemoryReactor();
    const d = reactor.connectTCP('example.org', 443, new AccumulatingFactory());
    reactor.tcpClients[0]!.fail(new ConnectError('refused'));
    this.failureResultOf(d, ConnectError);
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
