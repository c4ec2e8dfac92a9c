/**
 * How reporters show a retried test (`--retries`, `@flaky`): the note on its line, and
 * the summary body listing what went wrong in the attempts before the one that passed.
 *
 * @packageDocumentation
 */
import type { TestEndEvent } from '../../runner/events';
import { renderError } from './renderError';

/**
 * ` (flaky: passed on attempt 2)` for a flaky test, `''` otherwise.
 *
 * @param event - the test's end.
 * @returns the note, with its leading space.
 */
export function flakyNote(event: TestEndEvent): string {
  if (event.flaky !== true || event.attempts === undefined) return '';
  return ` (flaky: passed on attempt ${event.attempts.length})`;
}

/**
 * The summary body of a flaky test: each failed attempt and its errors.
 *
 * @param event - a flaky test's end.
 * @returns the body; `''` for a test that is not flaky.
 */
export function flakyBody(event: TestEndEvent): string {
  if (event.flaky !== true || event.attempts === undefined) return '';
  const lines = [`Passed on attempt ${event.attempts.length}; the earlier attempts failed:`];
  event.attempts.forEach((attempt, index) => {
    if (attempt.outcome === 'success') return;
    lines.push(`Attempt ${index + 1} (${attempt.outcome}):`, ...attempt.errors.map(renderError));
  });
  return lines.join('\n');
}
