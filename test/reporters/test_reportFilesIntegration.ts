/**
 * End to end: report files are replaced whole. A run killed before its end (here a test
 * SIGKILLs the runner itself) leaves the previous report in place, never an empty or
 * half-written one; a run that ends writes the complete new report.
 */
import { execFileSync } from 'node:child_process';
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

  /** A report path that is a pipe (as /dev/null or /dev/stdout are devices) is written in place, never renamed over. */
  async test_pipeIsWrittenInPlace(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const fifo = path.join(dir, 'events.fifo');
    execFileSync('mkfifo', [fifo]);
    // The pipe's reader: opened before the run writes, it collects what the run sends.
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      fs.createReadStream(fifo, 'utf8')
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const result = await runCli(
      ['--temp-directory', path.join(dir, 'trial'), '--reporter', `json:${fifo}`, path.join(FIXTURES, 'crashing', 'test_fine.ts')],
      { timeoutMs: 30_000 },
    );
    this.assertEqual(result.code, 1, result.stdout + result.stderr); // the fixture has one failing test
    // Checked first: a pipe renamed over would leave the reader waiting forever.
    this.assertTrue(fs.statSync(fifo).isFIFO(), 'the pipe is still a pipe');
    const events = (await received).trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    this.assertEqual(events[events.length - 1], 'run:end');
    this.assertEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.partial')), []);
  }
}
