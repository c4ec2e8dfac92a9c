/**
 * install(this): net.connect/createConnection, http(s).get and globalThis.fetch reach
 * the memory network for one test, other addresses are refused, and a cleanup undoes it.
 * `net` is a namespace import on purpose: compiled to CommonJS it is a copy of the
 * module taken at load time, which install must reach all the same.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { MemoryNetwork, NetworkUsageError, SynchronousTestCase, TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../../support/runCli';

function hello(): http.Server {
  return http.createServer((request, response) => response.end(`hello ${request.url}`));
}

function get(module: typeof http | typeof https, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    module
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

export class InstallTests extends TestCase {
  network = new MemoryNetwork();

  override setUp(): void {
    this.network.listen(hello(), 'api.test:80');
    this.network.listen(hello(), 'secure.test:443');
    this.network.install(this);
  }

  /** http.get to a listened address is served in memory. */
  async test_httpGetIsRouted(): Promise<void> {
    this.assertEqual(await get(http, 'http://api.test/a'), 'hello /a');
  }

  /** https.get is routed too (carried in clear: memory needs no TLS). */
  async test_httpsGetIsRouted(): Promise<void> {
    this.assertEqual(await get(https, 'https://secure.test/b'), 'hello /b');
  }

  /** globalThis.fetch is the network's fetch. */
  async test_globalFetchIsRouted(): Promise<void> {
    const response = await fetch('http://api.test/c');
    this.assertEqual(await response.text(), 'hello /c');
  }

  /** net.connect through a namespace import (a load-time copy of the module) reaches a listened address. */
  async test_namespaceImportIsRouted(): Promise<void> {
    this.network.listen(net.createServer((socket) => socket.end('echo')), 'echo.test:7');
    const socket = net.connect(7, 'echo.test');
    const data = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    this.assertEqual([data, socket.remotePort], ['echo', 7]);
  }

  /** net.createConnection with a timeout: the memory socket gets it, the unused real socket arms no timer. */
  test_createConnectionKeepsTheTimeout(): void {
    const socket = net.createConnection({ host: 'api.test', port: 80, timeout: 250 });
    this.assertEqual([socket.constructor.name, socket.timeout], ['MemorySocket', 250]);
  }

  /** A socket made with new net.Socket() and connected by hand is not routed (only net.connect's are). */
  async test_handMadeSocketIsNotRouted(): Promise<void> {
    const socket = new net.Socket();
    const returned = socket.connect({ host: '127.0.0.1', port: 1 });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    this.assertEqual([returned === socket, error.code], [true, 'ECONNREFUSED']);
  }

  /** net.connect to any other address is ECONNREFUSED, even 127.0.0.1 with a real server on it. */
  async test_otherAddressesAreRefused(): Promise<void> {
    const socket = net.connect({ host: '127.0.0.1', port: 1 });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    this.assertEqual([error.code, error.syscall], ['ECONNREFUSED', 'connect']);
  }

  /** A second install in the same test is a usage error. */
  test_installTwiceIsAnError(): void {
    const error = this.assertRaises(NetworkUsageError, () => new MemoryNetwork().install(this));
    this.assertSubstring('already installed', error.message);
  }
}

export class InstallCleanupTests extends TestCase {
  /** The cleanup puts the original functions back. */
  async test_cleanupRestores(): Promise<void> {
    const originals = [net.Socket.prototype.connect, https.Agent.prototype.createConnection, globalThis.fetch];
    const network = new MemoryNetwork();
    const cleanups: Array<() => unknown> = [];
    network.install({ constructor: { [Symbol.for('trial-ts.testCase')]: true }, addCleanup: (fn: () => unknown) => cleanups.push(fn) });
    const patched = net.Socket.prototype.connect !== originals[0] && globalThis.fetch !== originals[2];
    for (const cleanup of cleanups) await cleanup();
    this.assertTrue(patched);
    this.assertEqual([net.Socket.prototype.connect, https.Agent.prototype.createConnection, globalThis.fetch], originals);
  }
}

export class InstallOutsideTestTests extends SynchronousTestCase {
  /** Called with the class (as in setUpClass), install says how to use it. */
  test_installWithAClassIsAUsageError(): void {
    const error = this.assertRaises(NetworkUsageError, () => new MemoryNetwork().install(InstallOutsideTestTests));
    this.assertSubstring('not in setUpClass', error.message);
  }

  /** Called with nothing, install is a usage error too. */
  test_installWithNothingIsAUsageError(): void {
    const error = this.assertRaises(NetworkUsageError, () => new MemoryNetwork().install(undefined));
    this.assertSubstring('must be given the running test', error.message);
  }
}

export class InstallEndToEndTests extends TestCase {
  /** fixtures/namespaceNetImport: a module's `import * as net` is routed; no leak, no warning. */
  async test_namespaceImportFixturePasses(): Promise<void> {
    const result = await runCli(['--temp-directory', path.join(this.mktemp(), 'trial'), path.join(FIXTURES, 'namespaceNetImport')]);
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertSubstring('tests: 3 passed, 0 failed, 0 skipped', output);
    this.assertNotIn('[WARNING]', output);
  }
}
