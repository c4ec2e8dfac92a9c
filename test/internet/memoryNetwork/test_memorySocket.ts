/**
 * MemorySocket: the net.Socket surface servers and clients touch, half-close, and
 * Node's event order.
 */
import * as net from 'node:net';
import { Duplex } from 'node:stream';
import { Clock, MemoryNetwork, settle, TestCase } from 'trial-ts';

export class MemorySocketTests extends TestCase {
  clock = new Clock();
  network = new MemoryNetwork({ clock: this.clock });
  accepted: net.Socket[] = [];

  override setUp(): void {
    this.network.listen(net.createServer({ allowHalfOpen: true }, (socket) => this.accepted.push(socket)), 'api.test:80');
    this.addCleanup(() => this.network.close());
  }

  /** It is a real stream.Duplex with the net.Socket setters, each returning the socket. */
  async test_socketSurface(): Promise<void> {
    const socket = this.network.connect('api.test:80');
    this.assertTrue(socket instanceof Duplex);
    this.assertIdentical(socket.setNoDelay(true), socket);
    this.assertIdentical(socket.setKeepAlive(true, 500), socket);
    this.assertIdentical(socket.unref(), socket);
    this.assertFalse(socket.refed);
    this.assertIdentical(socket.ref(), socket);
    this.assertEqual([socket.noDelay, socket.keepAlive, socket.readyState], [true, [true, 500], 'opening']);
    await new Promise((resolve) => socket.once('connect', resolve));
    this.assertEqual([socket.readyState, socket.address().address], ['open', '127.0.0.1']);
    const server = this.accepted[0];
    this.assertEqual([server.remotePort, server.localPort, (server as unknown as { server: unknown }).server !== null], [socket.localPort, 80, true]);
    socket.destroy();
  }

  /** 'connect' comes before 'ready'; a destroy with an error emits 'error' and then 'close' with hadError. */
  async test_eventOrder(): Promise<void> {
    const socket = this.network.connect('api.test:80');
    const events: string[] = [];
    for (const name of ['connect', 'ready', 'error', 'close']) socket.on(name, (arg: unknown) => events.push(name === 'close' ? `close ${arg}` : name));
    await new Promise((resolve) => socket.once('ready', resolve));
    socket.destroy(new Error('boom'));
    await settle();
    this.assertEqual(events, ['connect', 'ready', 'error', 'close true']);
  }

  /** end() half-closes: the peer sees 'end' and can still write back (allowHalfOpen server). */
  async test_halfClose(): Promise<void> {
    const socket = this.network.connect('api.test:80', { allowHalfOpen: true });
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    await new Promise((resolve) => socket.once('connect', resolve));
    const server = this.accepted[0];
    let request = '';
    server.on('data', (chunk: Buffer) => (request += chunk.toString()));
    server.on('end', () => server.end(`got ${request}`));
    socket.end('question');
    await new Promise((resolve) => socket.once('close', resolve));
    this.assertEqual(reply, 'got question');
    this.assertEqual([server.bytesRead, socket.bytesRead], [8, 12]);
  }

  /** setTimeout fires 'timeout' after the idle time on the network's clock, and activity restarts it. */
  async test_idleTimeoutOnTheClock(): Promise<void> {
    const socket = this.network.connect('api.test:80');
    let timeouts = 0;
    socket.setTimeout(1000, () => timeouts++);
    await new Promise((resolve) => socket.once('connect', resolve));
    this.clock.advance(0.9);
    socket.write('x'); // activity restarts the idle timer
    this.clock.advance(0.9);
    const before = timeouts;
    this.clock.advance(0.2);
    this.assertEqual([before, timeouts, socket.timeout], [0, 1, 1000]);
    socket.destroy();
  }

  /** resetAndDestroy() closes this end quietly and resets the peer. */
  async test_resetAndDestroy(): Promise<void> {
    const socket = this.network.connect('api.test:80');
    await new Promise((resolve) => socket.once('connect', resolve));
    const server = this.accepted[0];
    const error = new Promise<NodeJS.ErrnoException>((resolve) => server.once('error', resolve));
    socket.resetAndDestroy();
    this.assertEqual((await error).code, 'ECONNRESET');
    this.assertTrue(socket.destroyed);
  }

  /** destroy() without an error ends the peer cleanly (it sees 'end', not an error). */
  async test_destroyEndsThePeer(): Promise<void> {
    const socket = this.network.connect('api.test:80');
    await new Promise((resolve) => socket.once('connect', resolve));
    const server = this.accepted[0];
    const ended = new Promise<string>((resolve) => {
      server.once('end', () => resolve('end'));
      server.once('error', () => resolve('error'));
      server.resume();
    });
    socket.destroy();
    this.assertEqual(await ended, 'end');
    server.destroy();
  }
}
