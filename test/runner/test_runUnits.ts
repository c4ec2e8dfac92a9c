/**
 * Tests for src/runner/runUnits.ts: loading files, running classes with their class hooks
 * and skips, reporting load and hook errors, stopping between tests, and listing. Runs the
 * real loader and runCase over fixtures/runUnits, with the fake janitor and capture of
 * test/support/fakeWorkerState.ts.
 */
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent } from '../../src/runner/events';
import type { WorkUnit } from '../../src/runner/interfaces';
import { listTests, runUnits } from '../../src/runner/runUnits';
import { fakeWorker, type FakeWorker } from '../support/fakeWorkerState';
import { ROOT } from '../support/runCli';

const UNITS = path.join(ROOT, 'fixtures/runUnits/test_units.ts');
const BROKEN = path.join(ROOT, 'fixtures/runUnits/test_broken.ts');
const ID = 'fixtures/runUnits/test_units.ts';
const TRACE = Symbol.for('trial-ts.test.runUnitsTrace');

function trace(): string[] {
  return (globalThis as { [key: symbol]: string[] | undefined })[TRACE] ?? [];
}

function ends(events: readonly RunnerEvent[]): TestEndEvent[] {
  return events.filter((event): event is TestEndEvent => event.type === 'test:end');
}

/** `id → outcome` of every test:end, in order. */
function outcomes(events: readonly RunnerEvent[]): [string, string][] {
  return ends(events).map((event) => [event.test.id.replace(`${ID}:`, ''), event.outcome]);
}

export class RunUnitsTests extends TestCase {
  override setUp() {
    delete (globalThis as { [key: symbol]: unknown })[TRACE];
    this.addCleanup(() => delete (globalThis as { [key: symbol]: unknown })[TRACE]);
  }

  async #run(units: WorkUnit[], shouldStop: () => boolean = () => false, dryRun = false): Promise<FakeWorker> {
    const worker = fakeWorker(ROOT, { dryRun });
    await runUnits(units, worker.state, worker.emit, shouldStop);
    return worker;
  }

  /** Classes run in order, each wrapped in its setUpClass and tearDownClass; every test starts then ends. */
  async test_classesAndHooksInOrder() {
    const worker = await this.#run([{ file: UNITS }]);
    this.assertEqual(trace(), ['A.setUpClass', 'A.test_one', 'A.test_two', 'A.tearDownClass', 'C.tearDownClass', 'D.test_y']);
    this.assertEqual(outcomes(worker.events), [
      ['ATests.test_one', 'success'],
      ['ATests.test_two', 'success'],
      ['BSkippedTests.test_classReason', 'skip'],
      ['BSkippedTests.test_ownReason', 'skip'],
      ['CSetUpClassFailsTests.test_x', 'error'],
      ['DTearDownClassFailsTests.test_y', 'success'],
    ]);
    const types = worker.events.filter((event) => event.type !== 'test:lateError').map((event) => event.type);
    this.assertEqual(types, Array(6).fill(['test:start', 'test:end']).flat());
    this.assertIdentical(worker.state.emit, worker.emit);
  }

  /** A skipped class runs no setUpClass; each test has its own skip reason when it has one, else the class's. */
  async test_skippedClass() {
    const worker = await this.#run([{ file: UNITS, className: 'BSkippedTests' }]);
    this.assertEqual(trace(), []);
    this.assertEqual(ends(worker.events).map((event) => event.reason), ['the class is off', 'its own reason']);
  }

  /** A failing setUpClass makes every test of the class an error that says so; tearDownClass still runs. */
  async test_setUpClassFailure() {
    const worker = await this.#run([{ file: UNITS, className: 'CSetUpClassFailsTests' }]);
    this.assertEqual(trace(), ['C.tearDownClass']);
    const [end] = ends(worker.events);
    this.assertEqual(end.errors[0].message, 'setUpClass of CSetUpClassFailsTests failed, so its tests did not run.\nno database');
  }

  /** A failing tearDownClass is a late error of the class, after its tests passed. */
  async test_tearDownClassFailure() {
    const worker = await this.#run([{ file: UNITS, className: 'DTearDownClassFailsTests' }]);
    const late = worker.events.filter((event) => event.type === 'test:lateError');
    this.assertEqual(late.map((event) => [event.test?.id, event.error.message]), [[`${ID}:DTearDownClassFailsTests`, 'tearDownClass of DTearDownClassFailsTests failed.\ncould not drop it']]);
  }

  /** A file that throws at import is one error under the file's id, and the next unit still runs. */
  async test_loadErrorThenNextUnit() {
    const worker = await this.#run([{ file: BROKEN }, { file: UNITS, className: 'ATests', methodNames: ['test_two'] }]);
    this.assertEqual(ends(worker.events).map((event) => [event.test.id, event.outcome]), [
      ['fixtures/runUnits/test_broken.ts', 'error'],
      [`${ID}:ATests.test_two`, 'success'],
    ]);
    this.assertIn('broken at import time', ends(worker.events)[0].errors[0].message);
  }

  /** shouldStop is asked between tests: once it says stop, no further test starts. */
  async test_stopsBetweenTests() {
    let ended = 0;
    const worker = fakeWorker(ROOT);
    const emit = (event: RunnerEvent) => {
      if (event.type === 'test:end') ended += 1;
      worker.emit(event);
    };
    await runUnits([{ file: UNITS }], worker.state, emit, () => ended >= 1);
    this.assertEqual(outcomes(worker.events), [['ATests.test_one', 'success']]);
    this.assertEqual(trace(), ['A.setUpClass', 'A.test_one', 'A.tearDownClass']);
  }

  /** A dry run reports every selected test as passed and runs no hook or test. */
  async test_dryRun() {
    const worker = await this.#run([{ file: UNITS }], () => false, true);
    this.assertEqual(trace(), []);
    this.assertEqual(new Set(ends(worker.events).map((event) => event.outcome)), new Set(['success']));
    this.assertEqual(ends(worker.events).length, 6);
  }

  /** listTests names the selected tests without running anything; a broken file is reported. */
  async test_listTests() {
    const worker = fakeWorker(ROOT);
    const listed = await listTests([{ file: UNITS, className: 'ATests' }, { file: BROKEN }], worker.state, worker.emit);
    this.assertEqual(listed.map((test) => test.id), [`${ID}:ATests.test_one`, `${ID}:ATests.test_two`]);
    this.assertEqual(trace(), []);
    this.assertEqual(ends(worker.events).map((event) => event.test.id), ['fixtures/runUnits/test_broken.ts']);
  }
}
