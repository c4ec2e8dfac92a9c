/**
 * The tests of a run that have started and not ended yet, with when each started, and
 * the files of which a test started in this pass: what the pipeline must know the moment
 * an event arrives, before any event is held back.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, TestStartEvent } from '../runner/events';
import { realTimers } from '../runner/realTimers';

/** Started-and-not-ended tests, by id, and the files started this pass. */
export class RunningTests {
  /** Start time of every test seen starting, by id (kept after it ends, for its server log). */
  readonly #startedAt = new Map<string, number>();
  readonly #running = new Map<string, TestStartEvent>();
  readonly #startedFiles = new Set<string>();

  /**
   * Note an arriving event: a `test:start` begins a test, its `test:end` ends it.
   *
   * @param event - the event, as it arrives.
   */
  arrived(event: RunnerEvent): void {
    if (event.type === 'test:start') {
      this.#startedAt.set(event.test.id, event.time ?? realTimers.dateNow());
      this.#running.set(event.test.id, event);
      this.#startedFiles.add(event.test.file);
    } else if (event.type === 'test:end') {
      this.#running.delete(event.test.id);
    }
  }

  /**
   * When a test started.
   *
   * @param id - the test's id.
   * @returns its start as a `Date.now()` value, or `undefined` for a test never seen starting.
   */
  startedAt(id: string): number | undefined {
    return this.#startedAt.get(id);
  }

  /** The `test:start` events of the tests running now, in the order they started. */
  running(): TestStartEvent[] {
    return [...this.#running.values()];
  }

  /** Files (relative ids) of which a test started in this pass. */
  get startedFiles(): ReadonlySet<string> {
    return this.#startedFiles;
  }

  /** A new pass begins: no file has started in it yet. */
  startPass(): void {
    this.#startedFiles.clear();
  }
}
