/**
 * The usage error of the reporter and merge options; the CLI maps its code to exit 2
 * and prints its one-line message without a stack.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';

/** The code of every usage error, shared with the CLI's own `UsageError`. */
export const USAGE_ERROR_CODE = 'TRIAL_USAGE';

/**
 * A `--reporter` argument (or a `merge` input) cannot be used: unknown name, unwritable
 * path, two reporters on stdout, binary output to a terminal, unreadable events file.
 *
 * @example
 * ```ts
 * try { parseReporterSpec('nope'); } catch (e) { (e as ReporterSpecError).code; } // 'TRIAL_USAGE'
 * ```
 */
export class ReporterSpecError extends TrialError {
  /** @param message - one line: what is wrong and how to fix it. */
  constructor(message: string) {
    super(message, USAGE_ERROR_CODE);
  }
}
