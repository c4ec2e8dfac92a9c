/**
 * Tests for src/plan/planRun.ts: discovery, then selection by listed tests only when it
 * counts tests, the random order, the number of workers, and whether whole files run.
 */
import * as path from 'node:path';
import { SynchronousTestCase, TestCase } from 'trial-ts';
import type { ListedTests, PlanSettings, RunHistory, TestLister } from '../../src/plan/interfaces';
import { discoverRun, planRun } from '../../src/plan/planRun';
import type { RunnerEvent, TestDescription } from '../../src/runner/events';
import type { WorkUnit } from '../../src/runner/interfaces';

const ROOT = path.resolve(__dirname, '..', '..');
const ORDERING = path.join(ROOT, 'fixtures', 'ordering');

const SETTINGS: PlanSettings = {
  cwd: ROOT,
  roots: ['fixtures/ordering'],
  exclude: [],
  grep: [],
  lastFailed: false,
  dryRun: false,
  order: 'alphabetical',
  seed: 1,
  jobs: 2,
  jobsAuto: false,
  inProcess: false,
};

const NO_HISTORY: RunHistory = { durations: () => undefined, lastFailed: new Set() };

function described(file: string, className: string, methodName: string): TestDescription {
  return { id: `${file}:${className}.${methodName}`, file, className, methodName };
}

/** A lister that lists `tests` and reports `events`, remembering what it was asked. */
function fakeLister(tests: TestDescription[], events: RunnerEvent[] = []): { list: TestLister; asked: WorkUnit[][] } {
  const asked: WorkUnit[][] = [];
  const list = async (units: readonly WorkUnit[]): Promise<ListedTests> => {
    asked.push([...units]);
    return { tests, events };
  };
  return { list, asked };
}

/** Tests of finding the files of a run. */
export class DiscoverRunTests extends SynchronousTestCase {
  /** With no arguments, the roots are searched: one whole-file unit per test file. */
  test_rootsGiveWholeFiles() {
    const { units } = discoverRun([], SETTINGS);
    this.assertEqual(units.map((unit) => path.basename(unit.file)).sort(), ['test_order.ts', 'test_second.ts', 'test_third.ts']);
    this.assertTrue(units.every((unit) => unit.className === undefined));
  }

  /** A path that names nothing fails with the test-not-found code. */
  test_missingPathFails() {
    const error = this.assertRaises(Error, () => discoverRun(['fixtures/ordering/test_none.ts'], SETTINGS));
    this.assertEqual((error as { code?: string }).code, 'TRIAL_TEST_NOT_FOUND');
  }
}

/** Tests of planning a run. */
export class PlanRunTests extends TestCase {
  /** Without a shard, --last-failed or -n, nothing is loaded: the files are the plan. */
  async test_plainRunListsNothing() {
    const discovered = discoverRun([], SETTINGS);
    const { list, asked } = fakeLister([]);
    const plan = await planRun(discovered, SETTINGS, NO_HISTORY, list);
    this.assertEqual(asked, []);
    this.assertEqual(plan.units, discovered.units);
    this.assertIdentical(plan.plannedTests, undefined);
    this.assertEqual(plan.workers, 2);
    this.assertTrue(plan.wholeFiles);
  }

  /** --last-failed lists the tests, keeps the failed ones as units of file and class, and counts them. */
  async test_lastFailedSelectsListedTests() {
    const file = 'fixtures/ordering/test_order.ts';
    const tests = [described(file, 'A', 'test_1'), described(file, 'A', 'test_2'), described(file, 'B', 'test_1')];
    const warning: RunnerEvent = { type: 'test:lateError', test: null, worker: 0, error: { name: 'Error', message: 'said while loading', stack: '' } };
    const { list, asked } = fakeLister(tests, [warning]);
    const history: RunHistory = { durations: () => undefined, lastFailed: new Set([tests[1]!.id]) };
    const plan = await planRun(discoverRun([file], SETTINGS), { ...SETTINGS, lastFailed: true }, history, list);
    this.assertEqual(asked.length, 1);
    this.assertEqual(plan.units, [{ file: path.join(ORDERING, 'test_order.ts'), className: 'A', methodNames: ['test_2'] }]);
    this.assertEqual(plan.plannedTests, 1);
    this.assertEqual(plan.listingEvents, [warning]);
    this.assertFalse(plan.wholeFiles);
  }

  /** A dry run counts the tests and runs in this thread (no workers). */
  async test_dryRunCountsInThisThread() {
    const file = 'fixtures/ordering/test_order.ts';
    const { list } = fakeLister([described(file, 'A', 'test_1'), described(file, 'A', 'test_2')]);
    const plan = await planRun(discoverRun([file], SETTINGS), { ...SETTINGS, dryRun: true }, NO_HISTORY, list);
    this.assertEqual(plan.plannedTests, 2);
    this.assertEqual(plan.workers, 0);
  }

  /** --order random shuffles the files by the seed: the same seed, the same order. */
  async test_randomOrderFollowsSeed() {
    const discovered = discoverRun([], SETTINGS);
    const orderOf = async (seed: number) =>
      (await planRun(discovered, { ...SETTINGS, order: 'random', seed }, NO_HISTORY, fakeLister([]).list)).units.map((unit) => path.basename(unit.file));
    const orders = await Promise.all([1, 2, 3, 4, 5, 6].map(orderOf));
    this.assertEqual(await orderOf(3), orders[2]);
    this.assertTrue(new Set(orders.map((order) => order.join())).size > 1, 'every seed gave the same order');
  }

  /** Never more workers than units; --in-process and an empty plan use none. */
  async test_workersBoundedByUnits() {
    const discovered = discoverRun(['fixtures/ordering/test_order.ts'], SETTINGS);
    const list = fakeLister([]).list;
    this.assertEqual((await planRun(discovered, { ...SETTINGS, jobs: 8 }, NO_HISTORY, list)).workers, 1);
    this.assertEqual((await planRun(discovered, { ...SETTINGS, inProcess: true }, NO_HISTORY, list)).workers, 0);
    this.assertEqual((await planRun({ units: [] }, SETTINGS, NO_HISTORY, list)).workers, 0);
  }

  /** -k, or a class named on the command line, means not every test of a file runs. */
  async test_selectionsAreNotWholeFiles() {
    const list = fakeLister([]).list;
    this.assertFalse((await planRun(discoverRun([], SETTINGS), { ...SETTINGS, grep: ['order'] }, NO_HISTORY, list)).wholeFiles);
    this.assertFalse((await planRun(discoverRun(['fixtures/ordering/test_order.ts:Some'], SETTINGS), SETTINGS, NO_HISTORY, list)).wholeFiles);
  }
}
