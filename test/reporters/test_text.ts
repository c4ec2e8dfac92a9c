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
