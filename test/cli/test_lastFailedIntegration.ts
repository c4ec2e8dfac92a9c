/**
 * End to end: the durations file records which tests failed, and `--last-failed` runs
 * only those next time (covers src/cli/selectTests.ts and src/cli/durationsRecorder.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';

const MARKERS = 'fixtures/markers/test_markers.ts';

export class LastFailedTests extends TestCase {
  /** A run records its durations and failures; --last-failed then runs exactly the failed tests. */
  async test_rerunsOnlyWhatFailed() {
    const durations = path.join(this.mktemp(), 'durations.json');
    const first = await runCli(['--reporter', 'verbose', '--durations-file', durations, MARKERS]);
    this.assertEqual(first.code, 1);
    const recorded = JSON.parse(fs.readFileSync(durations, 'utf8')) as { version: number; tests: Record<string, number>; failed: string[] };
    this.assertEqual(Object.keys(recorded.tests).length, Object.keys(outcomesOf(first.stdout)).length);
    const failed = Object.entries(outcomesOf(first.stdout))
      .filter(([, marker]) => marker === 'ERROR' || marker === 'FAIL')
      .map(([id]) => id)
      .sort();
    this.assertEqual([...recorded.failed].sort(), failed);

    const again = await runCli(['--reporter', 'verbose', '--durations-file', durations, '--last-failed', MARKERS]);
    this.assertEqual(Object.keys(outcomesOf(again.stdout)).sort(), failed);
  }

  /** With no recorded failures, --last-failed selects nothing (exit 5 unless --allow-empty). */
  async test_nothingFailedSelectsNothing() {
    const durations = path.join(this.mktemp(), 'durations.json');
    await runCli(['--durations-file', durations, 'fixtures/passing']);
    const again = await runCli(['--durations-file', durations, '--last-failed', 'fixtures/passing']);
    this.assertEqual(again.code, 5);
    this.assertIn('no tests were selected', again.stderr);
  }
}

export class DurationsFileTests extends TestCase {
  /** Records of test files that no longer exist are dropped; others are kept and updated. */
  async test_deletedFilesAreForgotten() {
    const durations = path.join(this.mktemp(), 'durations.json');
    fs.mkdirSync(path.dirname(durations), { recursive: true });
    const kept = 'fixtures/markers/test_markers.ts:DecoratorTests.test_plain';
    fs.writeFileSync(durations, JSON.stringify({ version: 1, tests: { 'fixtures/gone/test_gone.ts:GoneTests.test_x': 5, [kept]: 7 } }));
    await runCli(['--durations-file', durations, 'fixtures/passing']);
    const tests = (JSON.parse(fs.readFileSync(durations, 'utf8')) as { tests: Record<string, number> }).tests;
    this.assertNotIn('fixtures/gone/test_gone.ts:GoneTests.test_x', tests);
    this.assertEqual(tests[kept], 7);
    this.assertIn('fixtures/passing/test_arithmetic.ts:ArithmeticTests.test_addition', tests);
  }
}
