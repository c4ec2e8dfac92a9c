/**
 * Tests for src/reporters/github.ts: workflow-command annotations, compared whole, and
 * the Markdown step summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { github } from '../../src/reporters/github';
import { errorCommand, escapeData, escapeProperty } from '../../src/reporters/format/githubCommands';
import { everyOutcome, render } from './sampleEvents';

const EVERY_OUTCOME = [
  '::error file=test/test_calc.ts,line=40,col=5,title=[ERROR] test/test_calc.ts%3AAsyncTests.test_leak::DirtyReactorAggregateError: Reactor was unclean.%0A  Timeout: a 30 s timer, created at test/test_calc.ts:40:5. Clear it with `clearTimeout(t)` or `this.addCleanup(() => clearTimeout(t))`.',
  '::error file=test/test_calc.ts,line=14,col=11,title=[ERROR] test/test_calc.ts%3ASyncTests.test_error::TypeError: boom%0A    at SyncTests.test (test/test_calc.ts:14:11)',
  '::error file=test/test_calc.ts,line=20,col=11,title=[FAIL] test/test_calc.ts%3ASyncTests.test_fail::AssertionError: 1 != 2%0A    at SyncTests.test (test/test_calc.ts:20:11)',
  '::error file=test/test_calc.ts,line=20,col=11,title=[FAIL] test/test_calc.ts%3ASyncTests.test_failAgain::AssertionError: 1 != 2%0A    at SyncTests.test (test/test_calc.ts:20:11)',
  '::error file=test/test_calc.ts,line=26,col=11,title=[FAIL] test/test_calc.ts%3ASyncTests.test_output::AssertionError: bad <b>&amp;</b>%0A    at SyncTests.test (test/test_calc.ts:26:11)',
  '::error file=test/test_calc.ts,line=40,col=3,title=[SUCCESS!?!] test/test_calc.ts%3ASyncTests.test_unexpectedSuccess::The test is marked todo (\'should fail but does not\') but it passed.',
  '::error file=test/test_calc.ts,line=33,col=11,title=[ERROR] test/test_calc.ts%3AAsyncTests.test_pass (after the test had ended)::Error: late%0A    at SyncTests.test (test/test_calc.ts:33:11)',
  '::error file=test/test_calc.ts,line=50,col=11,title=[ERROR] <not in test>::Error: stray%0A    at SyncTests.test (test/test_calc.ts:50:11)',
  '',
].join('\n');

export class GithubReporterTests extends TestCase {
  /** One `::error` per failure, error, unexpected success and late error, at the failing line. */
  async test_everyOutcomeAnnotations(): Promise<void> {
    this.assertEqual(await render(github, everyOutcome()), EVERY_OUTCOME);
  }

  /** With $GITHUB_WORKSPACE above the cwd, annotation paths are relative to the repository. */
  async test_pathsRelativeToWorkspace(): Promise<void> {
    const output = await render(github, everyOutcome(), {}, { cwd: '/repo/pkg', env: { GITHUB_WORKSPACE: '/repo' } });
    this.assertEqual(output.split('\n')[1].slice(0, 45), '::error file=pkg/test/test_calc.ts,line=14,co');
  }

  /** The step summary is appended to $GITHUB_STEP_SUMMARY: verdict, counts, failing tests. */
  async test_stepSummary(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'summary.md');
    fs.writeFileSync(file, 'before\n');
    await render(github, everyOutcome(), {}, { env: { GITHUB_STEP_SUMMARY: file } });
    this.assertEqual(fs.readFileSync(file, 'utf8'), [
      'before',
      '## trial-ts: FAILED',
      '',
      'Ran 9 tests in 1.234s.',
      '',
      '| Outcome | Tests |',
      '| --- | ---: |',
      '| Passed | 2 |',
      '| Failures | 3 |',
      '| Errors | 4 |',
      '| Unexpected successes | 1 |',
      '| Skipped | 1 |',
      '| Expected failures (todo) | 1 |',
      '',
      '| Test | Result | Where | Message |',
      '| --- | --- | --- | --- |',
      '| `test/test_calc.ts:AsyncTests.test_leak` | [ERROR] | `test/test_calc.ts:40:5` | DirtyReactorAggregateError: Reactor was unclean. |',
      '| `test/test_calc.ts:SyncTests.test_error` | [ERROR] | `test/test_calc.ts:14:11` | TypeError: boom |',
      '| `test/test_calc.ts:SyncTests.test_fail` | [FAIL] | `test/test_calc.ts:20:11` | AssertionError: 1 != 2 |',
      '| `test/test_calc.ts:SyncTests.test_failAgain` | [FAIL] | `test/test_calc.ts:20:11` | AssertionError: 1 != 2 |',
      '| `test/test_calc.ts:SyncTests.test_output` | [FAIL] | `test/test_calc.ts:26:11` | AssertionError: bad <b>&amp;</b> |',
      '| `test/test_calc.ts:SyncTests.test_unexpectedSuccess` | [SUCCESS!?!] | `test/test_calc.ts:40:3` | The test is marked todo (\'should fail but does not\') but it passed. |',
      '| `test/test_calc.ts:AsyncTests.test_pass` | [ERROR] | `test/test_calc.ts:33:11` | Error: late |',
      '| `<not in test>` | [ERROR] | `test/test_calc.ts:50:11` | Error: stray |',
      '',
      '',
    ].join('\n'));
  }

  /** Messages encode %, CR and LF; properties also encode : and ,. */
  test_escaping(): void {
    this.assertEqual(escapeData('50%\r\nx'), '50%25%0D%0Ax');
    this.assertEqual(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
    this.assertEqual(errorCommand('t', 'm'), '::error title=t::m');
  }
}
