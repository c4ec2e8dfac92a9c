/**
 * network.fetch: undici is loaded only when used; requests and responses cross Node's
 * real parser; a pending fetch is a MEMORYREQUEST the janitor can see.
 */
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { MemoryNetwork, TestCase } from 'trial-ts';
import { MemoryRequest } from '../../../src/internet/memoryNetwork/memoryFetch';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export class MemoryFetchTests extends TestCase {
  /** Loading the library does not load undici; the first network.fetch does. */
  test_undiciLoadsLazily(): void {
    const script = [
      "const lib = require('./dist/index.js');",
      "const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/undici/'));",
      'const before = loaded();',
      'const network = new lib.MemoryNetwork();',
      "network.fetch('http://x.test/').catch(() => { console.log(JSON.stringify([before, loaded()])); });",
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    this.assertEqual(JSON.parse(out), [false, true]);
  }

  /** Method, headers and body reach the server; status, headers and body come back. */
  async test_requestAndResponseCrossTheParser(): Promise<void> {
    const network = new MemoryNetwork();
    this.addCleanup(() => network.close());
    network.listen(
      http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => response.writeHead(201, { 'x-echo': request.headers['x-in'] }).end(`${request.method} ${body}`));
      }),
      'api.test:8080',
    );
    const response = await network.fetch('http://api.test:8080/', { method: 'PUT', headers: { 'x-in': 'yes' }, body: 'data' });
    this.assertEqual([response.status, response.headers.get('x-echo'), await response.text()], [201, 'yes', 'PUT data']);
  }

  /** Sequential fetches work, and the pool's idle keep-alive connections are no leak of the test. */
  async test_sequentialFetchesLeaveNoLeak(): Promise<void> {
    const network = new MemoryNetwork();
    this.addCleanup(() => network.close());
    let connections = 0;
    const server = http.createServer((_request, response) => response.end('ok'));
    server.on('connection', () => connections++);
    network.listen(server, 'api.test:80');
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) bodies.push(await (await network.fetch('http://api.test/')).text());
    this.assertEqual(bodies, ['ok', 'ok', 'ok', 'ok', 'ok']);
    // undici unrefs an idle socket after its idle-socket check, one setImmediate later.
    await new Promise((resolve) => setImmediate(resolve));
    this.assertTrue(connections >= 1 && network.connections.every((c) => !c.isOpen()), String(connections));
  }

  /** A MemoryRequest is open until settled, and carries its own async type. */
  test_memoryRequestState(): void {
    const request = new MemoryRequest('GET', 'http://a.test/');
    const before = request.isOpen();
    request.settled();
    this.assertEqual([before, request.isOpen(), request.description], [true, false, 'a memory fetch GET http://a.test/ still waiting for its response']);
  }
}
