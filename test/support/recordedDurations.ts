/**
 * What a durations file holds, read back with the runner's own reader: for end-to-end
 * tests that check what a run recorded.
 */
import { loadDurations } from '../../src/runner/durations';

/**
 * The tests and failures a durations file records.
 *
 * @param file - the durations file.
 * @returns test id → ms, and the failed ids.
 */
export function recordedDurations(file: string): { tests: Record<string, number>; failed: readonly string[] } {
  const durations = loadDurations(file, (problem) => {
    throw new Error(problem);
  });
  return { tests: Object.fromEntries(durations.measurements().map(({ id, durationMs }) => [id, durationMs])), failed: durations.failed };
}
