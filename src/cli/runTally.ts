/**
 * The tally of one pass: every final event reduced into the summary, and the ids of the
 * tests that fail the run (written to the durations file for `--last-failed`).
 *
 * @packageDocumentation
 */
import type { RunnerEvent, RunSummary } from '../runner/events';
import { realTimers } from '../runner/realTimers';
import { failsRun, initialState, reduce, type SummaryState } from '../runner/summary';

/** The summary of the current pass, and the failed ids of the run. */
export class RunTally {
  readonly #strictTodo: boolean;
  #state: SummaryState;
  readonly #failedIds = new Set<string>();

  /** @param strictTodo - an unexpected success fails the run. */
  constructor(strictTodo: boolean) {
    this.#strictTodo = strictTodo;
    this.#state = initialState({ strictTodo });
  }

  /**
   * Count an event.
   *
   * @param event - a final event (after crash charging and server logs).
   * @returns whether it fails the run: a failed or errored test, or a late error.
   */
  add(event: RunnerEvent): boolean {
    reduce(this.#state, event, realTimers.dateNow());
    if (event.type === 'test:end' && failsRun(event.outcome, this.#strictTodo)) {
      this.#failedIds.add(event.test.id);
      return true;
    }
    if (event.type !== 'test:lateError') return false;
    if (event.test !== null) this.#failedIds.add(event.test.id);
    return true;
  }

  /** The current pass's summary (live: copy it to keep it). */
  get summary(): RunSummary {
    return this.#state.summary;
  }

  /** Ids of the tests that failed the run in the current pass. */
  get failedIds(): ReadonlySet<string> {
    return this.#failedIds;
  }

  /**
   * A new pass begins: its summary starts from nothing, and so do the failed ids (earlier
   * passes of -u failed nothing, since the run stops at the first that fails; each
   * watch-mode run is a pass of its own, and `f` re-runs what failed in the last one).
   */
  startPass(): void {
    this.#state = initialState({ strictTodo: this.#strictTodo });
    this.#failedIds.clear();
  }
}
