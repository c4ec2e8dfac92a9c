/** The real reactor's connectors, over loopback TCP: the TCP contract and what only real sockets do. */
import { SkipTest, TestCase } from 'trial-ts';
import type { IListeningPort } from '@trial-ts/runtime';
import { IPv6Address, reactor } from '@trial-ts/runtime';
import { AccumulatingFactory } from '../../src/internet/accumulatingProtocol';
import { loopbackHarness, until } from './contracts/realLoop';
import { RecordingClientFactory, tcpContract } from './contracts/tcpContract';

/** The real reactor passes the IReactorTCP contract. */
export class ReactorTCPContractTests extends tcpContract(loopbackHarness) {}

export class TCPConnectorTests extends TestCase {
  /** A lost connection is reported to the factory, and connect() from there reconnects to the same server. */
  async test_reconnectAfterLoss(): Promise<void> {
    const server = new AccumulatingFactory();
    const port = await loopbackHarness(this).listen(server);
    const factory = new RecordingClientFactory();
    factory.onEnd = (connector) => {
      if (factory.losses.length === 1) connector.connect();
    };
    const connector = reactor.connectTCP('127.0.0.1', port.getHost().port, factory);
    this.addCleanup(async () => {
      connector.disconnect();
      await until(() => connector.state === 'disconnected', 'the client to close');
    });
    await until(() => server.protocols.length === 1, 'the first connection');
    server.protocols[0]!.transport.loseConnection();
    await until(() => server.protocols.length === 2 && connector.state === 'connected', 'the second connection');
    this.assertEqual(factory.built.length, 2);
    this.assertEqual(factory.losses.length, 1);
    this.assertEqual(factory.numPorts, 1);
  }

  /** Over IPv6 loopback, the destination and both transport addresses are IPv6Addresses. */
  async test_ipv6Addresses(): Promise<void> {
    const server = new AccumulatingFactory();
    let port: IListeningPort;
    try {
      port = await reactor.listenTCP(0, server, { interface: '::1' });
    } catch (error) {
      throw new SkipTest(`no IPv6 loopback here: ${(error as Error).message}`);
    }
    this.addCleanup(() => until(() => server.protocols.every((p) => p.closed), 'the server side to close'));
    this.addCleanup(() => port.stopListening());
    this.assertIsInstance(port.getHost(), IPv6Address);
    const factory = new RecordingClientFactory();
    const connector = reactor.connectTCP('::1', port.getHost().port, factory);
    this.assertIsInstance(connector.getDestination(), IPv6Address);
    await until(() => connector.state === 'connected', 'the IPv6 connection');
    this.addCleanup(async () => {
      connector.disconnect();
      await until(() => connector.state === 'disconnected', 'the client to close');
    });
    const transport = factory.built[0]!.transport;
    this.assertIsInstance(transport.getPeer(), IPv6Address);
    this.assertIsInstance(transport.getHost(), IPv6Address);
    this.assertEqual(String(transport.getPeer()), `[::1]:${port.getHost().port}`);
  }
}
