/**
 * `-j auto`: how many workers are worth starting. A worker costs about a quarter of a
 * second before its first result (thread start, TypeScript loader, runner modules), so a
 * suite whose recorded tests take less than that per worker runs faster in-process; Jest
 * makes the same call ("run in band" when earlier timings were fast). An explicit `-j N`
 * is never second-guessed.
 *
 * @packageDocumentation
 */
import type { RecordedDurations } from '../runner/durations';
import type { WorkUnit } from '../runner/interfaces';
import { planUnits } from './scheduler';

/**
 * Recorded work each additional worker must have to pay for its start-up (ms). Measured:
 * 190–320 ms from spawn to first result for a thread (docs/parallel.md); twice that
 * keeps -j auto from ever being slower than -j 1 by more than noise.
 */
export const MIN_WORK_PER_WORKER_MS = 500;

/**
 * The number of workers `-j auto` should use.
 *
 * @param available - the machine's available parallelism.
 * @param units - the selected units.
 * @param durations - earlier runs' durations, by test file.
 * @param cwd - the run's cwd (ids are relative to it).
 * @returns 1 (one worker) when earlier runs show the selected tests are quick;
 *   otherwise up to `available`, never more than there are units.
 */
export function autoJobs(available: number, units: readonly WorkUnit[], durations: RecordedDurations, cwd: string): number {
  const planned = planUnits(units, { workers: 1, durations, cwd });
  const limit = Math.max(1, Math.min(available, planned.length));
  // Without a record for every unit, the cost is unknown: use every core.
  if (planned.length === 0 || planned.some((p) => !p.known)) return limit;
  const totalMs = planned.reduce((sum, p) => sum + p.estimateMs, 0);
  return Math.max(1, Math.min(limit, Math.floor(totalMs / MIN_WORK_PER_WORKER_MS)));
}
