/**
 * Tests for src/reporters/untilFailurePasses.ts: a passing `-u` pass is one line, the
 * failing pass shows only its problem tests and the summary, and runs without `-u` pass
 * through untouched.
 */
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { untilFailurePasses } from '../../src/reporters/untilFailurePasses';
import { verbose } from '../../src/reporters/verbose';
import { CWD, desc, err, render, run, START, withEnd } from './sampleEvents';

const OK = desc('CalcTests', 'test_ok');
const FLAKY = desc('CalcTests', 'test_flaky');

function pass(number: number | undefined, flakyOutcome: 'success' | 'failure'): RunnerEvent[] {
  const start: RunnerEvent = { type: 'run:start', version: 1, time: START, cwd: CWD, workers: 1, ...(number === undefined ? {} : { pass: number }) };
  const extra = flakyOutcome === 'failure' ? { errors: [err('AssertionError', 'flaked', 12)] } : {};
  return [start, ...withEnd([...run(OK, 'success'), ...run(FLAKY, flakyOutcome, extra)])];
}

const wrapped = (ctx: Parameters<typeof verbose>[0]) => untilFailurePasses(verbose(ctx), ctx);

export class UntilFailurePassesTests extends TestCase {
  /** Each passing pass prints one line with its verdict and time. */
  async test_passingPassIsOneLine() {
    const text = await render(wrapped, [...pass(1, 'success'), ...pass(2, 'success')]);
    this.assertEqual(text, 'Test Pass 1: PASSED (successes=2) in 1.234s\nTest Pass 2: PASSED (successes=2) in 1.234s\n');
  }

  /** The failing pass is announced and lists only its problem tests, then the summary. */
  async test_failingPassShowsProblemsOnly() {
    const text = await render(wrapped, [...pass(1, 'success'), ...pass(2, 'failure')]);
    const lines = text.split('\n');
    this.assertEqual(lines.slice(0, 3), [
      'Test Pass 1: PASSED (successes=2) in 1.234s',
      'Test Pass 2',
      'test/test_calc.ts:CalcTests.test_flaky ... [FAIL]',
    ]);
    this.assertNotIn('test_ok', text);
    this.assertIn('FAILED (failures=1, successes=1)', text);
  }

  /** Without `-u` every event reaches the wrapped reporter. */
  async test_withoutPassesUntouched() {
    const events = pass(undefined, 'success');
    this.assertEqual(await render(wrapped, events), await render(verbose, events));
  }
}
