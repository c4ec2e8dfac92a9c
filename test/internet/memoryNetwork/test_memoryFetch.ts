/**
 * network.fetch: requests and responses cross Node's real parsers on both sides; the
 * platform's Request and Response; keep-alive reuse within the tick (settle() alone
 * completes a fetch); redirects, gzip, streamed bodies and aborts as Node's fetch has
 * them; a pending fetch is a MEMORYREQUEST the janitor can see.
 */
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { MemoryNetwork, settle, TestCase } from 'trial-ts';
import { MemoryRequest } from '../../../src/internet/memoryNetwork/memoryFetch';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A server that answers `handler(seen)` and records every request it read. */
function recorder(seen: Seen[], handler: (request: Seen, response: http.ServerResponse) => void): http.Server {
  return http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const record = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(record);
      handler(record, response);
    });
  });
}

export class MemoryFetchTests extends TestCase {
  network = new MemoryNetwork();
  seen: Seen[] = [];

  override setUp(): void {
    this.addCleanup(() => this.network.close());
    this.network.listen(
      recorder(this.seen, (request, response) => {
        if (request.url === '/moved') response.writeHead(302, { location: '/target' }).end('moving');
        else if (request.url === '/kept') response.writeHead(307, { location: 'http://other.test/target' }).end();
        else if (request.url === '/loop') response.writeHead(301, { location: '/loop' }).end();
        else if (request.url === '/gzip') response.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('unzipped'));
        else if (request.url === '/cookies') response.writeHead(200, [['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).end();
        else if (request.url === '/empty') response.writeHead(204).end();
        else response.writeHead(201, { 'x-echo': String(request.headers['x-in']) }).end(`${request.method} ${request.body}`);
      }),
      'api.test:8080',
    );
    this.network.listen(recorder(this.seen, (request, response) => response.end(`other ${request.method} ${request.body}`)), 'other.test:80');
  }

  /** Method, headers and body reach the server; status, headers and body come back in the platform's Response. */
  async test_requestAndResponseCrossTheParser(): Promise<void> {
    const response = await this.network.fetch('http://api.test:8080/', { method: 'PUT', headers: { 'x-in': 'yes' }, body: 'data' });
    this.assertTrue(response instanceof Response);
    this.assertEqual([response.status, response.headers.get('x-echo'), response.url, response.redirected, response.type], [201, 'yes', 'http://api.test:8080/', false, 'basic']);
    this.assertEqual(await response.text(), 'PUT data');
  }

  /** The server sees what Node's fetch sends: host, keep-alive, its default headers, a content-length. */
  async test_serverSeesNodeFetchHeaders(): Promise<void> {
    await (await this.network.fetch('http://api.test:8080/h', { method: 'POST', body: 'abc' })).text();
    const { headers } = this.seen[0];
    this.assertEqual(
      [headers.host, headers.connection, headers.accept, headers['user-agent'], headers['accept-encoding'], headers['content-type'], headers['content-length']],
      ['api.test:8080', 'keep-alive', '*/*', 'node', 'gzip, deflate', 'text/plain;charset=UTF-8', '3'],
    );
  }

  /** Form, bytes and streamed bodies are sent as fetch sends them. */
  async test_bodyKinds(): Promise<void> {
    const url = 'http://api.test:8080/b';
    await (await this.network.fetch(url, { method: 'POST', body: new URLSearchParams({ a: '1 2' }) })).text();
    await (await this.network.fetch(url, { method: 'POST', body: new TextEncoder().encode('bytes') })).text();
    const stream = new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode('streamed')), controller.close()) });
    await (await this.network.fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)).text();
    const form = new FormData();
    form.set('field', 'value');
    await (await this.network.fetch(url, { method: 'POST', body: form })).text();
    const [params, bytes, streamed, multipart] = this.seen;
    this.assertEqual([params.body, params.headers['content-type']], ['a=1+2', 'application/x-www-form-urlencoded;charset=UTF-8']);
    this.assertEqual([bytes.body, bytes.headers['content-type']], ['bytes', undefined]);
    this.assertEqual([streamed.body, streamed.headers['transfer-encoding']], ['streamed', 'chunked']);
    this.assertSubstring('multipart/form-data; boundary=', String(multipart.headers['content-type']));
    this.assertSubstring('value', multipart.body);
  }

  /** A GET with a body is the TypeError Node's fetch throws. */
  async test_getWithBodyIsATypeError(): Promise<void> {
    await this.assertRejects(TypeError, this.network.fetch('http://api.test:8080/', { body: 'no' }));
    this.assertEqual(this.seen, []);
  }

  /** Sequential fetches reuse one kept-alive connection; idle, it is no leak of the test. */
  async test_sequentialFetchesReuseOneConnection(): Promise<void> {
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) bodies.push(await (await this.network.fetch('http://other.test/')).text());
    this.assertEqual(bodies, Array(5).fill('other GET '));
    this.assertEqual(this.network.connections.map((connection) => connection.isOpen()), [false]);
  }

  /** A fetch needs no timer, immediate or I/O: settle() alone completes it, body and all. */
  async test_settleCompletesAFetch(): Promise<void> {
    let text: string | undefined;
    void this.network.fetch('http://other.test/').then(async (response) => (text = await response.text()));
    await settle();
    this.assertEqual(text, 'other GET ');
  }

  /** A 302 after a POST is followed as a GET without the body; the response knows it was redirected. */
  async test_redirectIsFollowed(): Promise<void> {
    const response = await this.network.fetch('http://api.test:8080/moved', { method: 'POST', body: 'x', headers: { authorization: 'secret' } });
    this.assertEqual([response.status, response.url, response.redirected, await response.text()], [201, 'http://api.test:8080/target', true, 'GET ']);
    this.assertEqual([this.seen[1].method, this.seen[1].headers['content-type'], this.seen[1].headers.authorization], ['GET', undefined, 'secret']);
  }

  /** A 307 keeps the method and body; credentials do not cross to another origin. */
  async test_307KeepsTheBody(): Promise<void> {
    const response = await this.network.fetch('http://api.test:8080/kept', { method: 'PUT', body: 'again', headers: { authorization: 'secret' } });
    this.assertEqual(await response.text(), 'other PUT again');
    this.assertEqual([this.seen[1].headers.authorization, this.seen[1].headers.host], [undefined, 'other.test']);
  }

  /** redirect: 'manual' returns the redirect; 'error' and a loop fail as Node's fetch fails. */
  async test_redirectModes(): Promise<void> {
    const manual = await this.network.fetch('http://api.test:8080/moved', { redirect: 'manual' });
    this.assertEqual([manual.status, manual.headers.get('location'), await manual.text()], [302, '/target', 'moving']);
    const error = await this.assertRejects(TypeError, this.network.fetch('http://api.test:8080/moved', { redirect: 'error' }));
    const loop = await this.assertRejects(TypeError, this.network.fetch('http://api.test:8080/loop'));
    this.assertEqual([error.message, (error.cause as Error).message, (loop.cause as Error).message], ['fetch failed', 'unexpected redirect', 'redirect count exceeded']);
  }

  /** gzip is decoded; several set-cookie headers stay apart; a 204 has no body. */
  async test_responseHeadersAndEncodings(): Promise<void> {
    this.assertEqual(await (await this.network.fetch('http://api.test:8080/gzip')).text(), 'unzipped');
    this.assertEqual((await this.network.fetch('http://api.test:8080/cookies')).headers.getSetCookie(), ['a=1', 'b=2']);
    this.assertEqual((await this.network.fetch('http://api.test:8080/empty')).body, null);
  }

  /** An aborted signal rejects with its reason, before sending and while waiting. */
  async test_abort(): Promise<void> {
    const before = await this.assertRejects(Error, this.network.fetch('http://api.test:8080/', { signal: AbortSignal.abort() }));
    this.network.listen(http.createServer(() => undefined), 'silent.test:80');
    const controller = new AbortController();
    const waiting = this.network.fetch('http://silent.test/', { signal: controller.signal });
    await settle();
    controller.abort();
    const during = await this.assertRejects(Error, waiting);
    this.assertEqual([before.name, during.name, this.seen.length], ['AbortError', 'AbortError', 0]);
  }

  /** A body still arriving is a stream: fetch resolves at the head, chunks come as the server writes them. */
  async test_streamedResponse(): Promise<void> {
    let finish: (() => void) | undefined;
    this.network.listen(
      http.createServer((_request, response) => {
        response.write('first ');
        finish = () => response.end('last');
      }),
      'stream.test:80',
    );
    const response = await this.network.fetch('http://stream.test/');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    finish!();
    const last = new TextDecoder().decode((await reader.read()).value);
    this.assertEqual([first, last, (await reader.read()).done], ['first ', 'last', true]);
  }

  /** A MemoryRequest is open until settled, and carries its own async type. */
  test_memoryRequestState(): void {
    const request = new MemoryRequest('GET', 'http://a.test/');
    const before = request.isOpen();
    request.settled();
    this.assertEqual([before, request.isOpen(), request.description], [true, false, 'a memory fetch GET http://a.test/ still waiting for its response']);
  }
}

export class MemoryAgentTests extends TestCase {
  /** http.get with { agent: network.agent } reaches a listened server without install. */
  async test_httpGetThroughTheAgent(): Promise<void> {
    const network = new MemoryNetwork();
    this.addCleanup(() => network.close());
    network.listen(
      http.createServer((request, response) => response.end(`agent ${request.url}`)),
      'api.test:80',
    );
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get('http://api.test/x', { agent: network.agent }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    this.assertEqual([body, network.agent instanceof http.Agent], ['agent /x', true]);
  }
}
