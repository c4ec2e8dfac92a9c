/** Liveness, closing and reference state of real resources, read the way the janitor reads them. */
import { once } from 'node:events';
import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { isClosing, isLive, isRefed, ownerClosed, ownerOf, TRACKED_TYPES, watchWorkerStop } from '../../src/janitor/liveness';

/** A connected client socket to a server made for the test, both closed by cleanups. */
async function connectedPair(test: TestCase): Promise<{ client: net.Socket; handle: object }> {
  const server = net.createServer((socket) => socket.on('end', () => socket.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  test.addCleanup(() => new Promise((resolve) => server.close(resolve)));
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  test.addCleanup(() => client.destroy());
  await new Promise((resolve) => client.once('connect', resolve));
  return { client, handle: (client as unknown as { _handle: object })._handle };
}

export class TimerLivenessTests extends SynchronousTestCase {
  /** A pending timer is live and referenced; unref'd it is not referenced; cleared it is dead. */
  test_timerStates(): void {
    const timer = setTimeout(() => undefined, 60_000);
    this.assertTrue(isLive('Timeout', timer));
    this.assertTrue(isRefed('Timeout', timer));
    timer.unref();
    this.assertFalse(isRefed('Timeout', timer));
    clearTimeout(timer);
    this.assertFalse(isLive('Timeout', timer));
    this.assertFalse(isClosing('Timeout', timer));
  }

  /** An unknown shape is dead, not a crash. */
  test_unknownShapeIsDead(): void {
    this.assertFalse(isLive('TCPWRAP', {}));
    this.assertFalse(isLive('Timeout', {}));
    this.assertTrue(TRACKED_TYPES.has('TCPWRAP'));
  }
}

export class SocketLivenessTests extends TestCase {
  /** A connected socket is live and owned by its net.Socket; once ended it is closing; destroyed it is dead and its 'close' is awaited. */
  async test_socketLifecycle(): Promise<void> {
    const { client, handle } = await connectedPair(this);
    this.assertIdentical(ownerOf(handle), client as unknown);
    this.assertTrue(isLive('TCPWRAP', handle));
    this.assertFalse(isClosing('TCPWRAP', handle));
    const closed = ownerClosed('TCPWRAP', handle);
    this.assertTrue(closed !== undefined);
    client.end();
    this.assertTrue(isClosing('TCPWRAP', handle));
    client.destroy();
    this.assertFalse(isLive('TCPWRAP', handle));
    await closed;
    this.assertEqual(ownerClosed('TCPWRAP', handle), undefined);
  }
}

/** A worker's native handle, which the WORKER hook sees (Node keeps it under its kHandle symbol). */
function handleOf(worker: Worker): object {
  const key = Object.getOwnPropertySymbols(worker).find((symbol) => symbol.description === 'kHandle');
  const handle = key === undefined ? undefined : (worker as unknown as Record<symbol, unknown>)[key];
  if (typeof handle !== 'object' || handle === null) throw new TypeError('no kHandle on Worker: Node changed its internals');
  return handle;
}

export class WorkerLivenessTests extends TestCase {
  /** A running worker is live and not closing; once terminate() is called (not awaited) it is closing; after 'exit' it is dead. */
  async test_terminatedWorkerIsClosing(): Promise<void> {
    const worker = new Worker('setInterval(() => {}, 1000); require("node:worker_threads").parentPort.postMessage("up")', { eval: true });
    const exited = once(worker, 'exit');
    this.addCleanup(() => worker.terminate());
    const handle = handleOf(worker);
    watchWorkerStop(handle);
    await once(worker, 'message');
    this.assertTrue(isLive('WORKER', handle));
    this.assertFalse(isClosing('WORKER', handle));
    void worker.terminate();
    this.assertTrue(isLive('WORKER', handle));
    this.assertTrue(isClosing('WORKER', handle));
    await exited;
    await new Promise((resolve) => setImmediate(resolve));
    this.assertFalse(isLive('WORKER', handle));
  }
}
