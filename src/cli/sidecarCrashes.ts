/**
 * Crash charging: a test that was running on a worker that uses a sidecar when that
 * sidecar crashed cannot have a trustworthy result, so its `test:end` becomes an error
 * carrying the crash, whatever the test itself reported.
 *
 * @packageDocumentation
 */
import type { SerializedError, TestEndEvent, TestStartEvent } from '../runner/events';
import { messages } from './messages';

/** The tests hit by a sidecar crash, until their `test:end` is charged. */
export class SidecarCrashes {
  readonly #sidecarWorkers: ReadonlyMap<string, ReadonlySet<number>>;
  /** Tests running when a sidecar they depend on crashed: id → the crash, as an error. */
  readonly #hit = new Map<string, SerializedError>();

  /** @param sidecarWorkers - the workers that use each sidecar, by name (filled as they acquire it). */
  constructor(sidecarWorkers: ReadonlyMap<string, ReadonlySet<number>>) {
    this.#sidecarWorkers = sidecarWorkers;
  }

  /**
   * A sidecar crashed: mark the tests running now on the workers that use it.
   *
   * @param name - the sidecar.
   * @param detail - its crash reason and log tail.
   * @param running - the tests running now.
   */
  crashed(name: string, detail: string, running: readonly TestStartEvent[]): void {
    const workers = this.#sidecarWorkers.get(name) ?? new Set<number>();
    const error: SerializedError = { name: 'SidecarCrashError', message: messages.sidecarCrashed(name, detail), stack: '' };
    for (const start of running) if (workers.has(start.worker)) this.#hit.set(start.test.id, error);
  }

  /**
   * Charge a marked test's end: an error, with the crash added to its errors.
   *
   * @param event - the test's `test:end`, changed in place.
   */
  charge(event: TestEndEvent): void {
    const error = this.#hit.get(event.test.id);
    if (error === undefined) return;
    this.#hit.delete(event.test.id);
    if (event.outcome !== 'error' && event.outcome !== 'failure') event.outcome = 'error';
    event.errors = [...event.errors, error];
  }
}
