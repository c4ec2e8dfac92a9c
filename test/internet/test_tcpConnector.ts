/** The real reactor's connectors, over loopback TCP: the TCP contract and what only real sockets do. */
import { TestCase } from 'trial-ts';
import { AccumulatingFactory } from '../../src/internet/accumulatingProtocol';
import { reactor } from '../../src/internet/reactor';
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
}
