/**
 * Contracts of the worker pools behind `-j N`: threads (piscina) and child processes,
 * behind one interface, supervised by the scheduler in the main process.
 *
 * @packageDocumentation
 */
import type { RecordedDurations } from '../runner/durations';
import type { EventSink, RunnerEvent, SerializedError } from '../runner/events';
import type { WorkUnit, WorkerConfig } from '../runner/interfaces';
import type { SidecarBroker } from '../sidecar/interfaces';

/** `--pool`. */
export type PoolKind = 'threads' | 'processes';

/**
 * Life of one worker slot:
 * `idle` (no thread or process yet) → `starting` → `running` (between batches too)
 * → `stopping` (close requested) → `stopped`; or → `crashed` (died or was killed),
 * after which the slot starts a fresh worker on its next batch.
 */
export type WorkerStateName = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed';

/** What the scheduler needs to start a pool. */
export interface PoolConfig {
  kind: PoolKind;
  /** Number of workers (never more are started than there are units). */
  size: number;
  /** The per-worker config; `workerIndex` and `tempDir` are filled per worker. */
  worker: Omit<WorkerConfig, 'workerIndex' | 'tempDir'>;
  /** The run's temp directory; worker N uses `<tempDir>/<N>` (created by the pool). */
  tempDir: string;
  /**
   * Heap limit of each worker in MiB (`resourceLimits.maxOldGenerationSizeMb` for threads,
   * `--max-old-space-size` for processes). Default: Node's (which follows NODE_OPTIONS).
   */
  heapLimitMb?: number;
  /**
   * Grace in ms added to a test's `timeoutMs` before the watchdog kills a worker whose
   * event loop stopped answering. Default 2000.
   */
  watchdogGraceMs?: number;
}

/** What the command line hands to {@link DistRun} besides the config. */
export interface DistHooks {
  /** Hands out per-worker sidecar connections on request. */
  broker: SidecarBroker;
  /** Earlier runs' durations by test file (may know none): drive longest-first. */
  durations: RecordedDurations;
}

/** A scheduled run across workers. */
export interface DistRun {
  /**
   * Run all units; events from every worker reach `emit` in the order they arrive. Each
   * test's events are atomic (its `test:end` carries its output). Resolves when every
   * unit ran (or was dropped by `stop()`) and every worker is idle.
   * @throws PoolStartError (`TRIAL_POOL_START`) when a slot's workers died before their
   *   first unit twice in a row; the units not run are left out, not charged as errors.
   */
  run(units: WorkUnit[], emit: EventSink): Promise<void>;
  /** Stop handing out work (`-x`, first SIGINT); running tests finish, then `run` resolves. */
  stop(): void;
  /** Take in at once what workers sent that has not reached `emit` yet (threads' message rings). */
  sync(): void;
  /** Terminate every worker now (threads terminated, processes killed by pid). Idempotent. */
  close(): Promise<void>;
}

/** How a worker ended, as the supervisor reports it. */
export interface WorkerExit {
  /** One line: "exited with code 3", "was killed by SIGKILL", "ran out of memory". */
  reason: string;
  exitCode: number | null;
  signal: string | null;
  /** The last lines the worker wrote to stderr (or the fatal error's stack, for a thread). */
  stderrTail: string;
  /** The error that ended a thread, when there was one. */
  error?: SerializedError;
}

/** What a worker tells its supervisor while it runs a batch. */
export interface PoolWorkerListener {
  /** A protocol event from the runner in the worker. */
  onEvent(event: RunnerEvent): void;
  /** The worker began unit `index` of the current batch. */
  onUnitStart(index: number): void;
  /** The worker's event loop is alive (a heartbeat). */
  onAlive(): void;
  /** The running test printed this (also carried by its test:end; kept here in case it dies). */
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
}

/** The result of one batch on one worker. */
export type BatchOutcome = { kind: 'done' } | { kind: 'died'; exit: WorkerExit };

/**
 * One worker slot: a thread or a child process with a fixed index, replaced in place when
 * it dies. Both pool kinds implement it; the supervisor only sees this.
 */
export interface PoolWorker {
  /** The slot's index: its temp dir is `<tempDir>/<index>`. */
  readonly index: number;
  /** Current state; see {@link WorkerStateName}. */
  readonly state: WorkerStateName;
  /** OS pid of a process worker (the main pid for a thread); null before start. */
  readonly pid: number | null;
  /**
   * Run `units` (starting a fresh worker if none is alive) and resolve when the worker
   * says the batch is done, or when it dies (every event it sent is delivered first).
   */
  runBatch(units: WorkUnit[], listener: PoolWorkerListener): Promise<BatchOutcome>;
  /** Ask the running batch to stop after the current test (`shouldStop()` in the worker). */
  requestStop(): void;
  /** Take in what the worker sent that the slot has not read yet (a thread's message ring), so the watchdog judges the latest state. */
  sync?(): void;
  /** Kill the worker now (a hang): the pending `runBatch` resolves as died with `reason`. */
  kill(reason: string): void;
  /** Terminate the worker for good. Idempotent. */
  close(): Promise<void>;
}

/** Everything a pool needs to make worker slots. */
export interface PoolWorkerOptions {
  index: number;
  /** The complete config of this worker. */
  config: WorkerConfig;
  heapLimitMb?: number;
  /** Serves the worker's sidecar requests. */
  broker: SidecarBroker;
}

/** Makes worker slots of one kind. */
export type PoolWorkerFactory = (options: PoolWorkerOptions) => PoolWorker;
