/**
 * End to end: the durations file records which tests failed, and `--last-failed` runs
 * only those next time (covers src/plan/selectTests.ts and src/cli/durationsRecorder.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../support/outcomes';
import { recordedDurations } from '../support/recordedDurations';
import { runCli } from '../support/runCli';

const SUITE = 'fixtures/lastFailed/test_lastFailed.ts';
const id = (name: string) => `${SUITE}:${name}`;
/** Written out by hand, not derived from the run: these are the tests that fail the run. */
const FAILED = [id('EveryOutcomeTests.test_error'), id('EveryOutcomeTests.test_fail')];
const UNEXPECTED_SUCCESSES = [id('AsyncOutcomeTests.test_unexpectedSuccess'), id('EveryOutcomeTests.test_unexpectedSuccess')];

export class LastFailedTests extends TestCase {
  /** Run the suite, then --last-failed; returns what the file recorded and what the second run ran. */
  async #twice(extra: string[]): Promise<{ recorded: string[]; rerun: string[]; tests: number }> {
    const durations = path.join(this.mktemp(), 'durations.json');
    const first = await runCli(['--durations-file', durations, ...extra, SUITE]);
    this.assertEqual(first.code, 1, first.stdout + first.stderr);
    const file = recordedDurations(durations);
    const again = await runCli(['--reporter', 'verbose', '--durations-file', durations, '--last-failed', ...extra, SUITE]);
    return { recorded: [...file.failed].sort(), rerun: Object.keys(outcomesOf(again.stdout)).sort(), tests: Object.keys(file.tests).length };
  }

  /** A run records its failures and errors; --last-failed then runs exactly those (an unexpected success does not fail the run). */
  async test_rerunsOnlyWhatFailed() {
    const { recorded, rerun, tests } = await this.#twice([]);
    this.assertEqual(tests, 8);
    this.assertEqual(recorded, FAILED);
    this.assertEqual(rerun, FAILED);
  }

  /** Under --strict-todo unexpected successes fail the run, so they are recorded and rerun too. */
  async test_strictTodoRerunsUnexpectedSuccesses() {
    const { recorded, rerun } = await this.#twice(['--strict-todo']);
    const expected = [...UNEXPECTED_SUCCESSES, ...FAILED].sort();
    this.assertEqual(recorded, expected);
    this.assertEqual(rerun, expected);
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
    const { tests } = recordedDurations(durations);
    this.assertNotIn('fixtures/gone/test_gone.ts:GoneTests.test_x', tests);
    this.assertEqual(tests[kept], 7);
    this.assertIn('fixtures/passing/test_arithmetic.ts:ArithmeticTests.test_addition', tests);
  }

  /**
   * A run rewrites the lines of the files it ran and copies every other line as it was
   * read (here one spaced and ordered by hand), so a committed file's diff shows only
   * the files that ran.
   */
  async test_otherFilesLinesKeptAsRead() {
    const durations = path.join(this.mktemp(), 'durations.json');
    fs.mkdirSync(path.dirname(durations), { recursive: true });
    const other = '{"file":"fixtures/markers/test_markers.ts",  "tests":{"DecoratorTests.test_plain":7,"DecoratorTests.test_a":1}}';
    const ran = '{"file":"fixtures/passing/test_arithmetic.ts","tests":{"ArithmeticTests.test_addition":99999}}';
    fs.writeFileSync(durations, ['{"version":2,"failed":[]}', other, ran, ''].join('\n'));
    const result = await runCli(['--durations-file', durations, 'fixtures/passing']);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    const lines = fs.readFileSync(durations, 'utf8').split('\n');
    this.assertEqual([lines.length, lines[0], lines[1], lines[3]], [4, '{"version":2,"failed":[]}', other, '']);
    const rewritten = JSON.parse(lines[2]!) as { file: string; tests: Record<string, number> };
    this.assertEqual(rewritten.file, 'fixtures/passing/test_arithmetic.ts');
    this.assertTrue(rewritten.tests['ArithmeticTests.test_addition']! < 99999, lines[2]);
    this.assertTrue(Object.keys(rewritten.tests).length > 1, lines[2]);
  }
}
