/**
 * Tests for src/reporters/tap.ts: the whole TAP 14 stream for every outcome, read back
 * by tap-parser and by Perl's TAP::Parser (`prove`).
 */
import * as fs from 'node:fs';
import { Parser } from 'tap-parser';
import { TestCase } from 'trial-ts';
import { tap, tapDescription } from '../../src/reporters/tap';
import { quoted } from '../../src/reporters/format/yaml';
import { everyOutcome, render } from './sampleEvents';
import { hasTool, runTool, toolMissing } from './externalTools';

/** The YAML block of test_fail and of test_failAgain: the same error, at the same line, in the same time. */
const ONE_IS_NOT_TWO_YAML = [
  '  ---',
  '  message: "1 != 2"',
  '  severity: fail',
  '  type: "AssertionError"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 20',
  '    column: 11',
  '  stack: "AssertionError: 1 != 2\\n    at SyncTests.test (test/test_calc.ts:20:11)"',
  '  duration_ms: 3',
  '  ...',
];

const EVERY_OUTCOME = [
  'TAP version 14',
  'not ok 1 - test/test_calc.ts:AsyncTests.test_leak',
  '  ---',
  '  message: "Reactor was unclean."',
  '  severity: error',
  '  type: "DirtyReactorAggregateError"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 38',
  '    column: 3',
  '  stack: "DirtyReactorAggregateError: Reactor was unclean.\\n  Timeout: a 30 s timer, created at test/test_calc.ts:40:5. Clear it with `clearTimeout(t)` or `this.addCleanup(() => clearTimeout(t))`."',
  '  duration_ms: 40',
  '  ...',
  'ok 2 - test/test_calc.ts:AsyncTests.test_pass',
  'not ok 3 - test/test_calc.ts:SyncTests.test_error',
  '  ---',
  '  message: "boom"',
  '  severity: error',
  '  type: "TypeError"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 14',
  '    column: 11',
  '  stack: "TypeError: boom\\n    at SyncTests.test (test/test_calc.ts:14:11)"',
  '  duration_ms: 7',
  '  ...',
  'not ok 4 - test/test_calc.ts:SyncTests.test_fail',
  ...ONE_IS_NOT_TWO_YAML,
  'not ok 5 - test/test_calc.ts:SyncTests.test_failAgain',
  ...ONE_IS_NOT_TWO_YAML,
  'not ok 6 - test/test_calc.ts:SyncTests.test_output',
  '  ---',
  '  message: "bad <b>&amp;</b>"',
  '  severity: fail',
  '  type: "AssertionError"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 26',
  '    column: 11',
  '  stack: "AssertionError: bad <b>&amp;</b>\\n    at SyncTests.test (test/test_calc.ts:26:11)"',
  '  duration_ms: 9',
  '  stdout: "hello <tag attr=\\"x\\">&</tag>\\n\\u001b[31mred\\u001b[0m bell\\u0007 nul\\u0000\\n"',
  '  stderr: "warn ]]> done\\n"',
  '  ...',
  'ok 7 - test/test_calc.ts:SyncTests.test_skip # SKIP not today',
  'not ok 8 - test/test_calc.ts:SyncTests.test_todo # TODO bug \\#1',
  'not ok 9 - test/test_calc.ts:SyncTests.test_unexpectedSuccess',
  '  ---',
  '  message: "The test is marked todo (\'should fail but does not\') but it passed."',
  '  severity: unexpectedSuccess',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 40',
  '    column: 3',
  '  duration_ms: 1',
  '  ...',
  'not ok 10 - test/test_calc.ts:AsyncTests.test_pass (error after the test had ended)',
  '  ---',
  '  message: "late"',
  '  severity: error',
  '  type: "Error"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 33',
  '    column: 11',
  '  stack: "Error: late\\n    at SyncTests.test (test/test_calc.ts:33:11)"',
  '  ...',
  'not ok 11 - <not in test>',
  '  ---',
  '  message: "stray"',
  '  severity: error',
  '  type: "Error"',
  '  at:',
  '    file: "test/test_calc.ts"',
  '    line: 50',
  '    column: 11',
  '  stack: "Error: stray\\n    at SyncTests.test (test/test_calc.ts:50:11)"',
  '  ...',
  '# tests 9',
  '# pass 0',
  '# fail 8',
  '# skip 1',
  '# todo 1',
  '# duration_ms 1234',
  '1..11',
  '',
].join('\n');

/**
 * tap-parser's final result and its points. A devDependency, imported statically: a
 * broken install fails this file, it does not skip the test.
 */
async function parseWithTapParser(text: string): Promise<{ result: Record<string, unknown>; asserts: Record<string, unknown>[] }> {
  return new Promise((resolve) => {
    const asserts: Record<string, unknown>[] = [];
    const parser = new Parser((result) => resolve({ result: result as unknown as Record<string, unknown>, asserts }));
    parser.on('assert', (a: Record<string, unknown>) => asserts.push(a));
    parser.end(text);
  });
}

export class TapReporterTests extends TestCase {
  /** Every outcome: ok, not ok with YAML, # SKIP, # TODO, late errors as extra points, the plan last. */
  async test_everyOutcomeWholeStream(): Promise<void> {
    this.assertEqual(await render(tap, everyOutcome()), EVERY_OUTCOME);
  }

  /** tap-parser reads the stream: 11 points, 8 failures, 1 skip, 1 todo, the plan, and the diagnostics round-trip. */
  async test_readByTapParser(): Promise<void> {
    const parsed = await parseWithTapParser(await render(tap, everyOutcome()));
    const { result, asserts } = parsed;
    this.assertEqual(
      [result.ok, result.count, result.pass, result.skip, result.todo, (result.failures as unknown[]).length, { ...(result.plan as object) }],
      [false, 11, 2, 1, 1, 8, { start: 1, end: 11, skipAll: false, skipReason: '', comment: '' }],
    );
    const output = asserts.find((a) => a.id === 6) as { diag: { stdout: string; at: unknown } };
    this.assertEqual(output.diag.stdout, 'hello <tag attr="x">&</tag>\n\u001b[31mred\u001b[0m bell\u0007 nul\u0000\n');
    this.assertEqual(output.diag.at, { file: 'test/test_calc.ts', line: 26, column: 11 });
  }

  /** prove (Perl's TAP::Parser, which knows TAP up to 13) reads the same stream under a version 13 header. */
  async test_readByProve(): Promise<void> {
    if (!hasTool('prove')) toolMissing(this, 'prove (Perl) is not installed');
    const file = this.mktemp() + '.tap';
    fs.mkdirSync(require('node:path').dirname(file), { recursive: true });
    fs.writeFileSync(file, (await render(tap, everyOutcome())).replace('TAP version 14', 'TAP version 13'));
    const result = runTool('prove', ['-e', 'cat', file]);
    const report = result.stdout.split('\n').filter((line) => /Failed tests|Parse errors|Tests: /.test(line)).map((line) => line.trim());
    this.assertEqual(report, [`${file} (Wstat: 0 Tests: 11 Failed: 8)`, 'Failed tests:  1, 3-6, 9-11']);
  }

  /** A sidecar that never started is a "could not start" comment, distinct from one that crashed. */
  async test_sidecarFailedComment(): Promise<void> {
    const text = await render(tap, [
      { type: 'sidecar:state', name: 'db', state: 'failed', detail: 'initdb was not found\nInstall PostgreSQL' },
      { type: 'sidecar:state', name: 'cache', state: 'crashed', detail: 'exited' },
    ]);
    this.assertIn('# sidecar db could not start: initdb was not found Install PostgreSQL', text);
    this.assertIn('# sidecar cache crashed: exited', text);
    this.assertNotIn('db crashed', text);
  }

  /** `#` and `\` in descriptions are escaped, newlines flattened. */
  test_descriptionEscaping(): void {
    this.assertEqual(tapDescription('a#b\\c\nd'), 'a\\#b\\\\c d');
  }

  /** Quoted YAML escapes what JSON leaves raw but YAML forbids (DEL, C1 controls). */
  test_quotedYaml(): void {
    this.assertEqual(quoted('a\u007f\u0085"'), '"a\\u007f\\u0085\\""');
  }
}
