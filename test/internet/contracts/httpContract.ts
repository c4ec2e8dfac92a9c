/**
 * The HTTP contract: the same client/server assertions over the memory network and over
 * real loopback TCP. Each suite supplies a way to serve an `http.Server` and a `fetch`
 * and `get` that reach it; the assertions cannot tell which network carried the bytes.
 */
import * as http from 'node:http';
import { TestCase } from 'trial-ts';

/** What a contract suite needs: serve a server, then reach it. */
export interface HttpHarness {
  /** Make `server` reachable; resolves to its base URL (`http://host:port`). */
  serve(server: http.Server): Promise<string>;
  /** WHATWG fetch that reaches served servers. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** The agent `http.get` should use (undefined: the global agent). */
  agent?: http.Agent;
  /** Close everything the harness opened. */
  close(): Promise<void>;
}

function get(url: string, agent: http.Agent | undefined): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

/**
 * Build the contract suite for one kind of network.
 *
 * @param makeHarness - called in setUp with the test; returns a fresh harness.
 * @returns an abstract TestCase class to extend (and export) in a test file.
 */
export function httpContract(makeHarness: (test: TestCase) => HttpHarness) {
  abstract class HttpContract extends TestCase {
    harness!: HttpHarness;

    override setUp(): void {
      this.harness = makeHarness(this);
      this.addCleanup(() => this.harness.close());
    }

    /** A POST body and headers reach the handler; status, headers and body come back. */
    async test_postRoundTrip(): Promise<void> {
      const base = await this.harness.serve(
        http.createServer((request, response) => {
          let body = '';
          request.on('data', (chunk: Buffer) => (body += chunk.toString()));
          request.on('end', () => response.writeHead(201, { 'x-method': request.method }).end(`${request.headers['content-type']}|${body}`));
        }),
      );
      const response = await this.harness.fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'tea' });
      this.assertEqual([response.status, response.headers.get('x-method'), await response.text()], [201, 'POST', 'text/plain|tea']);
    }

    /** A chunked response streamed in pieces arrives whole, through http.get. */
    async test_chunkedResponseThroughHttpGet(): Promise<void> {
      const base = await this.harness.serve(
        http.createServer((_request, response) => {
          response.write('one,');
          response.write('two,');
          response.end('three');
        }),
      );
      const { status, headers, body } = await get(`${base}/stream`, this.harness.agent);
      this.assertEqual([status, headers['transfer-encoding'], body], [200, 'chunked', 'one,two,three']);
    }

    /** Sequential requests all get their own answers, in order. */
    async test_sequentialRequests(): Promise<void> {
      let count = 0;
      const base = await this.harness.serve(http.createServer((request, response) => response.end(`${++count} ${request.url}`)));
      const bodies: string[] = [];
      for (const path of ['/a', '/b', '/c']) bodies.push(await (await this.harness.fetch(`${base}${path}`)).text());
      this.assertEqual(bodies, ['1 /a', '2 /b', '3 /c']);
    }

    /** A 1 MB body survives the trip byte for byte. */
    async test_largeBody(): Promise<void> {
      const big = Buffer.alloc(1 << 20, 'abcdefgh');
      const base = await this.harness.serve(http.createServer((_request, response) => response.end(big)));
      const body = Buffer.from(await (await this.harness.fetch(`${base}/big`)).arrayBuffer());
      this.assertTrue(body.equals(big), `got ${body.length} bytes`);
    }

    /** A server that destroys the connection mid-request makes fetch fail with 'fetch failed'. */
    async test_destroyedConnectionFailsTheFetch(): Promise<void> {
      const base = await this.harness.serve(http.createServer((request) => request.socket.destroy()));
      const error = await this.assertRejects(TypeError, this.harness.fetch(`${base}/x`));
      this.assertEqual(error.message, 'fetch failed');
    }
  }
  return HttpContract;
}
