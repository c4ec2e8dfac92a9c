/**
 * `ChangedGlobalsError`: the error a test gets when it left timer globals, clocks or the
 * working directory changed (see globalState.ts). They are already put back.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { formatChangedGlobals } from './messages';

/** The stable code of {@link ChangedGlobalsError}. */
export const CHANGED_GLOBALS_CODE = 'TRIAL_CHANGED_GLOBALS';

/**
 * A test replaced `setTimeout` (or another timer or clock global) or changed the cwd,
 * and left it so. The message names what changed and how to undo it in a cleanup.
 *
 * @example
 * ```ts
 * const error = new ChangedGlobalsError(['setTimeout', 'Date']);
 * error.code; // 'TRIAL_CHANGED_GLOBALS'
 * ```
 */
export class ChangedGlobalsError extends TrialError {
  /** What changed, by name. */
  readonly changed: readonly string[];

  /** @param changed - the names of what the test changed (at least one). */
  constructor(changed: readonly string[]) {
    super(formatChangedGlobals(changed), CHANGED_GLOBALS_CODE);
    this.changed = changed;
  }
}
