/**
 * The end of every human summary: `Ran N tests in X.XXXs`, `PASSED (...)` or
 * `FAILED (...)` with Trial's counts, and the plain `tests:` line CI tools read.
 *
 * @packageDocumentation
 */
import type { RunSummary } from '../../runner/events';
import { failedCount, passedCount, wasSuccessful } from '../../runner/summary';
import type { Palette } from '../interfaces';
import { LINE_WIDTH } from './markers';

/** Trial's counts, in Trial's order, with their names in the `PASSED (...)` line. */
export const COUNT_ORDER = [
  'skips',
  'expectedFailures',
  'failures',
  'errors',
  'unexpectedSuccesses',
  'successes',
] as const satisfies readonly (keyof RunSummary)[];

/** Seconds with three decimals, as Trial prints durations. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/**
 * `PASSED (successes=3)` or `FAILED (failures=1, successes=2)`: non-zero counts only,
 * in Trial's order; just `PASSED` when there is nothing to list. An interrupted run
 * says `INTERRUPTED (...)` whatever its counts.
 *
 * @param summary - the run's summary.
 */
export function verdictLine(summary: RunSummary): string {
  const counts = COUNT_ORDER.filter((key) => summary[key] > 0).map((key) => `${key}=${summary[key]}`);
  // Flaky tests are also successes: their count follows, so the other counts still add up.
  if ((summary.flaky ?? 0) > 0) counts.push(`flaky=${summary.flaky}`);
  // An interrupted run did not check everything, so it neither passed nor failed.
  const verdict = summary.interrupted ? 'INTERRUPTED' : wasSuccessful(summary) ? 'PASSED' : 'FAILED';
  return counts.length === 0 ? verdict : `${verdict} (${counts.join(', ')})`;
}

/** `tests: N passed, N failed, N skipped`. */
export function plainCountsLine(summary: RunSummary): string {
  return `tests: ${passedCount(summary)} passed, ${failedCount(summary)} failed, ${summary.skips} skipped`;
}

/**
 * The obsolete snapshots of the run, one line per entry under a heading that says what to
 * do; nothing when there are none.
 *
 * @param summary - the run's summary.
 * @param palette - colours for the heading.
 * @returns the lines.
 */
export function obsoleteSnapshotLines(summary: RunSummary, palette: Palette): string[] {
  const obsolete = summary.obsoleteSnapshots ?? [];
  if (obsolete.length === 0) return [];
  const count = obsolete.reduce((sum, file) => sum + file.keys.length, 0);
  const heading = obsolete.every((file) => file.removed === true)
    ? `Removed ${count} obsolete snapshots (no test checks them):`
    : `Obsolete snapshots: ${count} (no test checks them; delete them, or rerun with --update-snapshots to remove them):`;
  return [
    palette.yellow(heading),
    ...obsolete.flatMap((file) => file.keys.map((key) => `  ${file.file}: ${key}`)),
  ];
}

/**
 * The closing lines: a line of 79 `-`, `Ran N tests in X.XXXs` (left out when no test
 * ran, as Trial does), a blank line, the verdict, the plain counts line, and, when the
 * run was interrupted, what it left out.
 *
 * @param summary - the run's summary from `run:end`.
 * @param palette - colours for the verdict.
 */
export function closingLines(summary: RunSummary, palette: Palette): string[] {
  const lines = ['-'.repeat(LINE_WIDTH)];
  if (summary.tests > 0) lines.push(`Ran ${summary.tests} tests in ${formatSeconds(summary.durationMs)}`);
  lines.push('');
  const verdict = verdictLine(summary);
  if (summary.interrupted) lines.push(palette.yellow(verdict));
  else lines.push(wasSuccessful(summary) ? palette.green(verdict) : palette.red(verdict));
  lines.push(plainCountsLine(summary));
  lines.push(...obsoleteSnapshotLines(summary, palette));
  if (summary.interrupted) lines.push(palette.yellow(interruptedLine(summary)));
  else if ((summary.unavailableSidecars ?? []).length > 0) lines.push(palette.red(notRunLine(summary)));
  return lines;
}

/**
 * What a run whose sidecars could not start left out: the tests that need them.
 *
 * @param summary - a summary with `unavailableSidecars`.
 * @returns one sentence.
 */
export function notRunLine(summary: RunSummary): string {
  const names = (summary.unavailableSidecars ?? []).join(', ');
  const count = summary.testsNotRun ?? 0;
  const tests = `${count} ${count === 1 ? 'test that needs' : 'tests that need'}`;
  return `Not run: ${tests} the sidecar${(summary.unavailableSidecars ?? []).length === 1 ? '' : 's'} ${names}, which could not start (the cause follows).`;
}

/**
 * What an interrupted run left out: the tests (when the run knew how many it planned)
 * and the files that never started.
 *
 * @param summary - an interrupted run's summary.
 * @returns one sentence.
 */
export function interruptedLine(summary: RunSummary): string {
  const parts: string[] = [];
  if (summary.testsNotRun !== undefined) parts.push(`${summary.testsNotRun} ${summary.testsNotRun === 1 ? 'test' : 'tests'} never ran`);
  if (summary.filesNotRun !== undefined && summary.filesNotRun > 0) {
    parts.push(`${summary.filesNotRun} ${summary.filesNotRun === 1 ? 'file' : 'files'} never started`);
  }
  const left = parts.length === 0 ? '' : `: ${parts.join(', ')}`;
  return `Interrupted: the run was stopped before every test had run${left}.`;
}
