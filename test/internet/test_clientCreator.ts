import { SynchronousTestCase } from 'trial-ts';
import { CancelledError, ClientCreator, ConnectionRefusedError, Protocol } from '@trial-ts/runtime';
import { AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { MemoryReactor } from '../../src/internet/memoryReactor';

/** A protocol with constructor arguments. */
class Named extends Protocol {
  constructor(readonly name: string) {
    super();
  }
}

export class ClientCreatorTests extends SynchronousTestCase {
  /** The Deferred fires with the one protocol, built from the arguments, once its connection is made. */
  test_connectTCP(): void {
    const reactor = new MemoryReactor();
    const d = new ClientCreator(reactor, Named, 'x').connectTCP('example.org', 80, { timeout: 4 });
    const connector = reactor.tcpClients[0]!;
    this.assertEqual(connector.timeout, 4);
    this.assertNoResult(d);
    const protocol = connector.succeed();
    const result = this.successResultOf(d);
    this.assertIdentical(result, protocol);
    this.assertEqual([result.name, result.connected], ['x', true]);
  }

  /** A failed attempt fails the Deferred with its reason. */
  test_connectFails(): void {
    const reactor = new MemoryReactor();
    const d = new ClientCreator(reactor, AccumulatingProtocol).connectTCP('example.org', 80);
    reactor.tcpClients[0]!.fail();
    this.failureResultOf(d, ConnectionRefusedError);
  }

  /** Cancelling abandons the attempt and fails with CancelledError, not the abandon's UserError. */
  test_cancel(): void {
    const reactor = new MemoryReactor();
    const d = new ClientCreator(reactor, AccumulatingProtocol).connectTCP('example.org', 80);
    d.cancel();
    this.failureResultOf(d, CancelledError);
    this.assertEqual(reactor.tcpClients[0]!.state, 'disconnected');
  }

  /** Cancelling after the connection is made changes nothing. */
  test_cancelAfterConnected(): void {
    const reactor = new MemoryReactor();
    const d = new ClientCreator(reactor, AccumulatingProtocol).connectTCP('example.org', 80);
    reactor.tcpClients[0]!.succeed();
    d.cancel();
    this.successResultOf(d);
    this.assertEqual(reactor.tcpClients[0]!.state, 'connected');
  }
}
