/**
 * Tests for src/reporters/subunit.ts and its packet encoder: byte-exact packets against
 * python-subunit's own encoder, and the reporter's stream read back by python-subunit
 * (`subunit-stats` and its v2 parser).
 */
import { TestCase } from 'trial-ts';
import { subunit } from '../../src/reporters/subunit';
import { crc32, encodeNumber, encodePacket, fileChunks } from '../../src/reporters/format/subunitPacket';
import { collectingContext, everyOutcome } from './sampleEvents';
import { hasTool, runTool, runToolBytes, toolMissing } from './externalTools';

/** The Python that has python-subunit (Debian's python3-subunit installs into /usr/bin/python3). */
const PYTHON = '/usr/bin/python3';

function hasPythonSubunit(): boolean {
  return hasTool(PYTHON) && runTool(PYTHON, ['-c', 'import subunit.v2']).status === 0;
}

async function everyOutcomeStream(): Promise<Buffer> {
  const sink = collectingContext();
  const reporter = subunit(sink.ctx);
  for (const event of everyOutcome()) reporter.handle(event);
  await reporter.close();
  return sink.bytes();
}

/** Reads a v2 stream on stdin and prints one line per status event: id, status, file name, tags. */
const DUMP = `
import sys, subunit, testtools
class R(testtools.StreamResult):
    def status(self, test_id=None, test_status=None, test_tags=None, runnable=True, file_name=None, file_bytes=None, eof=False, mime_type=None, route_code=None, timestamp=None):
        print(test_id, test_status, file_name, sorted(test_tags or []), timestamp is not None)
subunit.ByteStreamToStreamResult(sys.stdin.buffer, non_subunit_name='stdout').run(R())
`;

export class SubunitPacketTests extends TestCase {
  /** CRC-32 matches zlib's check value. */
  test_crc32(): void {
    this.assertEqual(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  }

  /** Numbers take 1 to 4 bytes with the length in the top two bits. */
  test_encodeNumber(): void {
    this.assertEqual([...encodeNumber(63)], [0x3f]);
    this.assertEqual([...encodeNumber(64)], [0x40, 0x40]);
    this.assertEqual([...encodeNumber(16384)], [0x80, 0x40, 0x00]);
    this.assertEqual([...encodeNumber(4194304)], [0xc0, 0x40, 0x00, 0x00]);
    this.assertRaises(RangeError, encodeNumber, 2 ** 30);
  }

  /** A packet is byte-identical to what python-subunit's StreamResultToBytes writes. */
  test_packetMatchesPythonSubunit(): void {
    if (!hasPythonSubunit()) toolMissing(this, 'python-subunit is not installed (Debian: python3-subunit)');
    const script = `
import sys, datetime, subunit
from subunit import iso8601
out = subunit.StreamResultToBytes(sys.stdout.buffer)
ts = datetime.datetime(2023, 11, 14, 22, 13, 20, 500000, iso8601.UTC)
out.status(test_id='a:B.test_c', test_status='fail', test_tags={'worker-0'}, timestamp=ts)
out.status(test_id='a:B.test_c', file_name='traceback', file_bytes=b'x' * 100, mime_type='text/plain', eof=True)
`;
    const python = runToolBytes(PYTHON, ['-c', script]);
    const ours = Buffer.concat([
      encodePacket({ testId: 'a:B.test_c', status: 'fail', tags: ['worker-0'], timestamp: 1_700_000_000_500 }),
      encodePacket({ testId: 'a:B.test_c', fileName: 'traceback', fileBytes: new Uint8Array(100).fill(0x78), mimeType: 'text/plain', eof: true }),
    ]);
    this.assertEqual(ours.toString('hex'), python.toString('hex'));
  }

  /** Big files are chunked; empty ones still make one chunk. */
  test_fileChunks(): void {
    this.assertEqual(fileChunks(new Uint8Array(5), 2).map((c) => c.length), [2, 2, 1]);
    this.assertEqual(fileChunks(new Uint8Array(0)).length, 1);
  }
}

export class SubunitReporterTests extends TestCase {
  /** subunit-stats counts the stream as python-subunit sees it. */
  async test_subunitStats(): Promise<void> {
    if (!hasTool('subunit-stats')) toolMissing(this, 'subunit-stats is not installed (Debian: subunit)');
    const result = runTool('subunit-stats', [], await everyOutcomeStream());
    this.assertEqual(result.stdout, 'Total tests:      11\nPassed tests:      3\nFailed tests:      7\nSkipped tests:     1\nSeen tags: worker-0\n');
  }

  /** python-subunit's v2 parser reads every packet: statuses, attachments and tags, no corruption. */
  async test_parsedByPythonSubunit(): Promise<void> {
    if (!hasPythonSubunit()) toolMissing(this, 'python-subunit is not installed (Debian: python3-subunit)');
    const result = runTool(PYTHON, ['-c', DUMP], await everyOutcomeStream());
    const p = 'test/test_calc.ts:';
    this.assertEqual(result.stderr, '');
    this.assertEqual(result.stdout.split('\n'), [
      `${p}AsyncTests.test_leak inprogress None ['worker-0'] True`,
      `${p}AsyncTests.test_leak None traceback ['worker-0'] False`,
      `${p}AsyncTests.test_leak fail None ['worker-0'] True`,
      `${p}AsyncTests.test_pass inprogress None ['worker-0'] True`,
      `${p}AsyncTests.test_pass success None ['worker-0'] True`,
      `${p}SyncTests.test_error inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_error None traceback ['worker-0'] False`,
      `${p}SyncTests.test_error fail None ['worker-0'] True`,
      `${p}SyncTests.test_fail inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_fail None traceback ['worker-0'] False`,
      `${p}SyncTests.test_fail fail None ['worker-0'] True`,
      `${p}SyncTests.test_failAgain inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_failAgain None traceback ['worker-0'] False`,
      `${p}SyncTests.test_failAgain fail None ['worker-0'] True`,
      `${p}SyncTests.test_output inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_output None traceback ['worker-0'] False`,
      `${p}SyncTests.test_output None stdout ['worker-0'] False`,
      `${p}SyncTests.test_output None stderr ['worker-0'] False`,
      `${p}SyncTests.test_output fail None ['worker-0'] True`,
      `${p}SyncTests.test_skip inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_skip None reason ['worker-0'] False`,
      `${p}SyncTests.test_skip skip None ['worker-0'] True`,
      `${p}SyncTests.test_todo inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_todo None traceback ['worker-0'] False`,
      `${p}SyncTests.test_todo None reason ['worker-0'] False`,
      `${p}SyncTests.test_todo xfail None ['worker-0'] True`,
      `${p}SyncTests.test_unexpectedSuccess inprogress None ['worker-0'] True`,
      `${p}SyncTests.test_unexpectedSuccess None reason ['worker-0'] False`,
      `${p}SyncTests.test_unexpectedSuccess uxsuccess None ['worker-0'] True`,
      `${p}AsyncTests.test_pass None traceback-after-test-ended ['worker-0'] False`,
      `${p}AsyncTests.test_pass fail None ['worker-0'] True`,
      `<not in test> inprogress None ['worker-0'] True`,
      `<not in test> None traceback ['worker-0'] False`,
      `<not in test> fail None ['worker-0'] True`,
      '',
    ]);
  }

  /** A traceback larger than one packet is split and reassembled intact. */
  async test_largeAttachment(): Promise<void> {
    if (!hasPythonSubunit()) toolMissing(this, 'python-subunit is not installed (Debian: python3-subunit)');
    const sink = collectingContext();
    const reporter = subunit(sink.ctx);
    const test = { id: 'a.ts:A.test_big', file: 'a.ts', className: 'A', methodName: 'test_big' };
    const stack = 'E: big\n' + 'x'.repeat(300_000);
    reporter.handle({ type: 'test:end', test, worker: 0, outcome: 'error', durationMs: 1, errors: [{ name: 'E', message: 'big', stack }] });
    await reporter.close();
    const script = `
import sys, subunit, testtools
parts = []
class R(testtools.StreamResult):
    def status(self, file_name=None, file_bytes=None, **kw):
        if file_name: parts.append(bytes(file_bytes))
subunit.ByteStreamToStreamResult(sys.stdin.buffer).run(R())
print(len(parts), len(b''.join(parts)))
`;
    this.assertEqual(runTool(PYTHON, ['-c', script], sink.bytes()).stdout, `5 ${stack.length}\n`);
  }
}
