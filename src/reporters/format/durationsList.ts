/**
 * `--durations N`: the N slowest tests, listed after the summary by every human
 * reporter.
 *
 * @packageDocumentation
 */
import { formatSeconds } from './closingLines';

/** How long one test took. */
export interface TestDuration {
  id: string;
  durationMs: number;
}

/**
 * The `count` slowest tests, slowest first; ties keep the order the tests ended in.
 *
 * @param durations - every test's duration.
 * @param count - how many to keep.
 */
export function slowest(durations: readonly TestDuration[], count: number): TestDuration[] {
  if (count <= 0) return []; // the default: no list, and no sort of every test
  return durations
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.durationMs - a.entry.durationMs || a.index - b.index)
    .slice(0, Math.max(0, count))
    .map(({ entry }) => entry);
}

/**
 * The lines of the slowest-tests list: a blank line, a heading, then one line per test
 * with its time right-aligned. Nothing when `count` is 0 or no test ran.
 *
 * @param durations - every test's duration.
 * @param count - `--durations N`.
 */
export function durationsLines(durations: readonly TestDuration[], count: number): string[] {
  const top = slowest(durations, count);
  if (top.length === 0) return [];
  const times = top.map((entry) => formatSeconds(entry.durationMs));
  const width = Math.max(...times.map((time) => time.length));
  const heading = top.length === 1 ? 'Slowest test:' : `Slowest ${top.length} tests:`;
  return ['', heading, ...top.map((entry, i) => `  ${times[i].padStart(width)}  ${entry.id}`)];
}
