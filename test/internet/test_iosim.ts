import { SynchronousTestCase } from 'trial-ts';
import { Failure, ConnectionDone, ConnectionLost, Factory, Protocol, IPv4Address } from '@trial-ts/runtime';
import { Clock } from '../../src/internet/clock';
import { PumpLoopError } from '../../src/internet/errors';
import { connectedServerAndClient, FakeTransport, FLUSH_ROUND_LIMIT } from '../../src/internet/iosim';
import type { IPullProducer } from '@trial-ts/runtime';
import { AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { transportContract } from './contracts/transportContract';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** FakeTransport passes the in-memory ITransport contract. */
export class FakeTransportContractTests extends transportContract(() => {
  const transport = new FakeTransport(
    new AccumulatingProtocol(),
    false,
    new IPv4Address('TCP', '127.0.0.1', 1),
    new IPv4Address('TCP', '127.0.0.1', 2),
  );
  let written = '';
  return {
    transport,
    written: () => (written += text(transport.takeOutbound() ?? new Uint8Array())),
  };
}) {}

/** Sends a greeting on connect; records everything. */
class Greeter extends AccumulatingProtocol {
  override connectionMade(): void {
    super.connectionMade();
    this.transport.write(bytes('hello'));
  }
}

/** Answers every chunk with a chunk: with another Echo, they talk forever. */
class Echo extends AccumulatingProtocol {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport.write(data);
  }
}

/** Writes one chunk per resumeProducing, three in all. */
class CountingPullProducer implements IPullProducer {
  count = 0;
  constructor(private readonly transport: FakeTransport) {}
  resumeProducing(): void {
    if (this.count < 3) this.transport.write(bytes(String(++this.count)));
  }
  stopProducing(): void {}
}

function pair(server: new () => AccumulatingProtocol, client: new () => AccumulatingProtocol, greet = true, clock?: Clock) {
  return connectedServerAndClient(Factory.forProtocol(server), Factory.forProtocol(client), { greet, clock });
}

export class IOPumpTests extends SynchronousTestCase {
  /** connectedServerAndClient connects both sides and, by default, exchanges greetings. */
  test_greets(): void {
    const { client, server } = pair(Greeter, AccumulatingProtocol);
    this.assertTrue(client.made && server.made);
    this.assertEqual(client.text(), 'hello');
  }

  /** With greet false nothing moves until the test pumps. */
  test_noGreet(): void {
    const { client, pump } = pair(Greeter, AccumulatingProtocol, false);
    this.assertEqual(client.text(), '');
    this.assertTrue(pump.pump());
    this.assertEqual(client.text(), 'hello');
  }

  /** pump() moves each side's bytes once: a reply waits for the next round. */
  test_pumpMovesOnce(): void {
    const { client, server, pump } = pair(Echo, AccumulatingProtocol);
    client.transport.write(bytes('ping'));
    pump.pump();
    this.assertEqual(server.text(), 'ping');
    this.assertEqual(client.text(), '');
    pump.pump();
    this.assertEqual(client.text(), 'ping');
    this.assertFalse(pump.pump());
  }

  /** pump() advances the clock by 0, so calls due now run. */
  test_pumpAdvancesClock(): void {
    const clock = new Clock();
    const { pump } = pair(AccumulatingProtocol, AccumulatingProtocol, false, clock);
    let ran = false;
    clock.callLater(0, () => (ran = true));
    pump.pump();
    this.assertTrue(ran);
    this.assertEqual(clock.seconds(), 0);
  }

  /** flush() returns false when nothing was waiting. */
  test_flushQuiet(): void {
    const { pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    this.assertFalse(pump.flush());
  }

  /** flush() gives up with a clear error after the round limit when two sides talk forever. */
  test_flushTerminates(): void {
    const { client, pump } = pair(Echo, Echo);
    client.transport.write(bytes('x'));
    const error = this.assertRaises(PumpLoopError, () => pump.flush());
    this.assertSubstring(String(FLUSH_ROUND_LIMIT), error.message);
    this.assertEqual(client.data.length, FLUSH_ROUND_LIMIT / 2);
  }

  /** loseConnection delivers ConnectionDone to both sides, the peer first, after pending bytes. */
  test_loseConnection(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    server.transport.write(bytes('bye'));
    server.transport.loseConnection();
    pump.pump();
    this.assertEqual(client.text(), 'bye');
    this.assertFalse(client.closed);
    pump.pump();
    this.assertTrue(client.closed);
    this.assertFalse(server.closed);
    pump.flush();
    this.assertTrue(server.closed);
    this.assertIsInstance(client.closedReason!.value, ConnectionDone);
    this.assertIsInstance(server.closedReason!.value, ConnectionDone);
    this.assertTrue(pump.clientIO.disconnected && pump.serverIO.disconnected);
  }

  /** abortConnection drops unsent bytes and reports ConnectionLost. */
  test_abortConnection(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    client.transport.write(bytes('lost'));
    client.transport.abortConnection();
    pump.flush();
    this.assertEqual(server.text(), '');
    this.assertIsInstance(server.closedReason!.value, ConnectionLost);
    this.assertIsInstance((client.closedReason as Failure).value, ConnectionLost);
  }

  /** A paused side receives nothing until resumed; the bytes wait. */
  test_pauseHoldsBytes(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    server.transport.pauseProducing();
    client.transport.write(bytes('held'));
    this.assertFalse(pump.flush());
    this.assertEqual(server.text(), '');
    server.transport.resumeProducing();
    pump.flush();
    this.assertEqual(server.text(), 'held');
  }

  /** Bytes written before loseConnection() arrive; bytes written after it, before the pump ran, do not. */
  test_writeAfterLoseConnection(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    client.transport.write(bytes('before'));
    client.transport.loseConnection();
    client.transport.write(bytes('after'));
    pump.flush();
    this.assertEqual(server.text(), 'before');
    this.assertTrue(server.closed);
  }

  /** Writes after the connection is closed go nowhere. */
  test_writeAfterDisconnect(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    client.transport.loseConnection();
    pump.flush();
    client.transport.write(bytes('late'));
    this.assertFalse(pump.flush());
    this.assertEqual(server.text(), '');
  }

  /** A pull producer is asked for a chunk on each round. */
  test_pullProducer(): void {
    const { client, server, pump } = pair(AccumulatingProtocol, AccumulatingProtocol);
    const transport = client.transport as FakeTransport;
    transport.registerProducer(new CountingPullProducer(transport), false);
    pump.flush();
    this.assertEqual(server.text(), '123');
  }

  /** A factory that refuses the connection is an error. */
  test_refusingFactory(): void {
    class Refusing extends Factory<Protocol> {
      override buildProtocol(): Protocol | null {
        return null;
      }
    }
    this.assertRaises(TypeError, () => connectedServerAndClient(new Refusing(), Factory.forProtocol(Protocol)));
  }
}
