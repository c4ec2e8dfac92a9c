/**
 * The coverage area's errors: bad settings are usage errors (exit 2, before any test), an
 * output folder that cannot be written is an environment error (exit 3).
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';

/** A bad coverage option or config value (exit 2). */
export class CoverageUsageError extends TrialError {
  /** @param message - what is wrong and how to fix it. */
  constructor(message: string) {
    super(message, 'TRIAL_USAGE');
  }
}

/** The coverage folder cannot be prepared or written (exit 3). */
export class CoverageDirectoryError extends TrialError {
  /** @param message - names the folder and the remedy. */
  constructor(message: string) {
    super(message, 'TRIAL_COVERAGE_DIR');
  }
}
