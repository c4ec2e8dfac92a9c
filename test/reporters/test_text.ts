/**
 * Tests for src/reporters/text.ts and src/reporters/dots.ts: one character per test,
 * then the summary (complete for text, failures only for dots).
 */
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { dots } from '../../src/reporters/dots';
import { text } from '../../src/reporters/text';
import { desc, everyOutcome, interleaved, render, run, START, withEnd } from './sampleEvents';

const EVERY_OUTCOME = [
  'E.EFFFST!',
  '',
  '===============================================================================',
  '[SKIPPED]',
  'not today',
  '',
  'test/test_calc.ts:SyncTests.test_skip',
  '===============================================================================',
  '[TODO]',
  'Reason: \'bug #1\'',
  'AssertionError: known bug',
  '    at SyncTests.test (test/test_calc.ts:35:11)',
  '',
  'test/test_calc.ts:SyncTests.test_todo',
  '===============================================================================',
  '[FAIL]',
  'AssertionError: 1 != 2',
  '    at SyncTests.test (test/test_calc.ts:20:11)',
  '',
  'test/test_calc.ts:SyncTests.test_fail',
  'test/test_calc.ts:SyncTests.test_failAgain',
  '===============================================================================',
  '[FAIL]',
  'AssertionError: bad <b>&amp;</b>',
  '    at SyncTests.test (test/test_calc.ts:26:11)',
  'Captured stdout:',
  'hello <tag attr="x">&</tag>',
  '\u001b[31mred\u001b[0m bell\u0007 nul\u0000',
  'Captured stderr:',
  'warn ]]> done',
  '',
  'test/test_calc.ts:SyncTests.test_output',
  '===============================================================================',
  '[ERROR]',
  'DirtyReactorAggregateError: Reactor was unclean.',
  '  Timeout: a 30 s timer, created at test/test_calc.ts:40:5. Clear it with `clearTimeout(t)` or `this.addCleanup(() => clearTimeout(t))`.',
  '',
  'test/test_calc.ts:AsyncTests.test_leak',
  '===============================================================================',
  '[ERROR]',
  'TypeError: boom',
  '    at SyncTests.test (test/test_calc.ts:14:11)',
  '',
  'test/test_calc.ts:SyncTests.test_error',
  '===============================================================================',
  '[ERROR]',
  'This error was raised after the test had ended.',
  'Error: late',
  '    at SyncTests.test (test/test_calc.ts:33:11)',
  '',
  'test/test_calc.ts:AsyncTests.test_pass',
  '===============================================================================',
  '[ERROR]',
  'Error: stray',
  '    at SyncTests.test (test/test_calc.ts:50:11)',
  '',
  '<not in test>',
  '===============================================================================',
  '[SUCCESS!?!]',
  'Reason: \'should fail but does not\'',
  '',
  'test/test_calc.ts:SyncTests.test_unexpectedSuccess',
  '-------------------------------------------------------------------------------',
  'Ran 9 tests in 1.234s',
  '',
  'FAILED (skips=1, expectedFailures=1, failures=3, errors=4, unexpectedSuccesses=1)',
  'tests: 1 passed, 8 failed, 1 skipped',
  '',
].join('\n');

const DOTS_EVERY_OUTCOME = [
  'E.EFFFST!',
  '',
  '===============================================================================',
  '[FAIL]',
  'AssertionError: 1 != 2',
  '    at SyncTests.test (test/test_calc.ts:20:11)',
  '',
  'test/test_calc.ts:SyncTests.test_fail',
  'test/test_calc.ts:SyncTests.test_failAgain',
  '===============================================================================',
  '[FAIL]',
  'AssertionError: bad <b>&amp;</b>',
  '    at SyncTests.test (test/test_calc.ts:26:11)',
  'Captured stdout:',
  'hello <tag attr="x">&</tag>',
  '\u001b[31mred\u001b[0m bell\u0007 nul\u0000',
  'Captured stderr:',
  'warn ]]> done',
  '',
  'test/test_calc.ts:SyncTests.test_output',
  '===============================================================================',
  '[ERROR]',
  'DirtyReactorAggregateError: Reactor was unclean.',
  '  Timeout: a 30 s timer, created at test/test_calc.ts:40:5. Clear it with `clearTimeout(t)` or `this.addCleanup(() => clearTimeout(t))`.',
  '',
  'test/test_calc.ts:AsyncTests.test_leak',
  '===============================================================================',
  '[ERROR]',
  'TypeError: boom',
  '    at SyncTests.test (test/test_calc.ts:14:11)',
  '',
  'test/test_calc.ts:SyncTests.test_error',
  '===============================================================================',
  '[ERROR]',
  'This error was raised after the test had ended.',
  'Error: late',
  '    at SyncTests.test (test/test_calc.ts:33:11)',
  '',
  'test/test_calc.ts:AsyncTests.test_pass',
  '===============================================================================',
  '[ERROR]',
  'Error: stray',
  '    at SyncTests.test (test/test_calc.ts:50:11)',
  '',
  '<not in test>',
  '===============================================================================',
  '[SUCCESS!?!]',
  'Reason: \'should fail but does not\'',
  '',
  'test/test_calc.ts:SyncTests.test_unexpectedSuccess',
  '-------------------------------------------------------------------------------',
  'Ran 9 tests in 1.234s',
  '',
  'FAILED (skips=1, expectedFailures=1, failures=3, errors=4, unexpectedSuccesses=1)',
  'tests: 1 passed, 8 failed, 1 skipped',
  '',
].join('\n');

const INTERLEAVED = [
  'Running 5 tests.',
  '..',
  'Worker 1 crashed: exited with code 3',
  '  Last lines of its stderr:',
  '  | fatal: out of cheese',
  'E..',
  '',
  '===============================================================================',
  '[ERROR]',
  'WorkerCrashedError: The worker running this test exited with code 3.',
  '    at SyncTests.test (test/test_b.ts:6:11)',
  '',
  'test/test_b.ts:B.test_2',
  '-------------------------------------------------------------------------------',
  'Ran 5 tests in 1.234s',
  '',
  'FAILED (errors=1, successes=4)',
  'tests: 4 passed, 1 failed, 0 skipped',
  '',
].join('\n');

export class TextReporterTests extends TestCase {
  /** Each outcome has its character (E . E F F F S T !), then Trial's summary. */
  async test_everyOutcomeWholeOutput(): Promise<void> {
    this.assertEqual(await render(text, everyOutcome()), EVERY_OUTCOME);
  }

  /** A crashed worker's lines start on a line of their own. */
  async test_interleavedWholeOutput(): Promise<void> {
    this.assertEqual(await render(text, interleaved()), INTERLEAVED);
  }
}

export class DotsReporterTests extends TestCase {
  /** Dots leave skips and todos out of the detailed summary but count them. */
  async test_everyOutcomeWholeOutput(): Promise<void> {
    this.assertEqual(await render(dots, everyOutcome()), DOTS_EVERY_OUTCOME);
  }

  /** Characters wrap at the terminal's width. */
  async test_wrapsAtColumns(): Promise<void> {
    const events: RunnerEvent[] = [{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }];
    for (let i = 0; i < 7; i++) events.push(...run(desc('A', `test_${i}`), 'success'));
    const output = await render(dots, withEnd(events), {}, { columns: 3 });
    this.assertEqual(output.split('\n').slice(0, 4), ['...', '...', '.', '']);
  }
}
