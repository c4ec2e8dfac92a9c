/**
 * The per-session event pipeline: every event of the run passes here once, on its way
 * to the summary reducer, the durations record and the reporters. It also notices
 * failures (for `-x`) and adds what only the main process knows to a failed test: the
 * sidecar server's log for its database, and a sidecar crash that happened while it ran.
 *
 * @packageDocumentation
 */
import type { EventSink, RunnerEvent, SerializedError, TestEndEvent, TestStartEvent } from '../runner/events';
import { realTimers } from '../runner/realTimers';
import { failsRun, initialState, reduce, type SummaryState } from '../runner/summary';
import type { DurationsRecorder } from './durationsRecorder';
import { messages } from './messages';

/**
 * How long a failed test's events wait for the sidecar server's log lines: the server
 * writes them before it answers the client, but they travel through a pipe the main
 * process reads on its own schedule.
 */
const SERVER_LOG_SETTLE_MS = 20;

/** What a {@link Pipeline} hands events to, and what it knows of the run's sidecars. */
export interface PipelineOptions {
  /** Receives every event once it is final (the reporters). */
  handle: EventSink;
  durations: DurationsRecorder;
  /** Told of each test that fails the run (`-x` stops there). */
  onFailure: () => void;
  /** `strictTodo`: an unexpected success fails the run, stops `-x` and is rerun by `--last-failed`. */
  strictTodo: boolean;
  /** Workers that use each sidecar, so a crash fails only the tests that depend on it. */
  sidecarWorkers: ReadonlyMap<string, ReadonlySet<number>>;
  /** Server log lines of a worker's sidecar databases since a time (empty without sidecars). */
  attachLogs: (worker: number, since: number) => string[];
}

/** The per-session event pipeline: reducer, reporters, durations and `-x`. */
export class Pipeline {
  state: SummaryState;
  failedIds = new Set<string>();
  readonly #options: PipelineOptions;
  readonly #started = new Map<string, number>();
  /** Tests started and not ended yet, by id. */
  readonly #running = new Map<string, TestStartEvent>();
  /** Files (relative ids) of which a test started in this pass. */
  readonly startedFiles = new Set<string>();
  /** Tests running when a sidecar they depend on crashed: id → the crash, as an error. */
  readonly #hitByCrash = new Map<string, SerializedError>();
  /** Events held back, in order, while a failed test waits for its server log. */
  readonly #held: RunnerEvent[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  constructor(options: PipelineOptions) {
    this.#options = options;
    this.state = initialState({ strictTodo: options.strictTodo });
  }

  readonly emit: EventSink = (event) => {
    this.#arrived(event);
    if (this.#held.length > 0 || this.#awaitsServerLog(event)) {
      this.#held.push(event);
      this.#flushTimer ??= realTimers.setTimeout(() => this.#flush(), SERVER_LOG_SETTLE_MS);
      return;
    }
    this.#process(event);
  };

  /**
   * Process what is held back. Call before reading the summary: a failed test's events wait
   * a few ms for the server's log lines to be read from its pipe.
   */
  async drain(): Promise<void> {
    if (this.#held.length === 0) return;
    await new Promise((resolve) => realTimers.setTimeout(resolve, SERVER_LOG_SETTLE_MS));
    this.#flush();
  }

  #flush(): void {
    realTimers.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    for (const event of this.#held.splice(0)) this.#process(event);
  }

  /** Bookkeeping that must see events the moment they arrive. */
  #arrived(event: RunnerEvent): void {
    if (event.type === 'test:start') {
      this.#started.set(event.test.id, realTimers.dateNow());
      this.#running.set(event.test.id, event);
      this.startedFiles.add(event.test.file);
    } else if (event.type === 'test:end') {
      this.#running.delete(event.test.id);
    } else if (event.type === 'sidecar:state' && event.state === 'crashed') {
      this.#sidecarCrashed(event.name, event.detail ?? '');
    }
  }

  /** A failed test on a worker that uses sidecars: its server log may still be in the pipe. */
  #awaitsServerLog(event: RunnerEvent): boolean {
    if (event.type !== 'test:end' || (event.outcome !== 'failure' && event.outcome !== 'error')) return false;
    return [...this.#options.sidecarWorkers.values()].some((workers) => workers.has(event.worker));
  }

  #process(event: RunnerEvent): void {
    if (event.type === 'test:end') this.#chargeCrash(event);
    if (event.type === 'test:end' && (event.outcome === 'failure' || event.outcome === 'error')) this.#withServerLog(event);
    reduce(this.state, event, realTimers.dateNow());
    this.#options.durations.observe(event);
    this.#options.handle(event);
    const failed = (event.type === 'test:end' && failsRun(event.outcome, this.#options.strictTodo)) || event.type === 'test:lateError';
    if (failed) {
      if (event.type === 'test:end') this.failedIds.add(event.test.id);
      else if (event.test !== null) this.failedIds.add(event.test.id);
      this.#options.onFailure();
    }
  }

  /** Mark the tests running now on workers that use `name`: they cannot have a trustworthy result. */
  #sidecarCrashed(name: string, detail: string): void {
    const workers = this.#options.sidecarWorkers.get(name) ?? new Set<number>();
    const error: SerializedError = { name: 'SidecarCrashError', message: messages.sidecarCrashed(name, detail), stack: '' };
    for (const [id, start] of this.#running) if (workers.has(start.worker)) this.#hitByCrash.set(id, error);
  }

  /** A test that ran through its sidecar's crash is an error, whatever it reported. */
  #chargeCrash(event: TestEndEvent): void {
    const error = this.#hitByCrash.get(event.test.id);
    if (error === undefined) return;
    this.#hitByCrash.delete(event.test.id);
    if (event.outcome !== 'error' && event.outcome !== 'failure') event.outcome = 'error';
    event.errors = [...event.errors, error];
  }

  /** Attach what the test's own sidecar databases logged (ERROR lines and their details) to a failed test. */
  #withServerLog(event: TestEndEvent): void {
    const since = this.#started.get(event.test.id);
    if (since === undefined) return;
    const lines = this.#options.attachLogs(event.worker, since);
    if (lines.length === 0) return;
    const output = event.output ?? { stdout: '', stderr: '' };
    output.stderr += `--- sidecar log of this test's database ---\n${lines.join('\n')}\n`;
    event.output = output;
  }

  /**
   * End every test still running as an error saying the run was interrupted under it:
   * the run ends without waiting for them, and they must not vanish from the reports.
   *
   * @param signalName - what stopped the run, for the message.
   * @returns how many tests were ended.
   */
  endRunningAsInterrupted(signalName: string): number {
    const running = [...this.#running.values()];
    for (const start of running) {
      const error: SerializedError = { name: 'Interrupted', message: messages.testInterrupted(signalName), stack: '' };
      this.emit({ type: 'test:end', test: start.test, worker: start.worker, outcome: 'error', durationMs: realTimers.dateNow() - (this.#started.get(start.test.id) ?? realTimers.dateNow()), errors: [error] });
    }
    return running.length;
  }

  startPass(): void {
    this.state = initialState({ strictTodo: this.#options.strictTodo });
    this.startedFiles.clear();
    // Earlier passes of -u failed nothing (the run stops at the first that fails); each
    // watch-mode run is a pass of its own, and `f` re-runs what failed in the last one.
    this.failedIds.clear();
  }
}
