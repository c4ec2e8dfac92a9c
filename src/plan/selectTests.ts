/**
 * Narrows the collected tests to what this run executes — `--last-failed`, then this
 * machine's `--shard` (or the CI's shard variables) — and turns the result back into work
 * units, one per file and class, keeping the selection order.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import { durationOf, type RecordedDurations } from '../runner/durations';
import type { TestDescription } from '../runner/events';
import type { WorkUnit } from '../runner/interfaces';
import { selectShard, type ShardSpec } from '../runner/shard';

/** What selection produced. */
export interface Selection {
  units: WorkUnit[];
  /** Number of tests selected. */
  count: number;
}

/** Group tests into units of one file and class each, keeping first-seen order. */
export function unitsOf(tests: readonly TestDescription[], cwd: string): WorkUnit[] {
  const units = new Map<string, WorkUnit & { methodNames: string[] }>();
  for (const test of tests) {
    const key = `${test.file}\0${test.className}`;
    let unit = units.get(key);
    if (unit === undefined) {
      unit = { file: path.resolve(cwd, test.file), className: test.className, methodNames: [] };
      units.set(key, unit);
    }
    unit.methodNames.push(test.methodName);
  }
  return [...units.values()];
}

/** The recorded durations of `tests`, by id (what shard balancing weighs). */
function recordedOf(tests: readonly TestDescription[], durations: RecordedDurations): Record<string, number> {
  const byId: Record<string, number> = {};
  for (const test of tests) {
    const ms = durationOf(durations, test.id);
    if (ms !== undefined) byId[test.id] = ms;
  }
  return byId;
}

/**
 * Apply `--last-failed` and sharding to the collected tests.
 *
 * @param tests - every collected test, in run order.
 * @param options - the shard (if any), the previous failures (with `--last-failed`), durations.
 */
export function selectTests(
  tests: readonly TestDescription[],
  options: { cwd: string; shard: ShardSpec | undefined; lastFailed?: ReadonlySet<string>; durations: RecordedDurations },
): Selection {
  let chosen = options.lastFailed === undefined ? tests : tests.filter((test) => options.lastFailed!.has(test.id));
  if (options.shard !== undefined) chosen = selectShard(chosen, options.shard, recordedOf(chosen, options.durations));
  return { units: unitsOf(chosen, options.cwd), count: chosen.length };
}
