/**
 * A mistake in how trial-ts was called or configured: printed as one paragraph, no stack,
 * exit code 2.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';

/** Bad command-line usage or configuration (exit 2). */
export class UsageError extends TrialError {
  /**
   * @param message - what is wrong and how to fix it, in one paragraph.
   */
  constructor(message: string) {
    super(message, 'TRIAL_USAGE');
  }
}

