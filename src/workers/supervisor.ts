/**
 * One supervisor per worker slot: pulls batches from the scheduler, passes the worker's
 * events on, and turns a worker's death or hang into exactly one result for the test it
 * was running (known from its last `test:start` without `test:end`), then re-queues the
 * rest of the batch without what already finished, so a dead worker never swallows
 * other tests. The watchdog lives here, in the main process, on real timers.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { CapturedOutput, EventSink, RunnerEvent, TestDescription, TestEndEvent } from '../runner/events';
import { realTimers } from '../runner/realTimers';
import type { PoolWorker, WorkerExit } from './interfaces';
import { messages } from './messages';
import type { PlannedUnit, Scheduler } from './scheduler';

/** Timing rules of the watchdog. */
export interface WatchdogOptions {
  /** Added to a test's `timeoutMs` before a worker that stopped answering is killed. */
  graceMs: number;
  /** A worker whose heartbeat is older than this is not answering. */
  silentMs: number;
  /** The timeout for work outside a test (loading a file, `setUpClass`). */
  defaultTimeoutMs: number;
  /** A test's phases (setUp, test, cleanups, tearDown) each get `timeoutMs`: the hard cap. */
  phases: number;
}

/** The defaults: 2 s grace, silent after 1 s without a heartbeat, 4 phases. */
export const DEFAULT_WATCHDOG: Omit<WatchdogOptions, 'defaultTimeoutMs'> = { graceMs: 2000, silentMs: 1000, phases: 4 };

interface InFlight {
  test: TestDescription;
  startedAt: number;
  timeoutMs: number;
  /** What the test printed so far, forwarded live: its worker may die before test:end. */
  output: CapturedOutput;
}

/** Most characters of a running test's output kept per stream for a crash report. */
const MAX_KEPT_OUTPUT = 64 * 1024;

/**
 * Decide whether a busy worker is hung.
 *
 * @param now - current time (ms, monotonic).
 * @param since - when the current test (or the current piece of work) started.
 * @param timeoutMs - its timeout.
 * @param lastAlive - when the worker last proved its event loop runs.
 * @param options - the watchdog's rules.
 * @returns true when the worker must be killed.
 */
export function isHung(now: number, since: number, timeoutMs: number, lastAlive: number, options: WatchdogOptions): boolean {
  const elapsed = now - since;
  if (elapsed > timeoutMs * options.phases + options.graceMs) return true;
  return elapsed > timeoutMs + options.graceMs && now - lastAlive > options.silentMs;
}

/** Supervises one worker slot for the length of a run. */
export class Supervisor {
  readonly #worker: PoolWorker;
  readonly #scheduler: Scheduler;
  readonly #emit: EventSink;
  readonly #cwd: string;
  readonly #watchdog: WatchdogOptions;
  #closed = false;
  // The state of the current batch:
  #batch: PlannedUnit[] = [];
  #inFlight: InFlight | null = null;
  #unitIndex = -1;
  #ended: Set<string>[] = [];
  #lastAlive = 0;
  #lastProgress = 0;
  #hang: { testId: string | null; seconds: number } | null = null;
  #startFailures = 0;
  #startFailure: WorkerExit | null = null;

  /**
   * @param worker - the slot it owns.
   * @param scheduler - the run's queue.
   * @param emit - where events go (in arrival order).
   * @param cwd - the run's cwd (ids of load errors are relative to it).
   * @param watchdog - timing rules.
   */
  constructor(worker: PoolWorker, scheduler: Scheduler, emit: EventSink, cwd: string, watchdog: WatchdogOptions) {
    this.#worker = worker;
    this.#scheduler = scheduler;
    this.#emit = emit;
    this.#cwd = cwd;
    this.#watchdog = watchdog;
  }

  /** Pull and run batches until the queue is empty, stopped, or the run is closed. */
  async loop(): Promise<void> {
    for (let batch = this.#scheduler.next(); batch !== null && !this.#closed; batch = this.#scheduler.next()) {
      await this.#runBatch(batch);
    }
  }

  /** How the slot's last start attempt ended, when its workers could not start twice in a row (else null). */
  get startFailure(): WorkerExit | null {
    return this.#startFailure;
  }

  /** The run is being torn down: report nothing more. */
  markClosed(): void {
    this.#closed = true;
  }

  /** Called periodically by the run: kill the worker if it is hung. */
  check(now: number): void {
    this.#worker.sync?.();
    if (this.#hang !== null || this.#lastProgress === 0) return;
    const inFlight = this.#inFlight;
    const since = inFlight?.startedAt ?? this.#lastProgress;
    const timeoutMs = inFlight?.timeoutMs ?? this.#watchdog.defaultTimeoutMs;
    if (!isHung(now, since, timeoutMs, this.#lastAlive, this.#watchdog)) return;
    const seconds = timeoutMs / 1000;
    this.#hang = { testId: inFlight?.test.id ?? null, seconds };
    this.#worker.kill(messages.timeoutReason(inFlight?.test.id ?? this.#currentFile() ?? 'a file'));
  }

  #currentFile(): string | null {
    const unit = this.#batch[this.#unitIndex];
    return unit === undefined ? null : relativeFile(this.#cwd, unit.unit.file);
  }

  async #runBatch(batch: PlannedUnit[]): Promise<void> {
    this.#batch = batch;
    this.#inFlight = null;
    this.#unitIndex = -1;
    this.#ended = batch.map(() => new Set<string>());
    this.#hang = null;
    this.#lastAlive = this.#lastProgress = realTimers.now();
    const outcome = await this.#worker.runBatch(
      batch.map((p) => p.unit),
      {
        onEvent: (event) => this.#onEvent(event),
        onUnitStart: (index) => {
          this.#unitIndex = index;
          this.#lastProgress = realTimers.now();
        },
        onAlive: () => {
          this.#lastAlive = realTimers.now();
        },
        onOutput: (stream, text) => {
          if (this.#inFlight !== null) this.#inFlight.output[stream] = (this.#inFlight.output[stream] + text).slice(-MAX_KEPT_OUTPUT);
        },
      },
    );
    this.#lastProgress = 0;
    if (this.#closed) return;
    if (outcome.kind === 'done') {
      this.#startFailures = 0;
      return;
    }
    this.#onDeath(outcome.exit);
  }

  #onEvent(event: RunnerEvent): void {
    if (this.#closed) return;
    const now = realTimers.now();
    this.#lastAlive = now;
    if (event.type === 'test:start') {
      this.#inFlight = { test: event.test, startedAt: now, timeoutMs: event.timeoutMs, output: { stdout: '', stderr: '' } };
    } else if (event.type === 'test:end') {
      this.#ended[Math.max(0, this.#unitIndex)]?.add(event.test.id);
      if (this.#inFlight?.test.id === event.test.id) this.#inFlight = null;
      this.#lastProgress = now;
    }
    this.#emit(event);
  }

  #onDeath(exit: WorkerExit): void {
    const worker = this.#worker.index;
    const hang = this.#hang;
    const inFlight = this.#inFlight;
    const now = realTimers.now();
    this.#emit({
      type: 'worker:crash',
      worker,
      reason: exit.reason,
      exitCode: exit.exitCode,
      signal: exit.signal,
      stderrTail: exit.stderrTail,
    });
    const requeue: PlannedUnit[] = [];
    const started = this.#unitIndex;
    if (started === -1) {
      // It died before starting any unit: a worker that cannot start. Retry once elsewhere,
      // then give up on the batch rather than loop.
      this.#startFailures++;
      if (this.#startFailures < 2) {
        this.#scheduler.requeue(this.#batch);
        return;
      }
      // Its files are not to blame: the run ends with exit 3 (see DistRun.run).
      this.#startFailure = exit;
      this.#scheduler.stop();
      return;
    }
    this.#startFailures = 0;
    const current = this.#batch[started];
    if (inFlight !== null) {
      const message =
        hang !== null ? messages.timedOut(hang.seconds, inFlight.test.id) : messages.crashedInTest(worker, exit.reason, inFlight.test.id, exit.stderrTail);
      const end = errorEnd(inFlight.test, worker, now - inFlight.startedAt, hang !== null ? 'TimeoutError' : 'WorkerCrashError', message);
      if (inFlight.output.stdout !== '' || inFlight.output.stderr !== '') end.output = inFlight.output;
      this.#emit(end);
      this.#ended[started].add(inFlight.test.id);
      const excludeIds = [...(current.unit.excludeIds ?? []), ...this.#ended[started]];
      requeue.push({ ...current, unit: { ...current.unit, excludeIds } });
    } else {
      this.#emit(this.#fileError(current.unit.file, exit, hang, this.#lastProgress, now));
    }
    requeue.push(...this.#batch.slice(started + 1));
    this.#scheduler.requeue(requeue);
  }

  #fileError(file: string, exit: WorkerExit, hang: { seconds: number } | null, since: number, now: number): TestEndEvent {
    const rel = relativeFile(this.#cwd, file);
    const message = hang !== null ? messages.fileTimedOut(hang.seconds, rel) : messages.crashedOutsideTest(this.#worker.index, exit.reason, rel, exit.stderrTail);
    const test: TestDescription = { id: rel, file: rel, className: '', methodName: '' };
    return errorEnd(test, this.#worker.index, Math.max(0, now - since), hang !== null ? 'TimeoutError' : 'WorkerCrashError', message);
  }
}

function errorEnd(test: TestDescription, worker: number, durationMs: number, name: string, message: string): TestEndEvent {
  return {
    type: 'test:end',
    test,
    worker,
    outcome: 'error',
    durationMs: Math.round(durationMs),
    errors: [{ name, message, stack: `${name}: ${message}` }],
  };
}

function relativeFile(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
