/** Helpers for tests on the real reactor: waiting for a condition, and a loopback harness for the TCP contract. */
import type { TestCase } from 'trial-ts';
import type { AccumulatingFactory } from '../../../src/internet/accumulatingProtocol';
import type { IConnector } from '@trial-ts/runtime';
import { reactor } from '@trial-ts/runtime';
import type { TCPHarness } from './tcpContract';

/**
 * Poll a condition on the real loop every 5 ms; throw if it is still false after
 * `timeoutMs`, so a test that waits for something that never happens fails, with
 * what it waited for, instead of going on as if it had.
 */
export async function until(condition: () => boolean, what = 'the condition', timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}, in vain.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The TCP contract's harness for the real reactor, on 127.0.0.1. */
export function loopbackHarness(test: TestCase): TCPHarness {
  return {
    reactor,
    host: '127.0.0.1',
    listen: async (factory: AccumulatingFactory) => {
      const port = await reactor.listenTCP(0, factory, { interface: '127.0.0.1' });
      // Registered first, so it runs last: the accepted connections close after the clients do.
      test.addCleanup(() => until(() => factory.protocols.every((p) => p.closed), 'the server side to close'));
      test.addCleanup(() => port.stopListening());
      return port;
    },
    // Not a port just freed: under -j, another test's listenTCP(0) can be handed it before
    // the attempt. Port 1 is outside the ephemeral range, and only root may listen there.
    deadPort: async () => 1,
    settle: (connector: IConnector) => until(() => connector.state !== 'connecting', 'the attempt to end'),
    closed: (connector: IConnector) => until(() => connector.state === 'disconnected', 'the connection to close'),
  };
}
