/**
 * Trial's closing summary for the sample runs in sampleEvents.ts, as lines, shared by the
 * reporters that print it (text, dots, tree, verbose). Each test builds its whole expected
 * output from these and compares it exactly.
 */

/** The [SKIPPED] and [TODO] groups of `everyOutcome()`, which dots leaves out. */
export const EVERY_OUTCOME_SKIP_AND_TODO_GROUPS: readonly string[] = [
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
];

/** The [FAIL], [ERROR] and [SUCCESS!?!] groups of `everyOutcome()` and the closing lines. */
export const EVERY_OUTCOME_PROBLEM_GROUPS_AND_TOTALS: readonly string[] = [
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
  'tests: 2 passed, 7 failed, 1 skipped',
  '',
];

/** The whole summary of `everyOutcome()`, every group, ending in an empty line. */
export const EVERY_OUTCOME_SUMMARY: readonly string[] = [
  ...EVERY_OUTCOME_SKIP_AND_TODO_GROUPS,
  ...EVERY_OUTCOME_PROBLEM_GROUPS_AND_TOTALS,
];

/** The crashed worker's traceback in `interleaved()`, as --rterrors also prints it. */
export const INTERLEAVED_CRASH_TRACEBACK: readonly string[] = [
  'WorkerCrashedError: The worker running this test exited with code 3.',
  '    at SyncTests.test (test/test_b.ts:6:11)',
  '',
];

/** The whole summary of `interleaved()`, ending in an empty line. */
export const INTERLEAVED_SUMMARY: readonly string[] = [
  '===============================================================================',
  '[ERROR]',
  ...INTERLEAVED_CRASH_TRACEBACK,
  'test/test_b.ts:B.test_2',
  '-------------------------------------------------------------------------------',
  'Ran 5 tests in 1.234s',
  '',
  'FAILED (errors=1, successes=4)',
  'tests: 4 passed, 1 failed, 0 skipped',
  '',
];
