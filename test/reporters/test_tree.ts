/**
 * Tests for src/reporters/tree.ts: Trial's tree layout and summary, compared whole.
 */
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { tree } from '../../src/reporters/tree';
import { alignMarker } from '../../src/reporters/format/markers';
import { sidecarLines } from '../../src/reporters/format/runLines';
import type { Palette } from '../../src/reporters/interfaces';
import { desc, everyOutcome, interleaved, render, run, START, withEnd } from './sampleEvents';
import { EVERY_OUTCOME_SUMMARY, INTERLEAVED_CRASH_TRACEBACK, INTERLEAVED_SUMMARY } from './expectedSummary';

const EVERY_OUTCOME = [
  'test/test_calc.ts',
  '  AsyncTests',
  '    test_leak ...                                                       [ERROR]',
  '    test_pass ...                                                          [OK]',
  '  SyncTests',
  '    test_error ...                                                      [ERROR]',
  '    test_fail ...                                                        [FAIL]',
  '    test_failAgain ...                                                   [FAIL]',
  '    test_output ...                                                      [FAIL]',
  '    test_skip ...                                                     [SKIPPED]',
  '    test_todo ...                                                        [TODO]',
  '    test_unexpectedSuccess ...                                     [SUCCESS!?!]',
  '',
  ...EVERY_OUTCOME_SUMMARY,
].join('\n');

const INTERLEAVED_WITH_DURATIONS_AND_RTERRORS = [
  'Running 5 tests.',
  'Worker 1 crashed: exited with code 3',
  '  Last lines of its stderr:',
  '  | fatal: out of cheese',
  'test/test_b.ts:B.test_2',
  ...INTERLEAVED_CRASH_TRACEBACK,
  'test/test_b.ts',
  '  B',
  '    test_1 ...                                                             [OK]',
  '    test_2 ...                                                          [ERROR]',
  'test/test_a.ts',
  '  A',
  '    test_1 ...                                                             [OK]',
  '    test_2 ...                                                             [OK]',
  'test/test_c.ts',
  '  C',
  '    test_1 ...                                                             [OK]',
  '',
  ...INTERLEAVED_SUMMARY,
  'Slowest 2 tests:',
  '  0.002s  test/test_b.ts:B.test_2',
  '  0.001s  test/test_b.ts:B.test_1',
  '',
].join('\n');

/** Brackets instead of colours, so a test can see what was coloured how. */
const TAGGING_PALETTE: Palette = {
  green: (s) => `<green>${s}</green>`,
  red: (s) => `<red>${s}</red>`,
  blue: (s) => `<blue>${s}</blue>`,
  yellow: (s) => `<yellow>${s}</yellow>`,
  bold: (s) => `<bold>${s}</bold>`,
  dim: (s) => `<dim>${s}</dim>`,
};

export class TreeReporterTests extends TestCase {
  /**
   * A sidecar that never started says "could not start" and what that means for the run (its
   * cause is one paragraph after the summary, so it is not repeated); one that died says
   * "crashed" and why; starting is silent.
   */
  test_sidecarStateLines(): void {
    const line = (state: 'failed' | 'crashed' | 'starting', detail?: string) => sidecarLines({ type: 'sidecar:state', name: 'db', state, ...(detail === undefined ? {} : { detail }) }, TAGGING_PALETTE);
    const notStarted = '<yellow>Sidecar db could not start: the tests that need it do not run (the cause is shown after the summary)</yellow>';
    this.assertEqual(line('failed', 'initdb not found'), [notStarted]);
    this.assertEqual(line('crashed', 'exited with code 1'), ['<yellow>Sidecar db crashed: exited with code 1</yellow>']);
    this.assertEqual(line('failed'), [notStarted]);
    this.assertEqual(line('starting'), []);
  }

  /** Every outcome, a late error, an orphan error, a leak and grouped failures print as Trial does. */
  async test_everyOutcomeWholeOutput(): Promise<void> {
    this.assertEqual(await render(tree, everyOutcome()), EVERY_OUTCOME);
  }

  /** Under several workers each file is printed as one block once done; crashes, --rterrors and --durations appear. */
  async test_interleavedWorkersWholeOutput(): Promise<void> {
    this.assertEqual(await render(tree, interleaved(), { durations: 2, realtimeErrors: true }), INTERLEAVED_WITH_DURATIONS_AND_RTERRORS);
  }

  /** A class whose tests come back after another class was printed is not given a second header. */
  async test_classHeaderNeverRepeated(): Promise<void> {
    const a1 = desc('A', 'test_1');
    const b1 = desc('B', 'test_1');
    const a2 = desc('A', 'test_2');
    const events = withEnd([
      { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 },
      ...run(a1, 'success'),
      ...run(b1, 'success'),
      ...run(a2, 'success'),
    ]);
    const output = await render(tree, events);
    this.assertEqual(output.split('\n').slice(0, 6), [
      'test/test_calc.ts',
      '  A',
      '    test_1 ...                                                             [OK]',
      '  B',
      '    test_1 ...                                                             [OK]',
      'test/test_calc.ts:A.test_2 ...                                             [OK]',
    ]);
  }

  /** A file that failed to load is one line with the file as the test. */
  async test_loadErrorLine(): Promise<void> {
    const broken = { id: 'test/test_broken.ts', file: 'test/test_broken.ts', className: '', methodName: '' };
    const events: RunnerEvent[] = [
      { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 },
      { type: 'test:end', test: broken, worker: 0, outcome: 'error', durationMs: 0, errors: [{ name: 'SyntaxError', message: 'Unexpected token', stack: '' }] },
    ];
    const output = await render(tree, withEnd(events));
    const prefix = 'test/test_broken.ts ... ';
    this.assertEqual(output.split('\n')[0], prefix + ' '.repeat(79 - prefix.length - '[ERROR]'.length) + '[ERROR]');
  }

  /** Markers and the verdict are coloured only through the palette, and only when colour is on. */
  async test_colours(): Promise<void> {
    const events = withEnd([{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }, ...run(desc('A', 'test_1'), 'success')]);
    const coloured = await render(tree, events, {}, { color: true, palette: TAGGING_PALETTE });
    this.assertEqual(coloured.split('\n'), [
      'test/test_calc.ts',
      '  A',
      '    test_1 ...                                                             <green>[OK]</green>',
      '',
      '-------------------------------------------------------------------------------',
      'Ran 1 tests in 1.234s',
      '',
      '<green>PASSED (successes=1)</green>',
      'tests: 1 passed, 0 failed, 0 skipped',
      '',
    ]);
    const plain = await render(tree, events, {}, { color: false, palette: TAGGING_PALETTE });
    this.assertEqual(plain.includes('<green>'), false);
  }

  /** The seed of a shuffled run and the pass of -u are printed first, as Trial does. */
  async test_seedAndPass(): Promise<void> {
    const output = await render(tree, [{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1, seed: 42, pass: 3 }]);
    this.assertEqual(output, 'Test Pass 3\nRunning tests shuffled with seed 42\n\n');
  }

  /** A run with no tests prints no `Ran` line, and a bare PASSED. */
  async test_emptyRun(): Promise<void> {
    const output = await render(tree, withEnd([{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }]));
    this.assertEqual(output, ['', '-'.repeat(79), '', 'PASSED', 'tests: 0 passed, 0 failed, 0 skipped', ''].join('\n'));
  }

  /** Markers end at column 79 whatever their length. */
  test_alignMarker(): void {
    for (const marker of ['[OK]', '[SUCCESS!?!]']) this.assertEqual(alignMarker('    test_x ... ', marker).length, 79);
    this.assertEqual(alignMarker('x'.repeat(90), '[OK]'), 'x'.repeat(90) + '[OK]');
  }
}
