/**
 * Tests for src/workers/scheduler.ts: what goes to a free worker, in which order, in which
 * batch, and what comes back after a worker died.
 */
import { SynchronousTestCase } from 'trial-ts';
import { Durations, type RecordedDurations } from '../../src/runner/durations';
import type { WorkUnit } from '../../src/runner/interfaces';
import { indexDurations, MAX_BATCH_UNITS, planUnits, Scheduler, type PlannedUnit } from '../../src/workers/scheduler';

const CWD = '/proj';

function unit(name: string, extra: Partial<WorkUnit> = {}): WorkUnit {
  return { file: `${CWD}/test/${name}.ts`, ...extra };
}

function durations(entries: Record<string, number>): RecordedDurations {
  return Durations.of(entries).testsOf;
}

function files(planned: readonly PlannedUnit[]): string[] {
  return planned.map((p) => p.unit.file.slice(`${CWD}/test/`.length) + (p.unit.className ? `:${p.unit.className}` : ''));
}

export class PlanUnitsTests extends SynchronousTestCase {
  /** Known units come longest first. */
  test_planOrdersLongestFirst(): void {
    const planned = planUnits([unit('a'), unit('b'), unit('c')], {
      workers: 2,
      cwd: CWD,
      durations: durations({ 'test/a.ts:A.test_x': 5, 'test/b.ts:B.test_x': 50, 'test/c.ts:C.test_x': 20 }),
    });
    this.assertEqual(files(planned), ['b.ts', 'c.ts', 'a.ts']);
  }

  /** Files never recorded go first, biggest file first: they may be long. */
  test_planPutsUnknownFilesFirstBySize(): void {
    const sizes: Record<string, number> = { [`${CWD}/test/new1.ts`]: 100, [`${CWD}/test/new2.ts`]: 900 };
    const planned = planUnits([unit('old'), unit('new1'), unit('new2')], {
      workers: 2,
      cwd: CWD,
      durations: durations({ 'test/old.ts:Old.test_x': 500 }),
      sizeOf: (file) => sizes[file] ?? 0,
    });
    this.assertEqual(files(planned), ['new2.ts', 'new1.ts', 'old.ts']);
  }

  /** A file that holds most of the run is split into one unit per recorded class, plus a remainder. */
  test_planSplitsBigFileByClass(): void {
    const planned = planUnits([unit('big'), unit('small')], {
      workers: 2,
      cwd: CWD,
      durations: durations({
        'test/big.ts:Slow.test_a': 300,
        'test/big.ts:Slow.test_b': 300,
        'test/big.ts:Medium.test_a': 200,
        'test/small.ts:Small.test_a': 10,
      }),
    });
    this.assertEqual(files(planned), ['big.ts:Slow', 'big.ts:Medium', 'small.ts', 'big.ts']);
    this.assertEqual(planned[0].unit.methodNames, ['test_a', 'test_b']);
    this.assertEqual(planned[3].unit.excludeIds, ['test/big.ts:Slow.test_a', 'test/big.ts:Slow.test_b', 'test/big.ts:Medium.test_a']);
  }

  /** A file with one class is never split below the class: its tests stay together. */
  test_planKeepsSingleClassTogether(): void {
    const planned = planUnits([unit('big'), unit('small')], {
      workers: 2,
      cwd: CWD,
      durations: durations({ 'test/big.ts:Only.test_a': 900, 'test/big.ts:Only.test_b': 900, 'test/small.ts:S.test_a': 1 }),
    });
    this.assertEqual(files(planned), ['big.ts', 'small.ts']);
    this.assertIdentical(planned[0].unit.className, undefined);
  }

  /** With one worker nothing is split: there is no one to share with. */
  test_planDoesNotSplitForOneWorker(): void {
    const planned = planUnits([unit('big'), unit('small')], {
      workers: 1,
      cwd: CWD,
      durations: durations({ 'test/big.ts:A.test_a': 900, 'test/big.ts:B.test_a': 900, 'test/small.ts:S.test_a': 1 }),
    });
    this.assertEqual(files(planned), ['big.ts', 'small.ts']);
  }

  /** One worker runs the files in the order given (sorted or shuffled), not longest first. */
  test_planKeepsGivenOrderForOneWorker(): void {
    const planned = planUnits([unit('small'), unit('big')], {
      workers: 1,
      cwd: CWD,
      durations: durations({ 'test/big.ts:A.test_a': 900, 'test/small.ts:S.test_a': 1 }),
    });
    this.assertEqual(files(planned), ['small.ts', 'big.ts']);
  }

  /** The estimate of a narrowed unit leaves out excluded ids and other classes. */
  test_planEstimatesNarrowedUnits(): void {
    const planned = planUnits([unit('f', { className: 'A', excludeIds: ['test/f.ts:A.test_a'] })], {
      workers: 2,
      cwd: CWD,
      durations: durations({ 'test/f.ts:A.test_a': 100, 'test/f.ts:A.test_b': 7, 'test/f.ts:B.test_a': 1000 }),
    });
    this.assertEqual(planned[0].estimateMs, 7);
  }

  /** The asked-for files' records are grouped by class and method; malformed ids and files not asked for are left out. */
  test_indexDurationsGroups(): void {
    const recorded = durations({ 'test/f.ts:A.test_a': 3, 'test/f.ts:A.test_b': 4, 'test/f.ts:noClass': 2, 'test/g.ts:G.test_a': 1, nonsense: 1 });
    const index = indexDurations(recorded, ['test/f.ts', 'test/missing.ts']);
    this.assertEqual([...index.keys()], ['test/f.ts']);
    this.assertEqual([...index.get('test/f.ts')!.get('A')!.entries()], [['test_a', 3], ['test_b', 4]]);
  }
}

function plannedUnits(count: number, estimateMs = 1): PlannedUnit[] {
  return Array.from({ length: count }, (_, i) => ({ unit: unit(`u${i}`), estimateMs, known: true, size: 0 }));
}

export class SchedulerTests extends SynchronousTestCase {
  /** Early batches carry several units; later ones shrink to one. */
  test_nextShrinksBatches(): void {
    const scheduler = new Scheduler(plannedUnits(100), 2);
    const sizes: number[] = [];
    for (let batch = scheduler.next(); batch !== null; batch = scheduler.next()) sizes.push(batch.length);
    this.assertEqual(sizes.reduce((a, b) => a + b, 0), 100);
    this.assertEqual(sizes[0], 12);
    this.assertEqual(sizes[sizes.length - 1], 1);
    this.assertTrue(sizes.every((size, i) => i === 0 || size <= sizes[i - 1]));
  }

  /** A long unit travels alone. */
  test_nextSendsLongUnitAlone(): void {
    const scheduler = new Scheduler([{ unit: unit('long'), estimateMs: 1000, known: true, size: 0 }, ...plannedUnits(10)], 2);
    this.assertEqual(scheduler.next()!.length, 1);
  }

  /** No batch carries more than MAX_BATCH_UNITS. */
  test_nextCapsBatchSize(): void {
    const scheduler = new Scheduler(plannedUnits(10_000), 1);
    this.assertEqual(scheduler.next()!.length, MAX_BATCH_UNITS);
  }

  /** Requeued units (what a dead worker had left) come out next, with their excludeIds. */
  test_requeueRunsNext(): void {
    const scheduler = new Scheduler(plannedUnits(3, 100), 2);
    const first = scheduler.next()!;
    const back = { ...first[0], unit: { ...first[0].unit, excludeIds: ['test/u0.ts:A.test_crashed'] } };
    scheduler.requeue([back]);
    const again = scheduler.next()!;
    this.assertEqual(again[0].unit, { file: `${CWD}/test/u0.ts`, excludeIds: ['test/u0.ts:A.test_crashed'] });
  }

  /** After stop(), nothing more is handed out. */
  test_stopHandsOutNothing(): void {
    const scheduler = new Scheduler(plannedUnits(5), 2);
    scheduler.stop();
    this.assertIdentical(scheduler.next(), null);
    this.assertEqual(scheduler.pending, 5);
  }
}
