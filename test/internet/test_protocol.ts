import { SynchronousTestCase } from 'trial-ts';
import { IPv4Address, NotConnectedError, ClientFactory, Factory, Protocol } from '@trial-ts/runtime';
import { MemoryReactor } from '../../src/internet/memoryReactor';
import { StringTransport } from '../../src/internet/stringTransport';

class Greeter extends Protocol {
  greeting: string;
  madeCount = 0;
  constructor(greeting = 'hello') {
    super();
    this.greeting = greeting;
  }
  override connectionMade(): void {
    this.madeCount++;
    this.transport.write(new TextEncoder().encode(this.greeting));
  }
}

const ADDRESS = new IPv4Address('TCP', '127.0.0.1', 1234);

export class ProtocolTests extends SynchronousTestCase {
  /** Before makeConnection there is no transport, and asking for it says why. */
  test_transportBeforeConnection(): void {
    const protocol = new Greeter();
    this.assertFalse(protocol.connected);
    const error = this.assertRaises(NotConnectedError, () => protocol.transport);
    this.assertSubstring('Greeter', error.message);
  }

  /** makeConnection sets the transport and calls connectionMade once. */
  test_makeConnection(): void {
    const protocol = new Greeter();
    const transport = new StringTransport();
    protocol.makeConnection(transport);
    this.assertIdentical(protocol.transport, transport);
    this.assertTrue(protocol.connected);
    this.assertEqual(protocol.madeCount, 1);
    this.assertEqual(transport.text(), 'hello');
  }

  /** A subclass field named like ours does not collide with the private state. */
  test_privateState(): void {
    class Sneaky extends Protocol {
      transportish = 'mine';
    }
    const protocol = new Sneaky();
    protocol.makeConnection(new StringTransport());
    this.assertEqual(protocol.transportish, 'mine');
  }
}

export class FactoryTests extends SynchronousTestCase {
  /** forProtocol builds a new protocol per call, with the given arguments and its factory set. */
  test_forProtocol(): void {
    const factory = Factory.forProtocol(Greeter, 'hi');
    const first = factory.buildProtocol(ADDRESS)!;
    const second = factory.buildProtocol(ADDRESS)!;
    this.assertNotIdentical(first, second);
    this.assertEqual(first.greeting, 'hi');
    this.assertIdentical(first.factory, factory);
  }

  /** A factory without a protocol says how to fix it. */
  test_noProtocol(): void {
    const error = this.assertRaises(TypeError, () => new Factory().buildProtocol(ADDRESS));
    this.assertSubstring('buildProtocol', error.message);
  }

  /** A subclass can build protocols itself. */
  test_subclassBuildProtocol(): void {
    class Refusing extends Factory<Greeter> {
      override buildProtocol(_addr: IPv4Address): Greeter | null {
        return null;
      }
    }
    this.assertIdentical(new Refusing().buildProtocol(ADDRESS), null);
  }

  /** startFactory runs before the first port or connector, stopFactory after the last; extra doStop calls do nothing. */
  test_doStartDoStopCounted(): void {
    const events: string[] = [];
    class Counting extends Factory<Greeter> {
      override startFactory(): void {
        events.push('start');
      }
      override stopFactory(): void {
        events.push('stop');
      }
    }
    const factory = new Counting();
    factory.doStart();
    factory.doStart();
    this.assertEqual([events, factory.numPorts], [['start'], 2]);
    factory.doStop();
    this.assertEqual(events, ['start']);
    factory.doStop();
    factory.doStop();
    this.assertEqual([events, factory.numPorts], [['start', 'stop'], 0]);
    factory.doStart();
    this.assertEqual(events, ['start', 'stop', 'start']);
  }

  /** ClientFactory.forProtocol builds a ClientFactory, whose callbacks do nothing by default. */
  test_clientFactory(): void {
    const factory = ClientFactory.forProtocol(Greeter, 'yo');
    this.assertIsInstance(factory, ClientFactory);
    this.assertEqual(factory.buildProtocol(ADDRESS)!.greeting, 'yo');
    const connector = new MemoryReactor().connectTCP('h', 1, factory);
    connector.fail();
    this.assertEqual(connector.state, 'disconnected');
  }
}
