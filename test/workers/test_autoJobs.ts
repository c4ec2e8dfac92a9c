/**
 * Tests for src/workers/autoJobs.ts: `-j auto` starts workers only when earlier runs show
 * there is enough work to pay for them.
 */
import { SynchronousTestCase } from 'trial-ts';
import { Durations, type RecordedDurations } from '../../src/runner/durations';
import { autoJobs, MIN_WORK_PER_WORKER_MS } from '../../src/workers/autoJobs';

const CWD = '/proj';
const UNITS = [{ file: `${CWD}/test/a.ts` }, { file: `${CWD}/test/b.ts` }];

function recorded(msEach: number, more: Record<string, number> = {}): RecordedDurations {
  return Durations.of({ 'test/a.ts:A.test_x': msEach, 'test/b.ts:B.test_x': msEach, ...more }).testsOf;
}

export class AutoJobsTests extends SynchronousTestCase {
  /** Quick recorded tests run in-process: one worker. */
  test_autoJobsRunsQuickSuiteInProcess(): void {
    this.assertEqual(autoJobs(4, UNITS, recorded(10), CWD), 1);
  }

  /** Enough recorded work uses the cores, but never more workers than units. */
  test_autoJobsUsesCoresForLongSuite(): void {
    this.assertEqual(autoJobs(4, UNITS, recorded(MIN_WORK_PER_WORKER_MS * 4), CWD), 2);
  }

  /** Work for two workers but not three: two. */
  test_autoJobsScalesWithWork(): void {
    const units = [...UNITS, { file: `${CWD}/test/c.ts` }];
    const durations = recorded(MIN_WORK_PER_WORKER_MS / 2, { 'test/c.ts:C.test_x': MIN_WORK_PER_WORKER_MS });
    this.assertEqual(autoJobs(8, units, durations, CWD), 2);
  }

  /** A file never recorded makes the cost unknown: every core. */
  test_autoJobsUsesCoresWhenUnknown(): void {
    this.assertEqual(autoJobs(2, [...UNITS, { file: `${CWD}/test/new.ts` }], recorded(1), CWD), 2);
  }
}
