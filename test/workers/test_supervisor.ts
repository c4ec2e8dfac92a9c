/**
 * Tests for src/workers/supervisor.ts with a scripted worker: what a death or a hang becomes
 * (one error for the running test, a worker:crash), and what is re-queued.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import type { RunnerEvent, TestDescription } from '../../src/runner/events';
import type { WorkUnit } from '../../src/runner/interfaces';
import type { BatchOutcome, PoolWorker, PoolWorkerListener, WorkerExit, WorkerStateName } from '../../src/workers/interfaces';
import { planUnits, Scheduler } from '../../src/workers/scheduler';
import { DEFAULT_WATCHDOG, isHung, Supervisor } from '../../src/workers/supervisor';

const CWD = '/proj';

function describe(file: string, method: string): TestDescription {
  return { id: `${file}:K.${method}`, file, className: 'K', methodName: method };
}

/** One scripted batch: events to send, then how it ends. */
type Script = (listener: PoolWorkerListener, units: WorkUnit[]) => BatchOutcome;

class ScriptedWorker implements PoolWorker {
  readonly index = 0;
  readonly state: WorkerStateName = 'running';
  readonly pid = 1;
  readonly batches: WorkUnit[][] = [];
  readonly killed: string[] = [];
  readonly #scripts: Script[];

  constructor(scripts: Script[]) {
    this.#scripts = scripts;
  }

  async runBatch(units: WorkUnit[], listener: PoolWorkerListener): Promise<BatchOutcome> {
    this.batches.push(units);
    const script = this.#scripts.shift() ?? (() => ({ kind: 'done' }));
    return script(listener, units);
  }

  requestStop(): void {}
  kill(reason: string): void {
    this.killed.push(reason);
  }
  async close(): Promise<void> {}
}

/** a.ts, b.ts, then eight more: with ten equal units the first batch is [a.ts, b.ts]. */
const UNITS: WorkUnit[] = ['a', 'b', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((name) => ({ file: `${CWD}/${name}.ts` }));

const EXIT_3: WorkerExit = { reason: 'exited with code 3', exitCode: 3, signal: null, stderrTail: 'bye' };

function runTest(listener: PoolWorkerListener, test: TestDescription, end = true): void {
  listener.onEvent({ type: 'test:start', test, worker: 0, timeoutMs: 1000 });
  if (end) listener.onEvent({ type: 'test:end', test, worker: 0, outcome: 'success', durationMs: 1, errors: [] });
}

function supervise(worker: PoolWorker, units: WorkUnit[]): { events: RunnerEvent[]; done: Promise<void>; supervisor: Supervisor } {
  const scheduler = new Scheduler(planUnits(units, { workers: 1, cwd: CWD, durations: () => undefined }), 1);
  const events: RunnerEvent[] = [];
  const supervisor = new Supervisor(worker, scheduler, (e) => events.push(e), CWD, { ...DEFAULT_WATCHDOG, defaultTimeoutMs: 5000 });
  return { events, done: supervisor.loop(), supervisor };
}

export class SupervisorTests extends TestCase {
  /** A death mid-test reports that test once as an error, then re-runs the rest without it. */
  async test_deathReportsRunningTestAndRequeuesRest(): Promise<void> {
    const a = describe('a.ts', 'test_1');
    const b = describe('a.ts', 'test_2');
    const worker = new ScriptedWorker([
      (listener) => {
        listener.onUnitStart(0);
        runTest(listener, a);
        runTest(listener, b, false);
        return { kind: 'died', exit: EXIT_3 };
      },
    ]);
    const { events, done } = supervise(worker, UNITS);
    await done;
    this.assertEqual(worker.batches[0].length, 2);
    const crash = events.find((e) => e.type === 'worker:crash');
    this.assertEqual(crash?.type === 'worker:crash' ? crash.reason : null, 'exited with code 3');
    const ends = events.filter((e) => e.type === 'test:end');
    this.assertEqual(ends.map((e) => (e.type === 'test:end' ? [e.test.id, e.outcome] : [])), [['a.ts:K.test_1', 'success'], ['a.ts:K.test_2', 'error']]);
    this.assertEqual(worker.batches[1], [{ file: `${CWD}/a.ts`, excludeIds: ['a.ts:K.test_1', 'a.ts:K.test_2'] }, { file: `${CWD}/b.ts` }]);
  }

  /** A death outside any test charges the file once and drops it, so it cannot loop. */
  async test_deathOutsideTestChargesFile(): Promise<void> {
    const worker = new ScriptedWorker([
      (listener) => {
        listener.onUnitStart(0);
        return { kind: 'died', exit: EXIT_3 };
      },
    ]);
    const { events, done } = supervise(worker, UNITS);
    await done;
    const ends = events.filter((e) => e.type === 'test:end');
    this.assertEqual(ends.map((e) => (e.type === 'test:end' ? e.test.id : '')), ['a.ts']);
    this.assertEqual(worker.batches[1][0], { file: `${CWD}/b.ts` });
    this.assertEqual(worker.batches.flat().filter((u) => u.file.endsWith('/a.ts')).length, 1);
  }

  /** A worker that dies before it starts anything twice in a row gives up as a start failure: its files are not charged, the rest is not handed out. */
  async test_repeatedStartFailureGivesUp(): Promise<void> {
    const died = (): BatchOutcome => ({ kind: 'died', exit: EXIT_3 });
    const worker = new ScriptedWorker([died, died]);
    const { events, done, supervisor } = supervise(worker, [{ file: `${CWD}/a.ts` }, { file: `${CWD}/b.ts` }]);
    await done;
    this.assertEqual(worker.batches.length, 2);
    this.assertEqual(events.filter((e) => e.type === 'test:end').length, 0);
    this.assertEqual(supervisor.startFailure, EXIT_3);
  }
}

export class IsHungTests extends SynchronousTestCase {
  /** Past timeout + grace with no heartbeat: hung. */
  test_isHungWhenSilentPastTimeout(): void {
    this.assertTrue(isHung(3100, 0, 1000, 0, { ...DEFAULT_WATCHDOG, defaultTimeoutMs: 0 }));
  }

  /** Past timeout + grace but the loop still answers: the runner's own timeout will act. */
  test_isHungNotWhenAlive(): void {
    this.assertFalse(isHung(3100, 0, 1000, 3000, { ...DEFAULT_WATCHDOG, defaultTimeoutMs: 0 }));
  }

  /** Past every phase's timeout plus grace, even alive: hung. */
  test_isHungAtHardCap(): void {
    this.assertTrue(isHung(6100, 0, 1000, 6000, { ...DEFAULT_WATCHDOG, defaultTimeoutMs: 0 }));
  }

  /** Within the timeout: never hung. */
  test_isHungNotBeforeTimeout(): void {
    this.assertFalse(isHung(900, 0, 1000, 0, { ...DEFAULT_WATCHDOG, defaultTimeoutMs: 0 }));
  }
}
