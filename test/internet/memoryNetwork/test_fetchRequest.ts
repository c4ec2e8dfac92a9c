/**
 * The request half of network.fetch: what goes on the wire for a fetch call, and the
 * fetch standard's redirect rules.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { followRedirect, headerLines, isRedirect, readRequest } from '../../../src/internet/memoryNetwork/fetchRequest';

export class ReadRequestTests extends TestCase {
  /** A string body is bytes with fetch's default content-type; the user's headers come before Node's defaults. */
  async test_stringBody(): Promise<void> {
    const request = await readRequest('http://api.test:81/p?q=1', { method: 'post', body: 'héllo', headers: { 'X-A': 'b' } });
    this.assertEqual([request.method, request.url.href, String(request.body), request.signal], ['POST', 'http://api.test:81/p?q=1', 'héllo', null]);
    this.assertEqual(headerLines(request), [
      'host', 'api.test:81', 'connection', 'keep-alive', 'x-a', 'b', 'content-type', 'text/plain;charset=UTF-8',
      'accept', '*/*', 'accept-language', '*', 'sec-fetch-mode', 'cors', 'user-agent', 'node', 'accept-encoding', 'gzip, deflate',
      'content-length', '6',
    ]);
  }

  /** The caller's buffer is copied: changing it after the call changes nothing sent. */
  async test_bytesAreCopied(): Promise<void> {
    const bytes = new Uint8Array([1, 2, 3]);
    const request = await readRequest('http://api.test/', { method: 'PUT', body: bytes });
    bytes[0] = 9;
    this.assertEqual([...(request.body as Buffer)], [1, 2, 3]);
  }

  /** A Request's own body is read; a given signal is kept; a bodiless POST says content-length 0. */
  async test_requestInput(): Promise<void> {
    const controller = new AbortController();
    const request = await readRequest(new Request('http://api.test/', { method: 'POST', body: 'in', signal: controller.signal }), undefined);
    const empty = await readRequest('http://api.test/', { method: 'POST' });
    this.assertEqual([String(request.body), request.signal !== null, headerLines(empty).slice(-2)], ['in', true, ['content-length', '0']]);
  }

  /** What new Request rejects, readRequest rejects: a GET with a body, a URL with credentials. */
  async test_badCallsAreTypeErrors(): Promise<void> {
    await this.assertRejects(TypeError, readRequest('http://api.test/', { body: 'x' }));
    await this.assertRejects(TypeError, readRequest('http://user:pw@api.test/', undefined));
  }
}

export class FollowRedirectTests extends TestCase {
  /** 303 turns a PUT into a bodiless GET without its body headers; the same origin keeps credentials. */
  async test_303BecomesAGet(): Promise<void> {
    const request = await readRequest('http://api.test/a', { method: 'PUT', body: 'x', headers: { authorization: 'k', 'content-type': 'text/csv' } });
    const next = followRedirect(request, 303, '/b');
    this.assertEqual([next.method, next.body, next.url.href, next.headers], ['GET', null, 'http://api.test/b', [['authorization', 'k']]]);
  }

  /** Another origin drops authorization and cookie; 308 keeps the method and body. */
  async test_crossOrigin(): Promise<void> {
    const request = await readRequest('http://api.test/a', { method: 'PATCH', body: 'x', headers: { authorization: 'k', cookie: 'c=1', 'x-keep': '1' } });
    const next = followRedirect(request, 308, 'http://other.test/b');
    this.assertEqual([next.method, String(next.body), next.headers], ['PATCH', 'x', [['x-keep', '1'], ['content-type', 'text/plain;charset=UTF-8']]]);
  }

  /** A location that is not http(s) fails as fetch fails. */
  async test_badLocation(): Promise<void> {
    const request = await readRequest('http://api.test/a', undefined);
    const error = this.assertRaises(TypeError, () => followRedirect(request, 302, 'ftp://files.test/'));
    this.assertEqual(error.message, 'fetch failed');
  }
}

export class IsRedirectTests extends SynchronousTestCase {
  /** Only 301, 302, 303, 307 and 308 are followed. */
  test_statuses(): void {
    this.assertEqual([300, 301, 302, 303, 304, 307, 308].filter(isRedirect), [301, 302, 303, 307, 308]);
  }
}
