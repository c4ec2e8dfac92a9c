/**
 * install(this): net.connect/createConnection, http(s).get and globalThis.fetch reach
 * the memory network for one test, other addresses are refused, and a cleanup undoes it.
 */
import * as http from 'node:http';
import * as https from 'node:https';
// As a plain require: a namespace import compiled by swc is a copy taken at load time.
import net = require('node:net');
import { MemoryNetwork, NetworkUsageError, SynchronousTestCase, TestCase } from 'trial-ts';

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
    const originals = [net.connect, net.createConnection, http.Agent.prototype.createConnection, globalThis.fetch];
    const network = new MemoryNetwork();
    const cleanups: Array<() => unknown> = [];
    network.install({ constructor: { [Symbol.for('trial-ts.testCase')]: true }, addCleanup: (fn: () => unknown) => cleanups.push(fn) });
    const patched = net.connect !== originals[0] && globalThis.fetch !== originals[3];
    for (const cleanup of cleanups) await cleanup();
    this.assertTrue(patched);
    this.assertEqual([net.connect, net.createConnection, http.Agent.prototype.createConnection, globalThis.fetch], originals);
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
