/**
 * `-j N`: a run across worker slots. Plans the units, makes at most one slot per unit,
 * runs one supervisor per slot, watches for hangs, and owns every worker until `close()`.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventSink } from '../runner/events';
import type { WorkUnit } from '../runner/interfaces';
import { realTimers } from '../runner/realTimers';
import type { DistHooks, DistRun, PoolConfig, PoolWorker, PoolWorkerFactory } from './interfaces';
import { createProcessWorker } from './processPool';
import { PoolStartError } from './poolStartError';
import { planUnits, Scheduler } from './scheduler';
import { DEFAULT_WATCHDOG, Supervisor } from './supervisor';
import { createThreadWorker } from './threadPool';

/** How often the watchdog looks at the workers. */
const WATCHDOG_TICK_MS = 100;
/** A worker that has not finished starting after this long is killed (its slot starts afresh). */
const WARM_UP_LIMIT_MS = 30_000;
/** Trial's default per-phase timeout, when `--timeout` is not given. */
const DEFAULT_TIMEOUT_S = 120;

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

class StartedDistRun implements DistRun {
  readonly #config: PoolConfig;
  readonly #hooks: DistHooks;
  readonly #factory: PoolWorkerFactory;
  readonly #workers: PoolWorker[] = [];
  readonly #supervisors: Supervisor[] = [];
  /** Each worker's start (loader, runner modules), begun in `startDistRun`. */
  readonly #warmUps: Promise<void>[] = [];
  #scheduler: Scheduler | null = null;
  #stopped = false;
  #closed: Promise<void> | null = null;
  #tick: ReturnType<typeof setTimeout> | null = null;

  constructor(config: PoolConfig, hooks: DistHooks, factory: PoolWorkerFactory) {
    this.#config = config;
    this.#hooks = hooks;
    this.#factory = factory;
  }

  /**
   * Start every worker now with an empty batch, so that starting threads or processes
   * and loading TypeScript overlaps with what the caller does before `run`.
   */
  warmUp(): void {
    for (let index = 0; index < this.#config.size; index++) {
      const worker = this.#makeWorker(index);
      this.#workers.push(worker);
      const quiet = { onEvent: () => {}, onUnitStart: () => {}, onAlive: () => {}, onOutput: () => {} };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = realTimers.setTimeout(() => {
          worker.kill('did not start');
          resolve();
        }, WARM_UP_LIMIT_MS);
        timer.unref();
      });
      // A worker that dies while starting is replaced by its first real batch, which reports it.
      const started = worker.runBatch([], quiet).then(() => realTimers.clearTimeout(timer));
      this.#warmUps.push(Promise.race([started, limit]));
    }
  }

  async run(units: WorkUnit[], emit: EventSink): Promise<void> {
    if (this.#closed !== null) return;
    const planned = planUnits(units, {
      workers: this.#config.size,
      durations: this.#hooks.durations,
      cwd: this.#config.worker.cwd,
      sizeOf: fileSize,
    });
    const size = Math.min(this.#config.size, planned.length);
    const scheduler = new Scheduler(planned, size);
    this.#scheduler = scheduler;
    if (this.#stopped) scheduler.stop();
    const watchdog = {
      ...DEFAULT_WATCHDOG,
      graceMs: this.#config.watchdogGraceMs ?? DEFAULT_WATCHDOG.graceMs,
      defaultTimeoutMs: (this.#config.worker.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
    };
    const supervisors: Supervisor[] = [];
    for (let index = this.#workers.length; index < size; index++) this.#workers.push(this.#makeWorker(index));
    // Fewer units than warmed workers (big files were not split after all): free the rest.
    await Promise.all(this.#workers.slice(size).map((worker) => worker.close()));
    for (const worker of this.#workers.slice(0, size)) {
      supervisors.push(new Supervisor(worker, scheduler, emit, this.#config.worker.cwd, watchdog));
    }
    this.#supervisors.push(...supervisors);
    this.#startWatchdog();
    try {
      await Promise.all(supervisors.map((supervisor, index) => (this.#warmUps[index] ?? Promise.resolve()).then(() => supervisor.loop())));
    } finally {
      this.#stopWatchdog();
    }
    const failed = supervisors.find((supervisor) => supervisor.startFailure !== null);
    if (failed !== undefined) throw new PoolStartError(supervisors.indexOf(failed), failed.startFailure!, this.#config.kind);
  }

  #makeWorker(index: number): PoolWorker {
    const tempDir = path.join(this.#config.tempDir, String(index));
    fs.mkdirSync(tempDir, { recursive: true });
    return this.#factory({
      index,
      config: { ...this.#config.worker, workerIndex: index, tempDir },
      heapLimitMb: this.#config.heapLimitMb,
      broker: this.#hooks.broker,
    });
  }

  #startWatchdog(): void {
    const tick = (): void => {
      const now = realTimers.now();
      for (const supervisor of this.#supervisors) supervisor.check(now);
      this.#tick = realTimers.setTimeout(tick, WATCHDOG_TICK_MS);
      this.#tick.unref();
    };
    tick();
  }

  #stopWatchdog(): void {
    if (this.#tick !== null) realTimers.clearTimeout(this.#tick);
    this.#tick = null;
  }

  stop(): void {
    this.#stopped = true;
    this.#scheduler?.stop();
    for (const worker of this.#workers) worker.requestStop();
  }

  sync(): void {
    for (const worker of this.#workers) worker.sync?.();
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.stop();
      this.#stopWatchdog();
      for (const supervisor of this.#supervisors) supervisor.markClosed();
      await Promise.all(this.#workers.map((worker) => worker.close()));
    })();
    return this.#closed;
  }
}

/**
 * Start a parallel run: `config.size` workers start at once (call it as early as the size
 * is known, so their start overlaps discovery and reporter setup); `run` uses at most one
 * per unit and closes the rest.
 *
 * @param config - pool kind and size, the per-worker config, the temp dir.
 * @param hooks - the sidecar broker and earlier durations.
 * @param factory - makes worker slots; defaults to the kind's (a seam for tests).
 * @returns the run; the caller owns it and must `close()` it on every exit path.
 * @example
 * ```ts
 * const dist = await startDistRun(poolConfig, { broker, durations });
 * try { await dist.run(units, emit); } finally { await dist.close(); }
 * ```
 */
export async function startDistRun(config: PoolConfig, hooks: DistHooks, factory?: PoolWorkerFactory): Promise<DistRun> {
  const make = factory ?? (config.kind === 'processes' ? createProcessWorker : createThreadWorker);
  const run = new StartedDistRun(config, hooks, make);
  run.warmUp();
  return run;
}
