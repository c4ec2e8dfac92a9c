/**
 * `DirtyReactorAggregateError`: the error a test gets when it left something running,
 * named as in Trial (runner/serializeError.ts turns it into the event protocol's form).
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import type { LeakReport } from '../runner/events';
import { formatDirtyReactorMessage } from './messages';

/** The stable code of {@link DirtyReactorAggregateError}. */
export const DIRTY_REACTOR_CODE = 'TRIAL_DIRTY_REACTOR';

/**
 * A test left resources running: timers, servers, sockets, child processes, watchers,
 * file handles or worker threads. The message is `Reactor was unclean.` followed by one
 * line per leak: what it is, where the test's code created it, and how to close it.
 *
 * @example
 * ```ts
 * const error = new DirtyReactorAggregateError([
 *   { resourceType: 'Timeout', description: 'a 30 s timer', hint: 'Clear it with `clearTimeout(t)`.',
 *     createdAt: { file: 'test/test_x.ts', line: 9, column: 5 } },
 * ]);
 * error.message; // 'Reactor was unclean.\n  - a 30 s timer, created at test/test_x.ts:9:5. Clear it ...'
 * ```
 */
export class DirtyReactorAggregateError extends TrialError {
  /** The leaks, as the janitor reported them. */
  readonly leaks: LeakReport[];

  /** @param leaks - what the test left running (at least one). */
  constructor(leaks: LeakReport[]) {
    super(formatDirtyReactorMessage(leaks), DIRTY_REACTOR_CODE);
    this.leaks = leaks;
  }
}

/**
 * Build the error for a test's leaks.
 *
 * @param leaks - what the test left running.
 * @returns a {@link DirtyReactorAggregateError} carrying them.
 */
export function dirtyReactorError(leaks: LeakReport[]): DirtyReactorAggregateError {
  return new DirtyReactorAggregateError(leaks);
}
