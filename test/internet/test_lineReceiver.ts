/**
 * Tests for packages/runtime/src/internet/lineReceiver.ts: Twisted's LineReceiver semantics over a
 * StringTransport — any chunking, delimiters, MAX_LENGTH, raw mode, sendLine.
 */
import { LineReceiver, StringTransport, SynchronousTestCase } from 'trial-ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Records what it receives; a line `raw:N` switches to raw mode for N bytes. */
class Recorder extends LineReceiver {
  lines: string[] = [];
  raw: string[] = [];
  exceeded: string[] = [];
  #rawLeft = 0;

  override lineReceived(line: string): void {
    this.lines.push(line);
    const raw = /^raw:(\d+)$/.exec(line);
    if (raw !== null) {
      this.#rawLeft = Number(raw[1]);
      this.setRawMode();
    }
  }

  override rawDataReceived(data: Uint8Array): void {
    const mine = data.subarray(0, this.#rawLeft);
    this.#rawLeft -= mine.length;
    this.raw.push(new TextDecoder().decode(mine));
    if (this.#rawLeft === 0) this.setLineMode(data.subarray(mine.length));
  }

  override lineLengthExceeded(line: Uint8Array): void {
    this.exceeded.push(new TextDecoder().decode(line));
    super.lineLengthExceeded(line);
  }
}

function connected<P extends LineReceiver>(protocol: P): { protocol: P; transport: StringTransport } {
  const transport = new StringTransport();
  protocol.makeConnection(transport);
  return { protocol, transport };
}

export class LineReceiverTests extends SynchronousTestCase {
  /** Lines come out whole whatever the chunking, byte by byte included. */
  test_anyChunking(): void {
    const wire = 'first\r\nsecond line\r\n\r\nlast\r\n';
    for (const size of [1, 2, 3, 7, wire.length]) {
      const { protocol } = connected(new Recorder());
      for (let i = 0; i < wire.length; i += size) protocol.dataReceived(bytes(wire.slice(i, i + size)));
      this.assertEqual(protocol.lines, ['first', 'second line', '', 'last'], `chunks of ${size}`);
    }
  }

  /** A partial line waits for its delimiter. */
  test_partialLineWaits(): void {
    const { protocol } = connected(new Recorder());
    protocol.dataReceived(bytes('no end yet'));
    this.assertEqual(protocol.lines, []);
    protocol.dataReceived(bytes('\r\n'));
    this.assertEqual(protocol.lines, ['no end yet']);
  }

  /** The delimiter is settable; a bare \n is then the end of a line. */
  test_customDelimiter(): void {
    const { protocol } = connected(Object.assign(new Recorder(), { delimiter: '\n' }));
    protocol.dataReceived(bytes('a\nb\r\n'));
    this.assertEqual(protocol.lines, ['a', 'b\r']);
  }

  /** Multi-byte UTF-8 split across chunks decodes once the line is whole. */
  test_utf8AcrossChunks(): void {
    const { protocol } = connected(new Recorder());
    const wire = bytes('héllo\r\n');
    protocol.dataReceived(wire.subarray(0, 2));
    protocol.dataReceived(wire.subarray(2));
    this.assertEqual(protocol.lines, ['héllo']);
  }

  /** sendLine writes the line and the delimiter. */
  test_sendLine(): void {
    const { protocol, transport } = connected(new Recorder());
    protocol.sendLine('PING');
    protocol.sendLine(bytes('PONG'));
    this.assertEqual(transport.text(), 'PING\r\nPONG\r\n');
  }

  /** A complete line over MAX_LENGTH calls lineLengthExceeded with everything buffered and drops the connection. */
  test_longLineExceeds(): void {
    const { protocol, transport } = connected(Object.assign(new Recorder(), { MAX_LENGTH: 4 }));
    protocol.dataReceived(bytes('okay\r\ntoolong\r\nrest'));
    this.assertEqual(protocol.lines, ['okay']);
    this.assertEqual(protocol.exceeded, ['toolong\r\nrest']);
    this.assertTrue(transport.disconnecting);
  }

  /** Without a delimiter, a buffer of MAX_LENGTH plus the delimiter's length is too long. */
  test_unterminatedBufferExceeds(): void {
    const { protocol } = connected(Object.assign(new Recorder(), { MAX_LENGTH: 4 }));
    protocol.dataReceived(bytes('abcde'));
    this.assertEqual(protocol.exceeded, []);
    protocol.dataReceived(bytes('f'));
    this.assertEqual(protocol.exceeded, ['abcdef']);
  }

  /** A line of exactly MAX_LENGTH bytes is accepted. */
  test_exactlyMaxLength(): void {
    const { protocol } = connected(Object.assign(new Recorder(), { MAX_LENGTH: 4 }));
    protocol.dataReceived(bytes('abcd\r\n'));
    this.assertEqual([protocol.lines, protocol.exceeded], [['abcd'], []]);
  }

  /** Raw mode hands bytes on as they come; setLineMode(extra) parses the rest as lines. */
  test_rawModeAndBack(): void {
    const { protocol } = connected(new Recorder());
    protocol.dataReceived(bytes('raw:5\r\nab'));
    this.assertFalse(protocol.lineMode);
    protocol.dataReceived(bytes('c\r\nde\r\nnext\r\n'));
    this.assertEqual(protocol.raw, ['ab', 'c\r\n']);
    this.assertEqual(protocol.lines, ['raw:5', 'de', 'next']);
    this.assertTrue(protocol.lineMode);
  }

  /** After the connection starts closing, later lines in the same chunk are not handed on. */
  test_stopsAfterLoseConnection(): void {
    class Quitter extends Recorder {
      override lineReceived(line: string): void {
        super.lineReceived(line);
        if (line === 'QUIT') this.transport.loseConnection();
      }
    }
    const { protocol } = connected(new Quitter());
    protocol.dataReceived(bytes('a\r\nQUIT\r\nb\r\n'));
    this.assertEqual(protocol.lines, ['a', 'QUIT']);
  }

  /** clearLineBuffer returns what was not yet handed on and empties it. */
  test_clearLineBuffer(): void {
    const { protocol } = connected(new Recorder());
    protocol.dataReceived(bytes('half'));
    this.assertEqual(new TextDecoder().decode(protocol.clearLineBuffer()), 'half');
    protocol.dataReceived(bytes('\r\n'));
    this.assertEqual(protocol.lines, ['']);
  }
}
