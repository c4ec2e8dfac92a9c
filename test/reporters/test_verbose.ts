/**
 * Tests for src/reporters/verbose.ts: one full-id line per test, then Trial's summary.
 */
import { TestCase } from 'trial-ts';
import { verbose } from '../../src/reporters/verbose';
import { everyOutcome, interleaved, render } from './sampleEvents';
import { EVERY_OUTCOME_SUMMARY, INTERLEAVED_CRASH_TRACEBACK, INTERLEAVED_SUMMARY } from './expectedSummary';

const EVERY_OUTCOME_WITH_DURATIONS = [
  'test/test_calc.ts:AsyncTests.test_leak ... [ERROR]',
  'test/test_calc.ts:AsyncTests.test_pass ... [OK]',
  'test/test_calc.ts:SyncTests.test_error ... [ERROR]',
  'test/test_calc.ts:SyncTests.test_fail ... [FAIL]',
  'test/test_calc.ts:SyncTests.test_failAgain ... [FAIL]',
  'test/test_calc.ts:SyncTests.test_output ... [FAIL]',
  'test/test_calc.ts:SyncTests.test_skip ... [SKIPPED]',
  'test/test_calc.ts:SyncTests.test_todo ... [TODO]',
  'test/test_calc.ts:SyncTests.test_unexpectedSuccess ... [SUCCESS!?!]',
  '',
  ...EVERY_OUTCOME_SUMMARY,
  'Slowest 3 tests:',
  '  0.040s  test/test_calc.ts:AsyncTests.test_leak',
  '  0.009s  test/test_calc.ts:SyncTests.test_output',
  '  0.007s  test/test_calc.ts:SyncTests.test_error',
  '',
].join('\n');

const INTERLEAVED_WITH_RTERRORS = [
  'Running 5 tests.',
  'test/test_b.ts:B.test_1 ... [OK]',
  'test/test_a.ts:A.test_1 ... [OK]',
  'Worker 1 crashed: exited with code 3',
  '  Last lines of its stderr:',
  '  | fatal: out of cheese',
  'test/test_b.ts:B.test_2 ... [ERROR]',
  ...INTERLEAVED_CRASH_TRACEBACK,
  'test/test_a.ts:A.test_2 ... [OK]',
  'test/test_c.ts:C.test_1 ... [OK]',
  '',
  ...INTERLEAVED_SUMMARY,
].join('\n');

export class VerboseReporterTests extends TestCase {
  /** Every outcome prints `<id> ... [MARKER]`, then the summary and the slowest tests. */
  async test_everyOutcomeWholeOutput(): Promise<void> {
    this.assertEqual(await render(verbose, everyOutcome(), { durations: 3 }), EVERY_OUTCOME_WITH_DURATIONS);
  }

  /** Interleaved workers print in arrival order; --rterrors prints the traceback under the line. */
  async test_interleavedWithRealtimeErrors(): Promise<void> {
    this.assertEqual(await render(verbose, interleaved(), { realtimeErrors: true }), INTERLEAVED_WITH_RTERRORS);
  }
}
