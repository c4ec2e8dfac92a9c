/**
 * MemoryNetwork: listening unmodified servers, connecting, fetching, manual delivery,
 * chunk sizes, latency on a Clock, and the faults (refusal, reset).
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { AddressInUseError, Clock, MemoryNetwork, NetworkUsageError, settle, SynchronousTestCase, TestCase } from 'trial-ts';

function echoServer(): net.Server {
  return net.createServer((socket) => socket.pipe(socket));
}

function hello(): http.Server {
  return http.createServer((request, response) => response.end(`hello ${request.url}`));
}

function collect(socket: NodeJS.ReadableStream): { text: string } {
  const got = { text: '' };
  socket.on('data', (chunk: Buffer) => (got.text += chunk.toString()));
  return got;
}

export class MemoryNetworkUsageTests extends SynchronousTestCase {
  /** A second server on the same address is a clear AddressInUseError. */
  test_listenTwiceIsAnError(): void {
    const network = new MemoryNetwork();
    network.listen(echoServer(), 'api.test:80');
    const error = this.assertRaises(AddressInUseError, () => network.listen(echoServer(), 'API.test:80'));
    this.assertSubstring('api.test:80 already has a server listening', error.message);
  }

  /** An address without a port is a usage error that shows the right spelling. */
  test_badAddressIsAUsageError(): void {
    const error = this.assertRaises(NetworkUsageError, () => new MemoryNetwork().listen(echoServer(), 'api.test'));
    this.assertSubstring("'api.test:80'", error.message);
  }

  /** Something that is not a server is refused at listen time. */
  test_listenNeedsAServer(): void {
    this.assertRaises(NetworkUsageError, () => new MemoryNetwork().listen({} as never, 'a.test:1'));
  }

  /** Bad options are usage errors. */
  test_badOptionsAreUsageErrors(): void {
    this.assertRaises(NetworkUsageError, () => new MemoryNetwork({ chunkSize: 0 }));
    this.assertRaises(NetworkUsageError, () => new MemoryNetwork({ delivery: 'later' as never }));
    const error = this.assertRaises(NetworkUsageError, () => new MemoryNetwork({ latency: 1 }));
    this.assertSubstring('needs a clock', error.message);
  }
}

export class MemoryNetworkTests extends TestCase {
  network = new MemoryNetwork();

  override setUp(): void {
    this.addCleanup(() => this.network.close());
  }

  /** fetch reaches an http.Server that never listened, through Node's parser. */
  async test_fetchReachesAnUnlistenedServer(): Promise<void> {
    const server = hello();
    this.network.listen(server, 'api.test:80');
    const response = await this.network.fetch('http://api.test/x?y=1');
    this.assertEqual([response.status, await response.text(), server.listening], [200, 'hello /x?y=1', false]);
  }

  /** fetch to an address nobody listens on fails as Node's fetch does: TypeError with cause ECONNREFUSED. */
  async test_fetchUnknownHostIsFetchFailed(): Promise<void> {
    const error = await this.assertRejects(TypeError, this.network.fetch('http://nobody.test/'));
    this.assertEqual([error.message, (error.cause as NodeJS.ErrnoException).code], ['fetch failed', 'ECONNREFUSED']);
  }

  /** connect() to a listened address is connected a tick later, with Node's address fields. */
  async test_connectEchoes(): Promise<void> {
    this.network.listen(echoServer(), '10.0.0.5:7');
    const socket = this.network.connect('10.0.0.5:7');
    this.assertTrue(socket.connecting);
    const got = collect(socket);
    socket.end('ping');
    await new Promise((resolve) => socket.once('close', resolve));
    this.assertEqual(got.text, 'ping');
    this.assertEqual([socket.remoteAddress, socket.remotePort, socket.remoteFamily, socket.localAddress], ['10.0.0.5', 7, 'IPv4', '127.0.0.1']);
    this.assertEqual([socket.bytesWritten, socket.bytesRead], [4, 4]);
  }

  /** refuse() makes a listened address refuse new connections until refuse(address, false). */
  async test_refuseAnAddress(): Promise<void> {
    this.network.listen(echoServer(), 'db.test:5432');
    this.network.refuse('db.test:5432');
    const refused = this.network.connect('db.test:5432');
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => refused.once('error', resolve));
    this.assertEqual([error.code, error.message], ['ECONNREFUSED', 'connect ECONNREFUSED db.test:5432']);
    this.network.refuse('db.test:5432', false);
    const accepted = this.network.connect('db.test:5432');
    await new Promise((resolve) => accepted.once('connect', resolve));
    accepted.destroy();
  }

  /** abort() resets a connection: both ends see ECONNRESET, then 'close' with hadError. */
  async test_abortResetsBothEnds(): Promise<void> {
    const serverSide: net.Socket[] = [];
    this.network.listen(net.createServer((socket) => serverSide.push(socket)), 'api.test:80');
    const client = this.network.connect('api.test:80');
    await new Promise((resolve) => client.once('connect', resolve));
    const events: string[] = [];
    for (const [name, socket] of [['client', client], ['server', serverSide[0]]] as const) {
      socket.on('error', (error: NodeJS.ErrnoException) => events.push(`${name} error ${error.code}`));
      socket.on('close', (hadError: boolean) => events.push(`${name} close ${hadError}`));
    }
    this.assertEqual(this.network.abort('api.test:80'), 1);
    await settle();
    this.assertEqual(events.sort(), ['client close true', 'client error ECONNRESET', 'server close true', 'server error ECONNRESET']);
  }

  /** unlisten() stops new connections. */
  async test_unlistenRefusesNewConnections(): Promise<void> {
    this.network.listen(echoServer(), 'api.test:80');
    this.assertTrue(this.network.unlisten('api.test:80'));
    const error = await this.assertRejects(TypeError, this.network.fetch('http://api.test/'));
    this.assertEqual((error.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
  }
}

export class DeliveryTests extends TestCase {
  /** In manual delivery nothing arrives until flush(), which runs the exchange to its end. */
  async test_manualDeliveryWaitsForFlush(): Promise<void> {
    const network = new MemoryNetwork({ delivery: 'manual' });
    network.listen(echoServer(), 'echo.test:7');
    const socket = network.connect('echo.test:7');
    const got = collect(socket);
    socket.write('one');
    await settle();
    const before = got.text;
    const delivered = await network.flush();
    this.assertEqual([before, got.text], ['', 'one']);
    this.assertEqual(delivered, 2);
    socket.destroy();
    await network.flush();
  }

  /** flush() on an eager network is a usage error. */
  async test_flushOnEagerNetworkIsAnError(): Promise<void> {
    await this.assertRejects(NetworkUsageError, new MemoryNetwork().flush());
  }

  /** chunkSize 1 splits every write into bytes, and Node's HTTP parsers still agree. */
  async test_chunkSizeOneKeepsHttpWorking(): Promise<void> {
    const network = new MemoryNetwork({ chunkSize: 1 });
    const sizes: number[] = [];
    const server = hello();
    server.on('connection', (socket: net.Socket) => socket.on('data', (chunk: Buffer) => sizes.push(chunk.length)));
    network.listen(server, 'api.test:80');
    const response = await network.fetch('http://api.test/split');
    this.assertEqual(await response.text(), 'hello /split');
    this.assertTrue(sizes.length > 30 && sizes.every((size) => size === 1), String(sizes));
    await network.close();
  }

  /** With a clock and latency, bytes arrive only when the clock has advanced by the latency. */
  async test_latencyOnAClock(): Promise<void> {
    const clock = new Clock();
    const network = new MemoryNetwork({ clock, latency: 0.05 });
    network.listen(echoServer(), 'far.test:7');
    const socket = network.connect('far.test:7');
    const got = collect(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('hi');
    await settle();
    clock.advance(0.049);
    await settle();
    const early = got.text;
    clock.advance(0.001); // the server has it now and echoes it
    await settle();
    clock.advance(0.05);
    await settle();
    this.assertEqual([early, got.text], ['', 'hi']);
    socket.destroy();
    clock.advance(1);
    await settle();
  }
}
