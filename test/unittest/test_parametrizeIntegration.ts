/**
 * End to end: `@parametrize` through the real CLI over fixtures/parametrize — each case is
 * its own test in the reporters, selectable by id and by `-k`, and run in workers.
 */
import { TestCase } from 'trial-ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outcomesOf } from '../support/outcomes';
import { recordedDurations } from '../support/recordedDurations';
import { runCli } from '../support/runCli';

const FILE = 'fixtures/parametrize/test_parametrize.ts';

export class ParametrizeIntegrationTests extends TestCase {
  /** Every case runs with its arguments, sync and async; the failing case alone fails. */
  async test_everyCaseIsATest() {
    const result = await runCli(['--reporter', 'verbose', FILE]);
    this.assertEqual(result.code, 1);
    this.assertEqual(outcomesOf(result.stdout), {
      [`${FILE}:AddTests.test_add[small]`]: 'OK',
      [`${FILE}:AddTests.test_add[negative]`]: 'OK',
      [`${FILE}:AddTests.test_add[wrong]`]: 'FAIL',
      [`${FILE}:AddTests.test_length[0]`]: 'OK',
      [`${FILE}:AddTests.test_length[1]`]: 'OK',
      [`${FILE}:AddTests.test_plain`]: 'OK',
      [`${FILE}:AddTests.test_round[1.5]`]: 'OK',
      [`${FILE}:AsyncCaseTests.test_wait[later]`]: 'OK',
      [`${FILE}:AsyncCaseTests.test_wait[now]`]: 'OK',
    });
    this.assertIn('2 !== 3', result.stdout);
  }

  /** TAP, JUnit and JSON name each case by its own id too. */
  async test_machineReportersNameCases() {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const xml = path.join(dir, 'junit.xml');
    const json = path.join(dir, 'events.ndjson');
    const result = await runCli(['--reporter', 'tap', '--reporter', `junit:${xml}`, '--reporter', `json:${json}`, `${FILE}:AddTests.test_add`]);
    this.assertEqual(result.code, 1, result.stderr);
    this.assertIn(`ok 2 - ${FILE}:AddTests.test_add[negative]\n`, result.stdout);
    this.assertIn(`not ok 3 - ${FILE}:AddTests.test_add[wrong]\n`, result.stdout);
    const names = [...fs.readFileSync(xml, 'utf8').matchAll(/<testcase name="([^"]+)"/g)].map((match) => match[1]);
    this.assertEqual(names, ['test_add[small]', 'test_add[negative]', 'test_add[wrong]']);
    const ended = fs.readFileSync(json, 'utf8').split('\n').filter((line) => line.includes('"test:end"'));
    this.assertEqual(ended.map((line) => (JSON.parse(line) as { test: { id: string } }).test.id), names.map((name) => `${FILE}:AddTests.${name}`));
  }

  /** The tree shows the case names under the class, in declared order. */
  async test_treeShowsCases() {
    const result = await runCli([FILE]);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith('    test_add'));
    this.assertEqual(lines.map((line) => line.trim().split(' ')[0]), ['test_add[small]', 'test_add[negative]', 'test_add[wrong]']);
  }

  /** `file:Class.method[case]` runs that case, a dotted case too; `file:Class.method` runs them all. */
  async test_selectByCaseId() {
    const one = await runCli(['--reporter', 'verbose', `${FILE}:AddTests.test_add[negative]`, `${FILE}:AddTests.test_round[1.5]`]);
    this.assertEqual(one.code, 0);
    this.assertEqual(Object.keys(outcomesOf(one.stdout)).sort(), [`${FILE}:AddTests.test_add[negative]`, `${FILE}:AddTests.test_round[1.5]`]);
    const all = await runCli(['--reporter', 'verbose', `${FILE}:AddTests.test_add`]);
    this.assertEqual(Object.keys(outcomesOf(all.stdout)).length, 3);
  }

  /** `-k` matches case names, as part of the id. */
  async test_selectByGrep() {
    const result = await runCli(['--reporter', 'verbose', '-k', '[now]', '-k', 'negative', FILE]);
    this.assertEqual(result.code, 0);
    this.assertEqual(Object.keys(outcomesOf(result.stdout)).sort(), [`${FILE}:AddTests.test_add[negative]`, `${FILE}:AsyncCaseTests.test_wait[now]`]);
  }

  /** In workers, each case is reported and its duration recorded under its own id. */
  async test_workersAndDurations() {
    const durations = path.join(this.mktemp(), 'durations.json');
    const result = await runCli(['--reporter', 'verbose', '-j', '2', '--durations-file', durations, FILE]);
    this.assertEqual(result.code, 1);
    this.assertEqual(Object.keys(outcomesOf(result.stdout)).length, 9);
    const { tests } = recordedDurations(durations);
    this.assertIn(`${FILE}:AsyncCaseTests.test_wait[later]`, tests);
    this.assertIn(`${FILE}:AddTests.test_add[small]`, tests);
  }

  /**
   * `--shard` splits cases like any tests: the two shards together run each case once, and
   * the cases of one method land in different shards (AddTests outweighs half the run, so
   * its tests are packed one by one). Each shard gets an empty durations file of its own,
   * so every test weighs 1 on both: recorded durations (other runs', or shard 1's) would
   * move the split.
   */
  async test_shardsSplitCases() {
    const dir = this.mktemp();
    const shards: string[][] = [];
    for (const shard of ['1/2', '2/2']) {
      const durations = path.join(dir, `durations-${shard.replace('/', 'of')}.json`);
      const result = await runCli(['--reporter', 'verbose', '--durations-file', durations, '--shard', shard, FILE]);
      shards.push(Object.keys(outcomesOf(result.stdout)));
    }
    const ids = shards.flat();
    this.assertEqual(ids.length, 9);
    this.assertEqual(new Set(ids).size, 9);
    for (const shard of shards) this.assertTrue(shard.some((id) => id.includes('.test_add[')), `a test_add case in ${shard.join(', ')}`);
  }
}
