/**
 * End to end: how a run reports a Deferred whose failure nobody handled (the real CLI
 * over fixtures/unhandledDeferredReport, in-process and in both worker pools).
 */
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

const FIXTURE = 'fixtures/unhandledDeferredReport';

/** The report block of the one test, from the `[ERROR]` line to the test id (frames as Node 20 names them). */
const REPORT = [
  '[ERROR]',
  'UnhandledDeferredError: Unhandled error in Deferred: RangeError: the answer was lost. No errback handled this failure: ' +
    'add one (d.addErrback), or return or await the Deferred so its failure reaches the test. The Deferred was created at the frames below.',
  '    at setUp (fixtures/unhandledDeferredReport/test_lostFailure.ts:8:21)',
  'Caused by: RangeError: the answer was lost',
  '    at test_lost (fixtures/unhandledDeferredReport/test_lostFailure.ts:12:28)',
  '',
  'fixtures/unhandledDeferredReport/test_lostFailure.ts:LostFailureTests.test_lost',
];

/** The report block of a run; frames without the class name Node 22+ puts before the method's. */
function reportBlock(stdout: string): string[] {
  const lines = stdout.split('\n').map((line) => line.replace(/^( {4}at )LostFailureTests\./, '$1'));
  const start = lines.indexOf('[ERROR]');
  return lines.slice(start, start + REPORT.length);
}

/** Tests of the unhandled-Deferred report. */
export class UnhandledReportIntegrationTests extends TestCase {
  /** In-process: the error says "Unhandled error in Deferred", shows where the Deferred was made (setUp), then the error's own stack. */
  async test_inProcess(): Promise<void> {
    const result = await runCli(['--reporter', 'verbose', FIXTURE]);
    this.assertEqual([result.code, reportBlock(result.stdout)], [1, REPORT]);
  }

  /** The same report from a thread worker. */
  async test_threadWorker(): Promise<void> {
    const result = await runCli(['--reporter', 'verbose', '-j', '2', '--pool', 'threads', FIXTURE]);
    this.assertEqual([result.code, reportBlock(result.stdout)], [1, REPORT]);
  }

  /** The same report from a process worker. */
  async test_processWorker(): Promise<void> {
    const result = await runCli(['--reporter', 'verbose', '-j', '2', '--pool', 'processes', FIXTURE]);
    this.assertEqual([result.code, reportBlock(result.stdout)], [1, REPORT]);
  }
}
