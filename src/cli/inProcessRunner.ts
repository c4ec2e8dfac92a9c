/**
 * The runner in the session's own thread: made on first use (listing tests for the plan,
 * `--in-process`, `--debug`, `-n`), registered with the run's closer when made, and shared
 * by the plan and the execute stage so that files loaded for listing are not loaded twice.
 *
 * @packageDocumentation
 */
import type { EventSink } from '../runner/events';
import type { WorkUnit, WorkerConfig } from '../runner/interfaces';
import type { WorkerState } from '../runner/workerState';
import type { ListedTests } from '../plan/interfaces';
import type { SidecarBroker } from '../sidecar/interfaces';
import type { Closer } from './closer';

/** What the in-process runner is made from. */
export interface InProcessRunnerOptions {
  /** The worker config of index 0, with the run's temp directory. */
  config: WorkerConfig;
  /** Where the runner's events go (the session's pipeline). */
  emit: EventSink;
  broker: SidecarBroker;
  closer: Closer;
}

/** The session-thread runner: list tests, run units. */
export class InProcessRunner {
  readonly #options: InProcessRunnerOptions;
  #state: Promise<WorkerState> | undefined;

  constructor(options: InProcessRunnerOptions) {
    this.#options = options;
  }

  /**
   * Load the units' files and list their tests.
   *
   * @param units - the discovered units.
   * @returns the tests, and the collection events loading produced (held for `run:start`).
   */
  async listTests(units: readonly WorkUnit[]): Promise<ListedTests> {
    const state = await this.#stateOnce();
    const { listTests } = require('../runner/runUnits') as typeof import('../runner/runUnits');
    const events: ListedTests['events'] = [];
    const tests = await listTests(units, state, (event) => events.push(event));
    return { tests, events };
  }

  /**
   * Run the units in this thread.
   *
   * @param units - the plan's units.
   * @param shouldStop - asked between tests (`-x`, Ctrl-C).
   */
  async run(units: readonly WorkUnit[], shouldStop: () => boolean): Promise<void> {
    const state = await this.#stateOnce();
    const { runUnits } = require('../runner/runUnits') as typeof import('../runner/runUnits');
    await runUnits(units, state, this.#options.emit, shouldStop);
  }

  #stateOnce(): Promise<WorkerState> {
    this.#state ??= this.#create();
    return this.#state;
  }

  async #create(): Promise<WorkerState> {
    const { config, emit, broker, closer } = this.#options;
    // Loaded only when tests load here: a run in a worker spares the runner this start-up.
    const { closeWorkerState, createWorkerState } = require('../runner/workerState') as typeof import('../runner/workerState');
    const state = await createWorkerState(config, {
      emit,
      requestSidecar: (name) => broker.acquire(name, 0),
      requestSidecarForTest: (name) => broker.acquireForTest(name, 0),
      releaseSidecarForTest: (name, connection) => broker.releaseForTest(name, connection),
    });
    closer.add('the in-process runner', () => closeWorkerState(state));
    return state;
  }
}
