import { SynchronousTestCase } from 'trial-ts';
import { Deferred, Failure, IPv4Address, ConnectionDone } from '@trial-ts/runtime';
import { AccumulatingFactory, AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { StringTransport } from '../../src/internet/stringTransport';

export class AccumulatingProtocolTests extends SynchronousTestCase {
  /** It records connection, data and loss, and fires closedDeferred. */
  test_recordsLife(): void {
    const protocol = new AccumulatingProtocol();
    const closed = new Deferred<void>();
    protocol.closedDeferred = closed;
    protocol.makeConnection(new StringTransport());
    this.assertTrue(protocol.made);
    protocol.dataReceived(new TextEncoder().encode('ab'));
    protocol.dataReceived(new TextEncoder().encode('c'));
    this.assertEqual(protocol.text(), 'abc');
    this.assertNoResult(closed);
    const reason = new Failure(new ConnectionDone());
    protocol.connectionLost(reason);
    this.assertTrue(protocol.closed);
    this.assertIdentical(protocol.closedReason, reason);
    this.successResultOf(closed);
    this.assertIdentical(protocol.closedDeferred, null);
  }

  /** Its factory keeps every protocol and fires protocolConnectionMade once. */
  test_factory(): void {
    const factory = new AccumulatingFactory();
    const made = new Deferred<AccumulatingProtocol>();
    factory.protocolConnectionMade = made;
    const address = new IPv4Address('TCP', '127.0.0.1', 1);
    const first = factory.buildProtocol(address)!;
    this.assertNoResult(made);
    first.makeConnection(new StringTransport());
    this.assertIdentical(this.successResultOf(made), first);
    const second = factory.buildProtocol(address)!;
    second.makeConnection(new StringTransport());
    this.assertEqual(factory.protocols, [first, second]);
    this.assertIdentical(factory.protocolConnectionMade, null);
  }
}
