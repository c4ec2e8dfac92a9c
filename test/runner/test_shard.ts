/**
 * Tests for src/runner/shard.ts: shards partition the selection exactly for N = 1..5,
 * with and without durations; duration-balanced shards are within 10 % of the mean;
 * big classes are split; CI variables and `--shard I/N` are parsed strictly.
 */
import { SynchronousTestCase } from 'trial-ts';
import type { TestDescription } from '../../src/runner/events';
import { classKey, parseShard, planShards, selectShard, shardFromEnv, ShardSpecError } from '../../src/runner/shard';

function test(file: string, className: string, methodName: string): TestDescription {
  return { id: `${file}:${className}.${methodName}`, file, className, methodName };
}

/** 23 classes in 7 files, 1 to 12 methods each: an uneven suite. */
function unevenSuite(): TestDescription[] {
  const tests: TestDescription[] = [];
  for (let c = 0; c < 23; c++) {
    const file = `test/test_f${c % 7}.ts`;
    const methods = 1 + ((c * 5) % 12);
    for (let m = 0; m < methods; m++) tests.push(test(file, `C${c}`, `test_${m}`));
  }
  tests.push({ id: 'test/test_broken.ts', file: 'test/test_broken.ts', className: '', methodName: '' });
  return tests;
}

/** Uneven durations: a few slow classes, a very slow one, many quick ones, some tests never timed. */
function unevenDurations(tests: readonly TestDescription[]): Record<string, number> {
  const durations: Record<string, number> = {};
  tests.forEach((t, i) => {
    if (i % 17 === 5) return;
    const cls = Number(t.className.slice(1));
    durations[t.id] = t.className === 'C3' ? 900 : cls % 5 === 0 ? 120 + (i % 7) * 10 : 3 + (i % 11);
  });
  return durations;
}

function ids(tests: readonly TestDescription[]): string[] {
  return tests.map((t) => t.id);
}

function weight(tests: readonly TestDescription[], durations: Record<string, number>): number {
  return tests.reduce((sum, t) => sum + (durations[t.id] ?? 0), 0);
}

export class PlanShardsTests extends SynchronousTestCase {
  /** For N = 1..5, with and without durations, every test is in exactly one shard, in selection order. */
  test_partitionIsExact(): void {
    const tests = unevenSuite();
    for (const durations of [undefined, unevenDurations(tests)]) {
      for (let total = 1; total <= 5; total++) {
        const shards = Array.from({ length: total }, (_, i) => selectShard(tests, { index: i + 1, total }, durations));
        const all = shards.flatMap(ids);
        this.assertEqual(all.length, tests.length);
        this.assertEqual(new Set(all).size, tests.length);
        this.assertEqual([...all].sort(), ids(tests).sort());
        for (const shard of shards) {
          const positions = shard.map((t) => tests.indexOf(t));
          this.assertEqual(positions, [...positions].sort((a, b) => a - b));
        }
      }
    }
  }

  /** With durations, the slowest shard is within 10 % of the mean for N = 2..5. */
  test_balancedWithinTenPercent(): void {
    const tests = unevenSuite();
    const durations = unevenDurations(tests);
    const measured = Object.fromEntries(tests.map((t) => [t.id, durations[t.id] ?? 0]));
    for (let total = 2; total <= 5; total++) {
      const plan = planShards(tests, total, durations);
      this.assertTrue(plan.byDurations);
      const times = plan.shards.map((shard) => weight(shard, measured));
      const mean = times.reduce((a, b) => a + b, 0) / total;
      this.assertTrue(Math.max(...times) <= mean * 1.1, `N=${total}: shard times ${times.join(', ')}; mean ${mean}`);
    }
  }

  /** Without durations, shards are balanced by test count (within one class's size). */
  test_balancedByCountWithoutDurations(): void {
    const tests = unevenSuite();
    const plan = planShards(tests, 4);
    this.assertEqual(plan.byDurations, false);
    const sizes = plan.shards.map((s) => s.length);
    this.assertTrue(Math.max(...sizes) - Math.min(...sizes) <= 12, `sizes ${sizes.join(', ')}`);
  }

  /** Classes stay together unless one alone is heavier than the mean shard; then it is split by method. */
  test_bigClassSplitByMethod(): void {
    const tests = unevenSuite();
    const durations = unevenDurations(tests);
    const plan = planShards(tests, 3, durations);
    const shardsOf = (key: string): number => new Set(plan.shards.flatMap((s, i) => (s.some((t) => classKey(t) === key) ? [i] : []))).size;
    this.assertEqual(shardsOf('test/test_f3.ts:C3') > 1, true);
    this.assertEqual(shardsOf('test/test_f5.ts:C5'), 1);
    this.assertEqual(shardsOf('test/test_f1.ts:C1'), 1);
  }

  /** The partition does not depend on the order tests were discovered in. */
  test_independentOfInputOrder(): void {
    const tests = unevenSuite();
    const durations = unevenDurations(tests);
    const reversed = [...tests].reverse();
    for (const d of [undefined, durations]) {
      const a = planShards(tests, 3, d).shards.map((s) => ids(s).sort());
      const b = planShards(reversed, 3, d).shards.map((s) => ids(s).sort());
      this.assertEqual(a, b);
    }
  }

  /** Fewer classes than shards leaves some shards empty, still a partition. */
  test_moreShardsThanTests(): void {
    const tests = [test('a.ts', 'A', 'test_1')];
    this.assertEqual(planShards(tests, 3).shards.map((s) => s.length).sort(), [0, 0, 1]);
  }
}

export class ShardSpecTests extends SynchronousTestCase {
  /** `I/N` parses; anything else is a usage error. */
  test_parseShard(): void {
    this.assertEqual(parseShard('2/5'), { index: 2, total: 5 });
    this.assertEqual(parseShard(' 1 / 1 '), { index: 1, total: 1 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '-1/3', '1.5/3', '']) {
      const error = this.assertRaises(ShardSpecError, parseShard, bad);
      this.assertEqual(error.code, 'TRIAL_USAGE');
    }
    this.assertEqual(
      this.assertRaises(ShardSpecError, parseShard, '4/3').message,
      "--shard '4/3' is not a shard: write I/N with 1 <= I <= N, like --shard 2/5.",
    );
  }

  /** GitLab is 1-based, CircleCI and Buildkite 0-based; nothing set is null. */
  test_shardFromEnv(): void {
    this.assertEqual(shardFromEnv({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4' }), { index: 2, total: 4 });
    this.assertEqual(shardFromEnv({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '3' }), { index: 1, total: 3 });
    this.assertEqual(shardFromEnv({ BUILDKITE_PARALLEL_JOB: '4', BUILDKITE_PARALLEL_JOB_COUNT: '5' }), { index: 5, total: 5 });
    this.assertEqual(shardFromEnv({ CI_NODE_TOTAL: '4' }), null);
    this.assertEqual(shardFromEnv({}), null);
  }

  /** Inconsistent CI variables are a usage error naming them. */
  test_shardFromEnvInvalid(): void {
    const error = this.assertRaises(ShardSpecError, shardFromEnv, { CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '3' });
    this.assertEqual(error.message, 'CIRCLE_NODE_INDEX=3 CIRCLE_NODE_TOTAL=3 (CircleCI) is not a shard: write I/N with 1 <= I <= N, like --shard 2/5.');
    this.assertRaises(ShardSpecError, shardFromEnv, { CI_NODE_INDEX: 'x', CI_NODE_TOTAL: '2' });
  }
}
