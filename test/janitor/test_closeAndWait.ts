/** Closing leftovers and waiting until they, and their owners, are done. */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as net from 'node:net';
import { TestCase } from 'trial-ts';
import { closeAndWait } from '../../src/janitor/closeAndWait';
import { isLive } from '../../src/janitor/liveness';
import type { TestRecord, Tracked } from '../../src/janitor/records';

const tracked = (type: string, resource: object): Tracked => ({ asyncId: 1, type, triggerAsyncId: 0, resource, stack: {}, record: {} as TestRecord });

export class CloseAndWaitTests extends TestCase {
  /** A leaked interval is closed and reported closed. */
  async test_intervalClosed(): Promise<void> {
    const interval = setInterval(() => undefined, 60_000);
    this.assertTrue(await closeAndWait([tracked('Timeout', interval)], new AsyncLocalStorage<object>(), 1000));
    this.assertFalse(isLive('Timeout', interval));
  }

  /** A destroyed socket's owner has emitted 'close' by the time it returns, so a pool has already dropped it. */
  async test_socketOwnerHeardClose(): Promise<void> {
    const server = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.addCleanup(() => new Promise((resolve) => server.close(resolve)));
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    let heard = false;
    client.once('close', () => (heard = true));
    const handle = (client as unknown as { _handle: object })._handle;
    this.assertTrue(await closeAndWait([tracked('TCPWRAP', handle)], new AsyncLocalStorage<object>(), 1000));
    this.assertTrue(heard);
  }
}
