/**
 * Tests for src/reporters/text.ts and src/reporters/dots.ts: one character per test,
 * then the summary (complete for text, failures only for dots).
 */
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { dots } from '../../src/reporters/dots';
import { text } from '../../src/reporters/text';
import { desc, everyOutcome, interleaved, render, run, START, withEnd } from './sampleEvents';
import { EVERY_OUTCOME_PROBLEM_GROUPS_AND_TOTALS, EVERY_OUTCOME_SUMMARY, INTERLEAVED_SUMMARY } from './expectedSummary';

const EVERY_OUTCOME = ['E.EFFFST!', '', ...EVERY_OUTCOME_SUMMARY].join('\n');

/** Dots prints the same summary without the [SKIPPED] and [TODO] groups. */
const DOTS_EVERY_OUTCOME = ['E.EFFFST!', '', ...EVERY_OUTCOME_PROBLEM_GROUPS_AND_TOTALS].join('\n');

const INTERLEAVED = [
  'Running 5 tests.',
  '..',
  'Worker 1 crashed: exited with code 3',
  '  Last lines of its stderr:',
  '  | fatal: out of cheese',
  'E..',
  '',
  ...INTERLEAVED_SUMMARY,
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

export class InterruptedSummaryTests extends TestCase {
  /** An interrupted run says INTERRUPTED with its counts, and what it left out (tests when planned, files). */
  async test_interruptedVerdictAndLeftOut(): Promise<void> {
    const events: RunnerEvent[] = [{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }];
    events.push(...run(desc('A', 'test_a'), 'success'));
    const output = await render(text, withEnd(events, { interrupted: true, testsNotRun: 4, filesNotRun: 2 }));
    const lines = output.trimEnd().split('\n');
    this.assertIn('INTERRUPTED (successes=1)', lines);
    this.assertNotIn('PASSED (successes=1)', lines);
    this.assertIn('tests: 1 passed, 0 failed, 0 skipped', lines);
    this.assertEqual(lines.at(-1), 'Interrupted: the run was stopped before every test had run: 4 tests never ran, 2 files never started.');
  }

  /** Without a planned count the line names only the files that never started, and none when every file started. */
  async test_interruptedWithoutPlan(): Promise<void> {
    const events: RunnerEvent[] = [{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }];
    events.push(...run(desc('A', 'test_a'), 'failure'));
    const oneFile = (await render(text, withEnd(events, { interrupted: true, filesNotRun: 1 }))).trimEnd().split('\n');
    this.assertIn('INTERRUPTED (failures=1)', oneFile);
    this.assertEqual(oneFile.at(-1), 'Interrupted: the run was stopped before every test had run: 1 file never started.');
    const none = (await render(text, withEnd(events, { interrupted: true, filesNotRun: 0 }))).trimEnd().split('\n');
    this.assertEqual(none.at(-1), 'Interrupted: the run was stopped before every test had run.');
  }
}
