/**
 * Tests for src/plan/selectTests.ts: --last-failed, then the shard, then back to work units.
 */
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { selectTests, unitsOf } from '../../src/plan/selectTests';
import { Durations } from '../../src/runner/durations';
import type { TestDescription } from '../../src/runner/events';
import { selectShard } from '../../src/runner/shard';

function test(file: string, className: string, methodName: string): TestDescription {
  return { id: `${file}:${className}.${methodName}`, file, className, methodName };
}

const NONE = (): undefined => undefined;

const TESTS = [
  test('test/test_a.ts', 'A', 'test_1'),
  test('test/test_b.ts', 'B', 'test_1'),
  test('test/test_a.ts', 'A', 'test_2'),
  test('test/test_a.ts', 'Other', 'test_1'),
];

/** Tests of selecting what a run executes. */
export class SelectTestsTests extends SynchronousTestCase {
  /** One unit per file and class, in first-seen order, with absolute paths and the methods in order. */
  test_unitsOfGroupsByFileAndClass() {
    this.assertEqual(unitsOf(TESTS, '/repo'), [
      { file: path.resolve('/repo', 'test/test_a.ts'), className: 'A', methodNames: ['test_1', 'test_2'] },
      { file: path.resolve('/repo', 'test/test_b.ts'), className: 'B', methodNames: ['test_1'] },
      { file: path.resolve('/repo', 'test/test_a.ts'), className: 'Other', methodNames: ['test_1'] },
    ]);
  }

  /** Without --last-failed or a shard, everything is selected. */
  test_everything() {
    const selection = selectTests(TESTS, { cwd: '/repo', shard: undefined, durations: NONE });
    this.assertEqual([selection.count, selection.units.length], [4, 3]);
  }

  /** --last-failed keeps only the previous failures (an empty set selects nothing). */
  test_lastFailed() {
    const selection = selectTests(TESTS, { cwd: '/repo', shard: undefined, lastFailed: new Set([TESTS[2]!.id]), durations: NONE });
    this.assertEqual(selection, { count: 1, units: [{ file: path.resolve('/repo', 'test/test_a.ts'), className: 'A', methodNames: ['test_2'] }] });
    this.assertEqual(selectTests(TESTS, { cwd: '/repo', shard: undefined, lastFailed: new Set(), durations: NONE }).count, 0);
  }

  /** The shard applies after --last-failed, to the tests left; the shards together select each test once. */
  test_shardAfterLastFailed() {
    const lastFailed = new Set([TESTS[0]!.id, TESTS[1]!.id, TESTS[3]!.id]);
    const counts = [1, 2].map((index) => selectTests(TESTS, { cwd: '/repo', shard: { index, total: 2 }, lastFailed, durations: NONE }).count);
    this.assertEqual(counts[0]! + counts[1]!, 3);
    const kept = TESTS.filter((t) => lastFailed.has(t.id));
    this.assertEqual(counts[0], selectShard(kept, { index: 1, total: 2 }, {}).length);
  }

  /** The shard is balanced by the recorded durations of the tests it splits: one long test is a shard of its own. */
  test_shardWeighsRecordedDurations() {
    const durations = Durations.of({ [TESTS[1]!.id]: 1000, [TESTS[0]!.id]: 1, [TESTS[2]!.id]: 1, [TESTS[3]!.id]: 1 }).testsOf;
    const shards = [1, 2].map((index) => selectTests(TESTS, { cwd: '/repo', shard: { index, total: 2 }, durations }));
    this.assertEqual(shards.map((shard) => shard.count).sort(), [1, 3]);
    const alone = shards.find((shard) => shard.count === 1)!;
    this.assertEqual(alone.units, [{ file: path.resolve('/repo', 'test/test_b.ts'), className: 'B', methodNames: ['test_1'] }]);
  }
}
