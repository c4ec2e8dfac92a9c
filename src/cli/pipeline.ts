/**
 * The per-session event pipeline: every event of the run passes here once, on its way to
 * the reporters. It routes each through the pieces that each do one job — the running
 * tests ({@link RunningTests}), crash charging ({@link SidecarCrashes}), the wait for a
 * failed test's server log ({@link HoldBack}), the summary and failed ids
 * ({@link RunTally}), the durations record — and tells the run of failures (for `-x`).
 *
 * @packageDocumentation
 */
import type { EventSink, RunnerEvent, RunSummary, SerializedError, TestEndEvent } from '../runner/events';
import { realTimers } from '../runner/realTimers';
import type { DurationsRecorder } from './durationsRecorder';
import { HoldBack } from './holdBack';
import { messages } from './messages';
import { RunningTests } from './runningTests';
import { RunTally } from './runTally';
import { SidecarCrashes } from './sidecarCrashes';

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
  readonly #options: PipelineOptions;
  readonly #running = new RunningTests();
  readonly #crashes: SidecarCrashes;
  readonly #tally: RunTally;
  readonly #holdBack = new HoldBack((event) => this.#process(event));
  #firstTestStarted: () => void = () => undefined;
  readonly #firstTest = new Promise<void>((resolve) => (this.#firstTestStarted = resolve));

  /** @param options - where events go, and what the run knows of its sidecars. */
  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#crashes = new SidecarCrashes(options.sidecarWorkers);
    this.#tally = new RunTally(options.strictTodo);
  }

  /**
   * Takes in what workers sent that has not arrived yet (a thread's events wait in its
   * message ring for the main thread's next look); set once the workers start.
   */
  #catchUp: () => void = () => undefined;

  /**
   * Call `catchUp` before acting on which tests are running (a sidecar crash, an interrupt),
   * so that a test which has just started is among them.
   *
   * @param catchUp - brings the workers' latest events in, through {@link Pipeline.emit}.
   */
  catchUpWith(catchUp: () => void): void {
    this.#catchUp = catchUp;
  }

  /** Take an event of the run (bound: pass it around as a sink). */
  readonly emit: EventSink = (event) => {
    const crashed = event.type === 'sidecar:state' && event.state === 'crashed';
    if (crashed) this.#catchUp();
    this.#running.arrived(event);
    if (event.type === 'test:start') this.#firstTestStarted();
    if (crashed) this.#crashes.crashed(event.name, event.detail ?? '', this.#running.running());
    if (this.#holdBack.holding || this.#awaitsServerLog(event)) this.#holdBack.hold(event);
    else this.#process(event);
  };

  /**
   * Process what is held back. Call before reading the summary: a failed test's events wait
   * a few ms for the server's log lines to be read from its pipe.
   */
  drain(): Promise<void> {
    return this.#holdBack.drain();
  }

  /** Settles when the first test starts (never, in a run with no test). */
  get firstTestStarted(): Promise<void> {
    return this.#firstTest;
  }

  /** The current pass's summary (live: copy it to keep it). */
  get summary(): RunSummary {
    return this.#tally.summary;
  }

  /** Ids of the tests that failed the run. */
  get failedIds(): ReadonlySet<string> {
    return this.#tally.failedIds;
  }

  /** Files (relative ids) of which a test started in this pass. */
  get startedFiles(): ReadonlySet<string> {
    return this.#running.startedFiles;
  }

  /** A new pass (`-u`) begins: a fresh summary, no file started. */
  startPass(): void {
    this.#tally.startPass();
    this.#running.startPass();
  }

  /**
   * End every test still running as an error saying the run was interrupted under it:
   * the run ends without waiting for them, and they must not vanish from the reports.
   *
   * @param signalName - what stopped the run, for the message.
   * @returns how many tests were ended.
   */
  endRunningAsInterrupted(signalName: string): number {
    this.#catchUp();
    const running = this.#running.running();
    for (const start of running) {
      const error: SerializedError = { name: 'Interrupted', message: messages.testInterrupted(signalName), stack: '' };
      const durationMs = realTimers.dateNow() - (this.#running.startedAt(start.test.id) ?? realTimers.dateNow());
      this.emit({ type: 'test:end', test: start.test, worker: start.worker, outcome: 'error', durationMs, errors: [error] });
    }
    return running.length;
  }

  #process(event: RunnerEvent): void {
    if (event.type === 'test:end') {
      this.#crashes.charge(event);
      if (isFailed(event)) this.#withServerLog(event);
    }
    const failed = this.#tally.add(event);
    this.#options.durations.observe(event);
    this.#options.handle(event);
    if (failed) this.#options.onFailure();
  }

  /** A failed test on a worker that uses sidecars: its server log may still be in the pipe. */
  #awaitsServerLog(event: RunnerEvent): boolean {
    if (event.type !== 'test:end' || !isFailed(event)) return false;
    return [...this.#options.sidecarWorkers.values()].some((workers) => workers.has(event.worker));
  }

  /** Attach what the test's own sidecar databases logged (ERROR lines and their details) to a failed test. */
  #withServerLog(event: TestEndEvent): void {
    const since = this.#running.startedAt(event.test.id);
    if (since === undefined) return;
    const lines = this.#options.attachLogs(event.worker, since);
    if (lines.length === 0) return;
    const output = event.output ?? { stdout: '', stderr: '' };
    output.stderr += `--- sidecar log of this test's database ---\n${lines.join('\n')}\n`;
    event.output = output;
  }
}

function isFailed(event: TestEndEvent): boolean {
  return event.outcome === 'failure' || event.outcome === 'error';
}
