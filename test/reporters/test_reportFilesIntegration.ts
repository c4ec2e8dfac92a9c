/**
 * End to end: report files are replaced whole. A run killed before its end (here a test
 * SIGKILLs the runner itself) leaves the previous report in place, never an empty or
 * half-written one; a run that ends writes the complete new report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';

const PREVIOUS = '<?xml version="1.0"?><testsuites name="previous run"/>\n';

export class ReportFilesTests extends TestCase {
  /** SIGKILL of the runner mid-run: junit.xml and events.ndjson still hold the previous run's reports. */
  async test_killedRunLeavesPreviousReport(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const junitFile = path.join(dir, 'junit.xml');
    const eventsFile = path.join(dir, 'events.ndjson');
    fs.writeFileSync(junitFile, PREVIOUS);
    fs.writeFileSync(eventsFile, '{"previous":true}\n');
    // In a thread (the default worker) the test's SIGKILL of process.pid kills the runner.
    const result = await runCli(
      ['--temp-directory', path.join(dir, 'trial'), '--reporter', `junit:${junitFile}`, '--reporter', `json:${eventsFile}`,
        path.join(FIXTURES, 'crashingSignal', 'test_sigkill.ts')],
      { timeoutMs: 30_000 },
    );
    this.assertEqual(result.signal, 'SIGKILL', result.stdout + result.stderr);
    this.assertEqual(fs.readFileSync(junitFile, 'utf8'), PREVIOUS);
    this.assertEqual(fs.readFileSync(eventsFile, 'utf8'), '{"previous":true}\n');
  }

  /** A run that ends replaces the previous report with the whole new one. */
  async test_finishedRunReplacesReport(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const junitFile = path.join(dir, 'junit.xml');
    fs.writeFileSync(junitFile, PREVIOUS);
    const result = await runCli(
      ['--temp-directory', path.join(dir, 'trial'), '--reporter', `junit:${junitFile}`, path.join(FIXTURES, 'crashing', 'test_fine.ts')],
      { timeoutMs: 30_000 },
    );
    this.assertEqual(result.code, 1, result.stdout + result.stderr);
    const report = fs.readFileSync(junitFile, 'utf8');
    this.assertSubstring('tests="3"', report);
    this.assertSubstring('</testsuites>', report);
    this.assertEqual(fs.readdirSync(dir).sort(), ['junit.xml', 'trial']);
  }
}
