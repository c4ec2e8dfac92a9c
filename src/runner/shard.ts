/**
 * `--shard I/N`: which of the selected tests this CI machine runs, so N machines run
 * disjoint sets that together are the whole selection and finish at about the same
 * time.
 *
 * Tests are grouped by class (a class shares `setUpClass` and its file's load time).
 * Each group is weighed — by recorded durations when there are any, else by its number
 * of tests — and the groups are packed longest first into N bins, each into the bin
 * with the least weight so far (LPT scheduling). A group heavier than the mean bin is
 * split into its tests first, so one big class cannot make one shard late. Ties are
 * broken by a hash of the group's id, so the split depends only on the selection and
 * the durations, never on the order tests were discovered in: every machine computes
 * the same partition.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { UsageError } from '../errors/runnerError';
import type { TestDescription } from './events';

/** One shard of N: `index` is 1-based, as in `--shard 2/5`. */
export interface ShardSpec {
  index: number;
  total: number;
}

/** A bad `--shard` value or CI shard variable; the CLI exits 2 with its message. */
export class ShardSpecError extends UsageError {
  /** @param message - one line: what is wrong and how to fix it. */
  constructor(message: string) {
    super(message, 'TRIAL_USAGE');
  }
}

/** The partition of a selection into shards. */
export interface ShardPlan {
  /** The tests of each shard (shard I is `shards[I - 1]`), in selection order. */
  shards: TestDescription[][];
  /** The estimated weight of each shard: ms with durations, else a test count. */
  loads: number[];
  /** Recorded durations were used (else every test weighs 1). */
  byDurations: boolean;
}

/** A unit of packing: a class, or one test of a class split up. */
interface Item {
  key: string;
  hash: number;
  weight: number;
  tests: TestDescription[];
}

/** FNV-1a, 32 bits: a stable, well-spread hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The group a test is packed with: its class, or its file for a file-level result. */
export function classKey(test: TestDescription): string {
  return test.className === '' ? test.file : `${test.file}:${test.className}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function weigher(tests: readonly TestDescription[], durations?: Readonly<Record<string, number>>): { weigh: (t: TestDescription) => number; byDurations: boolean } {
  const known = durations === undefined ? [] : tests.map((t) => durations[t.id]).filter((ms): ms is number => typeof ms === 'number');
  if (durations === undefined || known.length === 0) return { weigh: () => 1, byDurations: false };
  // Tests never timed (new ones) are assumed typical; a floor keeps 0 ms tests countable.
  const typical = Math.max(median(known), 0.001);
  return { weigh: (t) => Math.max(durations[t.id] ?? typical, 0.001), byDurations: true };
}

function itemsOf(tests: readonly TestDescription[], total: number, weigh: (t: TestDescription) => number): Item[] {
  const groups = new Map<string, TestDescription[]>();
  for (const test of tests) {
    const key = classKey(test);
    groups.set(key, [...(groups.get(key) ?? []), test]);
  }
  const sum = (list: TestDescription[]): number => list.reduce((acc, t) => acc + weigh(t), 0);
  const mean = sum([...tests]) / total;
  const items: Item[] = [];
  for (const [key, members] of groups) {
    const weight = sum(members);
    if (weight > mean && members.length > 1) {
      for (const test of members) items.push({ key: test.id, hash: hashString(test.id), weight: weigh(test), tests: [test] });
    } else {
      items.push({ key, hash: hashString(key), weight, tests: members });
    }
  }
  return items.sort((a, b) => b.weight - a.weight || a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Partition a selection into `total` shards.
 *
 * @param tests - the selected tests (duplicates by id are kept once).
 * @param total - the number of shards, at least 1.
 * @param durations - recorded ms per test id, if any.
 * @returns the shards and their estimated loads.
 * @throws ShardSpecError when `total` is not a positive integer.
 */
export function planShards(tests: readonly TestDescription[], total: number, durations?: Readonly<Record<string, number>>): ShardPlan {
  if (!Number.isInteger(total) || total < 1) throw new ShardSpecError(`The number of shards must be a positive integer; got ${total}.`);
  const seen = new Set<string>();
  const unique = tests.filter((test) => !seen.has(test.id) && seen.add(test.id));
  const { weigh, byDurations } = weigher(unique, durations);
  const loads: number[] = new Array(total).fill(0);
  const shardOf = new Map<string, number>();
  for (const item of itemsOf(unique, total, weigh)) {
    let best = 0;
    for (let i = 1; i < total; i++) if (loads[i] < loads[best]) best = i;
    loads[best] += item.weight;
    for (const test of item.tests) shardOf.set(test.id, best);
  }
  const shards: TestDescription[][] = loads.map(() => []);
  for (const test of unique) shards[shardOf.get(test.id) ?? 0].push(test);
  return { shards, loads, byDurations };
}

/**
 * The tests of one shard, in selection order.
 *
 * @param tests - the selected tests.
 * @param shard - which shard, 1-based.
 * @param durations - recorded ms per test id, if any.
 * @throws ShardSpecError for an invalid shard.
 * @example
 * ```ts
 * const mine = selectShard(tests, parseShard('2/5'), loadDurations(file).tests);
 * ```
 */
export function selectShard(tests: readonly TestDescription[], shard: ShardSpec, durations?: Readonly<Record<string, number>>): TestDescription[] {
  checkShard(shard, `${shard.index}/${shard.total}`);
  return planShards(tests, shard.total, durations).shards[shard.index - 1];
}

function checkShard(shard: ShardSpec, source: string): ShardSpec {
  const { index, total } = shard;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(total) || total < 1 || index < 1 || index > total) {
    throw new ShardSpecError(`${source} is not a shard: write I/N with 1 <= I <= N, like --shard 2/5.`);
  }
  return shard;
}

/**
 * Parse `--shard I/N`.
 *
 * @param text - e.g. `2/5`.
 * @returns the shard.
 * @throws ShardSpecError for anything but two positive integers with I <= N.
 * @example
 * ```ts
 * parseShard('2/5'); // { index: 2, total: 5 }
 * ```
 */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) throw new ShardSpecError(`--shard '${text}' is not a shard: write I/N with 1 <= I <= N, like --shard 2/5.`);
  return checkShard({ index: Number(match[1]), total: Number(match[2]) }, `--shard '${text}'`);
}

/** CI variables that say which parallel job this is: index, total, and the index's base. */
export const CI_SHARD_VARIABLES = [
  { index: 'CI_NODE_INDEX', total: 'CI_NODE_TOTAL', base: 1, ci: 'GitLab' },
  { index: 'CIRCLE_NODE_INDEX', total: 'CIRCLE_NODE_TOTAL', base: 0, ci: 'CircleCI' },
  { index: 'BUILDKITE_PARALLEL_JOB', total: 'BUILDKITE_PARALLEL_JOB_COUNT', base: 0, ci: 'Buildkite' },
] as const;

/**
 * The shard the CI's parallel-job variables describe, when `--shard` is not given:
 * GitLab (`CI_NODE_INDEX`/`CI_NODE_TOTAL`, 1-based), CircleCI
 * (`CIRCLE_NODE_INDEX`/`CIRCLE_NODE_TOTAL`, 0-based), Buildkite
 * (`BUILDKITE_PARALLEL_JOB`/`BUILDKITE_PARALLEL_JOB_COUNT`, 0-based).
 *
 * @param env - the environment (e.g. `process.env`).
 * @returns the shard, or null when no pair is set.
 * @throws ShardSpecError when a pair is set but is not a valid shard.
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>): ShardSpec | null {
  for (const vars of CI_SHARD_VARIABLES) {
    const index = env[vars.index];
    const total = env[vars.total];
    if (index === undefined || total === undefined || index === '' || total === '') continue;
    const source = `${vars.index}=${index} ${vars.total}=${total} (${vars.ci})`;
    if (!/^\d+$/.test(index.trim()) || !/^\d+$/.test(total.trim())) {
      throw new ShardSpecError(`${source} is not a shard: both must be integers; or pass --shard I/N.`);
    }
    return checkShard({ index: Number(index) + 1 - vars.base, total: Number(total) }, source);
  }
  return null;
}
