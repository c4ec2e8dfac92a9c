import { SynchronousTestCase } from 'trial-ts';
import { AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { IPv4Address, ConnectError, ConnectionDone, ConnectionRefusedError, ConnectorStateError, NotConnectingError, UserError, Factory, Failure } from '@trial-ts/runtime';
import { BaseConnector } from '@trial-ts/runtime/internal';
import type { ITransport } from '@trial-ts/runtime';
import { StringTransport } from '../../src/internet/stringTransport';
import { RecordingClientFactory } from './contracts/tcpContract';

/** The smallest connector: the test calls the outcome hooks directly. */
class ManualConnector extends BaseConnector<AccumulatingProtocol> {
  started = 0;
  abandoned = 0;
  protected startAttempt(): void {
    this.started++;
  }
  protected abandonAttempt(): void {
    this.abandoned++;
  }
  succeed(transport: ITransport = new StringTransport()): AccumulatingProtocol | null {
    return this.attemptSucceeded(new IPv4Address('TCP', 'h', 7), (protocol) => {
      protocol.makeConnection(transport);
      return transport;
    });
  }
  fail(): void {
    this.attemptFailed(new ConnectionRefusedError('refused'));
  }
  lose(): void {
    this.connectionLost(new Failure(new ConnectionDone()));
  }
}

function make(factory = new RecordingClientFactory()) {
  return { factory, connector: new ManualConnector(factory, new IPv4Address('TCP', 'h', 7)) };
}

export class BaseConnectorTests extends SynchronousTestCase {
  /** A new connector waits, disconnected, until connect(). */
  test_startsDisconnected(): void {
    const { factory, connector } = make();
    this.assertEqual([connector.state, connector.started, factory.events.length], ['disconnected', 0, 0]);
    this.assertEqual(String(connector), '<ManualConnector to h:7, disconnected>');
    this.assertRaises(NotConnectingError, () => connector.stopConnecting());
  }

  /** connect() starts the factory, then the attempt, then tells the factory. */
  test_connect(): void {
    const { factory, connector } = make();
    connector.connect();
    this.assertEqual(factory.events, ['startFactory', 'startedConnecting']);
    this.assertEqual([connector.state, connector.started], ['connecting', 1]);
    const error = this.assertRaises(ConnectorStateError, () => connector.connect());
    this.assertSubstring('already connecting', error.message);
  }

  /** A success builds and connects the protocol; its transport is the connector's. */
  test_success(): void {
    const { factory, connector } = make();
    connector.connect();
    const transport = new StringTransport();
    const protocol = connector.succeed(transport)!;
    this.assertEqual(connector.state, 'connected');
    this.assertIdentical(connector.transport, transport);
    this.assertTrue(protocol.made);
    this.assertEqual(factory.events.at(-1), 'build 7');
    this.assertRaises(ConnectorStateError, () => connector.connect());
  }

  /** A factory that refuses turns the success into a failure (UserError), and the factory stops. */
  test_factoryRefuses(): void {
    const factory = new RecordingClientFactory();
    factory.buildProtocol = () => null;
    const { connector } = make(factory);
    connector.connect();
    this.assertIdentical(connector.succeed(), null);
    this.assertIsInstance(factory.failures[0]!.value, UserError);
    this.assertEqual([connector.state, factory.numPorts], ['disconnected', 0]);
  }

  /** A factory whose buildProtocol throws: the attempt is reported failed (ConnectError with the cause), and the error propagates. */
  test_factoryThrows(): void {
    const factory = new RecordingClientFactory();
    const bug = new RangeError('bug in buildProtocol');
    factory.buildProtocol = () => {
      throw bug;
    };
    const { connector } = make(factory);
    connector.connect();
    this.assertIdentical(this.assertRaises(RangeError, () => connector.succeed()), bug);
    const reason = factory.failures[0]!.value as Error;
    this.assertIsInstance(reason, ConnectError);
    this.assertIdentical(reason.cause, bug);
    this.assertEqual(connector.state, 'disconnected');
  }

  /** stopConnecting abandons the attempt, then reports UserError. */
  test_stopConnecting(): void {
    const { factory, connector } = make();
    connector.connect();
    connector.stopConnecting();
    this.assertEqual(connector.abandoned, 1);
    this.assertIsInstance(factory.failures[0]!.value, UserError);
  }

  /** disconnect() closes a connection through its transport, and does nothing when disconnected. */
  test_disconnect(): void {
    const { connector } = make();
    connector.disconnect();
    connector.connect();
    const transport = new StringTransport();
    connector.succeed(transport);
    connector.disconnect();
    this.assertTrue(transport.disconnecting);
    this.assertEqual(connector.state, 'connected');
  }

  /** One doStart/doStop pair per run of attempts: reconnecting from the callback keeps the factory started. */
  test_factoryStartedOncePerRun(): void {
    const factory = new RecordingClientFactory();
    factory.onEnd = (c) => {
      if (factory.events.filter((e) => e.startsWith('failed') || e.startsWith('lost')).length < 3) c.connect();
    };
    const { connector } = make(factory);
    connector.connect();
    connector.fail();
    connector.succeed();
    connector.lose();
    connector.fail();
    this.assertEqual(factory.events.filter((e) => e.endsWith('Factory')), ['startFactory', 'stopFactory']);
    this.assertEqual(factory.numPorts, 0);
    connector.connect();
    this.assertEqual(factory.numPorts, 1);
  }

  /** A plain factory, without client callbacks or doStart, works too. */
  test_plainFactory(): void {
    const connector = new ManualConnector(new Factory(() => new AccumulatingProtocol()), new IPv4Address('TCP', 'h', 7));
    connector.connect();
    connector.fail();
    this.assertEqual(connector.state, 'disconnected');
  }
}
