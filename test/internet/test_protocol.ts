import { SynchronousTestCase } from 'trial-ts';
import { IPv4Address } from '../../src/internet/address';
import { NotConnectedError } from '../../src/internet/errors';
import { Factory, Protocol } from '../../src/internet/protocol';
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
}
