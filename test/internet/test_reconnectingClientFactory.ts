import { SynchronousTestCase } from 'trial-ts';
import type { IAddress } from '@trial-ts/runtime';
import { AccumulatingProtocol } from '../../src/internet/accumulatingProtocol';
import { ConnectionLost, ConnectorStateError, ReconnectingClientFactory } from '@trial-ts/runtime';
import { MemoryReactorClock } from '../../src/internet/memoryReactor';
import type { MemoryConnector } from '../../src/internet/memoryConnector';

/** Resets the backoff once connected, as Twisted's documentation asks. */
class ResettingFactory extends ReconnectingClientFactory<AccumulatingProtocol> {
  override buildProtocol(addr: IAddress): AccumulatingProtocol | null {
    this.resetDelay();
    return super.buildProtocol(addr);
  }
}

function setUp(options: ConstructorParameters<typeof ReconnectingClientFactory>[2] = {}) {
  const reactor = new MemoryReactorClock();
  const factory = new ResettingFactory(reactor, () => new AccumulatingProtocol(), { jitter: 0, ...options });
  const connector = reactor.connectTCP('db.internal', 5432, factory) as MemoryConnector<AccumulatingProtocol>;
  return { reactor, factory, connector };
}

/** The due times of the pending calls, relative to now. */
const delays = (reactor: MemoryReactorClock): number[] => reactor.getDelayedCalls().map((c) => c.getTime() - reactor.seconds());

export class ReconnectingClientFactoryTests extends SynchronousTestCase {
  /** Twisted's defaults: 1 s, ×e, 11.96 % jitter, at most an hour, no retry limit. */
  test_defaults(): void {
    const factory = new ReconnectingClientFactory(new MemoryReactorClock());
    this.assertEqual(
      [factory.initialDelay, factory.factor, factory.jitter, factory.maxDelay, factory.maxRetries],
      [1, Math.E, 0.119626565582, 3600, null],
    );
    this.assertEqual([factory.delay, factory.retries, factory.continueTrying], [1, 0, true]);
  }

  /** Each failure waits factor times longer: the first retry already waits initialDelay × factor. */
  test_backoffGrows(): void {
    const { reactor, factory, connector } = setUp({ initialDelay: 1, factor: 2 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      connector.fail();
      waits.push(...delays(reactor));
      reactor.advance(factory.delay);
      this.assertEqual(connector.state, 'connecting');
    }
    this.assertEqual(waits, [2, 4, 8, 16]);
    this.assertEqual([connector.attempts, factory.retries], [5, 4]);
  }

  /** The delay stops growing at maxDelay. */
  test_maxDelay(): void {
    const { reactor, factory, connector } = setUp({ initialDelay: 1, factor: 10, maxDelay: 30 });
    for (let i = 0; i < 3; i++) {
      connector.fail();
      reactor.advance(factory.delay);
    }
    this.assertEqual(factory.delay, 30);
  }

  /** After maxRetries consecutive retries it gives up: no call pending, the connector stays down. */
  test_maxRetries(): void {
    const { reactor, factory, connector } = setUp({ maxRetries: 2 });
    connector.fail();
    reactor.advance(factory.delay);
    connector.fail();
    reactor.advance(factory.delay);
    connector.fail();
    this.assertEqual(reactor.getDelayedCalls(), []);
    this.assertEqual([connector.state, connector.attempts], ['disconnected', 3]);
  }

  /** A connection that succeeds resets the backoff, so losing it retries after the first delay again. */
  test_resetDelayOnSuccess(): void {
    const { reactor, factory, connector } = setUp({ factor: 2 });
    connector.fail();
    reactor.advance(2);
    connector.fail();
    reactor.advance(4);
    const protocol = connector.succeed()!;
    this.assertEqual([factory.delay, factory.retries], [1, 0]);
    connector.lose(new ConnectionLost());
    this.assertTrue(protocol.closed);
    this.assertEqual(delays(reactor), [2]);
  }

  /** Jitter spreads the delay as a normal variate around it, with jitter × delay as deviation. */
  test_jitter(): void {
    const reactor = new MemoryReactorClock();
    const draws = [0.5, 0.0]; // Box–Muller: u = 0.5, v = 0 → z = √(2 ln 2) ≈ 1.1774
    const factory = new ReconnectingClientFactory(reactor, () => new AccumulatingProtocol(), {
      factor: 2,
      jitter: 0.1,
      random: () => draws.shift() ?? 0.5,
    });
    factory.retry(reactor.connectTCP('h', 1, factory));
    this.assertApproximates(factory.delay, 2 + 2 * 0.1 * Math.sqrt(2 * Math.log(2)), 1e-9);
    this.assertApproximates(delays(reactor)[0]!, factory.delay, 1e-9);
    factory.stopTrying();
  }

  /** stopTrying cancels the scheduled retry, and no later loss reconnects. */
  test_stopTryingCancelsRetry(): void {
    const { reactor, factory, connector } = setUp();
    connector.fail();
    this.assertEqual(reactor.getDelayedCalls().length, 1);
    factory.stopTrying();
    this.assertEqual(reactor.getDelayedCalls(), []);
    reactor.advance(100);
    this.assertEqual(connector.attempts, 1);
  }

  /** stopTrying during an attempt abandons it (UserError) without scheduling a retry. */
  test_stopTryingWhileConnecting(): void {
    const { reactor, factory, connector } = setUp();
    connector.fail();
    reactor.advance(factory.delay);
    factory.stopTrying();
    this.assertEqual(connector.state, 'disconnected');
    this.assertEqual(reactor.getDelayedCalls(), []);
    this.assertFalse(factory.continueTrying);
  }

  /** stopTrying while connected: losing the connection later does not reconnect. */
  test_stopTryingWhenConnected(): void {
    const { reactor, factory, connector } = setUp();
    connector.succeed();
    factory.stopTrying();
    this.assertEqual(connector.state, 'connected');
    connector.lose();
    this.assertEqual(reactor.getDelayedCalls(), []);
  }

  /** retry() with no connector known yet says so. */
  test_retryWithoutConnector(): void {
    const factory = new ReconnectingClientFactory(new MemoryReactorClock());
    this.assertRaises(ConnectorStateError, () => factory.retry());
    this.assertRaises(RangeError, () => new ReconnectingClientFactory(new MemoryReactorClock(), undefined, { factor: -1 }));
  }

  /** The documented example: connect, fail, advance, connect, lose, advance. */
  test_documentedExample(): void {
    const reactor = new MemoryReactorClock();
    const factory = new ResettingFactory(reactor, () => new AccumulatingProtocol(), { initialDelay: 1, factor: 2, jitter: 0 });
    const connector = reactor.connectTCP('db.internal', 5432, factory) as MemoryConnector<AccumulatingProtocol>;
    connector.fail(); // refused
    reactor.advance(1.9);
    this.assertEqual(connector.attempts, 1);
    reactor.advance(0.1); // 2 s: the retry
    const client = connector.succeed()!;
    this.assertTrue(client.made);
    connector.lose(new ConnectionLost()); // the server went away
    reactor.advance(2); // reset on success: 1 × 2 again
    this.assertEqual([connector.attempts, connector.state], [3, 'connecting']);
    factory.stopTrying();
    this.assertEqual(connector.state, 'disconnected');
  }
}
