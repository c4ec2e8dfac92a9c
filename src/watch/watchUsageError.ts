/**
 * A mistake in how watch mode or `--changed` was asked for: printed as one paragraph, no
 * stack, exit code 2 (the same code as the command line's own usage errors).
 *
 * @packageDocumentation
 */
import { UsageError } from '../errors/runnerError';

/** Bad use of `--watch` or `--changed` (exit 2). */
export class WatchUsageError extends UsageError {
  /**
   * @param message - what is wrong and how to fix it, in one paragraph.
   */
  constructor(message: string) {
    super(message, 'TRIAL_USAGE');
  }
}
