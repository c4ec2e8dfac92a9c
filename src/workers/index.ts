/**
 * Parallel runs (`-j N`): worker pools, scheduling, supervision.
 *
 * @packageDocumentation
 */
export { startDistRun } from './distRun';
export { PoolStartError } from './poolStartError';
export { planUnits, Scheduler, indexDurations, MAX_BATCH_UNITS } from './scheduler';
export type { PlannedUnit, PlanOptions } from './scheduler';
export { Supervisor, isHung, DEFAULT_WATCHDOG } from './supervisor';
export type { WatchdogOptions } from './supervisor';
export { ThreadWorker, createThreadWorker, WORKER_ENTRY } from './threadPool';
export { ProcessWorker, createProcessWorker, describeProcessExit } from './processPool';
export type {
  BatchOutcome,
  DistHooks,
  DistRun,
  PoolConfig,
  PoolKind,
  PoolWorker,
  PoolWorkerFactory,
  PoolWorkerListener,
  PoolWorkerOptions,
  WorkerExit,
  WorkerStateName,
} from './interfaces';
export { autoJobs, MIN_WORK_PER_WORKER_MS } from './autoJobs';
