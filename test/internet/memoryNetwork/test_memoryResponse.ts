/**
 * MemoryResponse: a global Response that knows its URL; a held body is read as the
 * standard reads a body (once), and gives a stream, a Blob or a clone when asked.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { MemoryResponse } from '../../../src/internet/memoryNetwork/memoryResponse';

const STATE = { url: 'http://api.test/x', redirected: true };

function held(text: string, headers: Record<string, string> = {}): MemoryResponse {
  return new MemoryResponse(Buffer.from(text), { status: 200, statusText: 'OK', headers }, STATE);
}

export class MemoryResponseShapeTests extends SynchronousTestCase {
  /** It is a Response, with a fetched response's url, redirected and type. */
  test_isAFetchedResponse(): void {
    const response = held('x', { 'content-type': 'text/plain' });
    this.assertEqual(
      [response instanceof Response, response.url, response.redirected, response.type, response.status, response.headers.get('content-type'), response.bodyUsed],
      [true, 'http://api.test/x', true, 'basic', 200, 'text/plain', false],
    );
  }
}

export class MemoryResponseBodyTests extends TestCase {
  /** text() decodes the bytes (dropping a BOM, as the standard does); json() parses them. */
  async test_textAndJson(): Promise<void> {
    this.assertEqual([await held('\uFEFFhé').text(), await held('{"a":1}').json()], ['hé', { a: 1 }]);
  }

  /** A body is read once: a second read rejects with Node's TypeError, and bodyUsed says so. */
  async test_readOnce(): Promise<void> {
    const response = held('once');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const error = await this.assertRejects(TypeError, response.text());
    this.assertEqual([Buffer.from(bytes).toString(), response.bodyUsed], ['once', true]);
    this.assertSubstring('Body is unusable', error.message);
  }

  /** The body stream and blob() come from the standard Response over the same bytes; reading the stream uses the body. */
  async test_streamAndBlob(): Promise<void> {
    const response = held('streamed');
    const text = await new Response(response.body).text();
    this.assertEqual([text, response.bodyUsed], ['streamed', true]);
    await this.assertRejects(TypeError, response.text());
    this.assertEqual(await (await held('blob', { 'content-type': 'text/plain' }).blob()).text(), 'blob');
  }

  /** A clone reads independently and keeps url and redirected; a used body cannot be cloned. */
  async test_clone(): Promise<void> {
    const response = held('twice');
    const copy = response.clone();
    this.assertEqual([await response.text(), await copy.text(), copy.url, copy instanceof MemoryResponse], ['twice', 'twice', STATE.url, true]);
    this.assertRaises(TypeError, () => response.clone());
  }

  /** A streamed body is the standard's: read, cloned and used as any Response's. */
  async test_streamedBody(): Promise<void> {
    const stream = new ReadableStream<Uint8Array>({ start: (controller) => (controller.enqueue(new TextEncoder().encode('flow')), controller.close()) });
    const response = new MemoryResponse(stream, { status: 200 }, STATE);
    const copy = response.clone();
    this.assertEqual([await response.text(), await copy.text(), response.bodyUsed], ['flow', 'flow', true]);
  }
}
