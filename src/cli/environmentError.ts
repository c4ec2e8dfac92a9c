/**
 * The machine, not trial-ts, stopped the run: a folder or file the run must write is not
 * writable (EACCES, EPERM), on a read-only file system (EROFS), or on a full disk (ENOSPC).
 * Printed as one paragraph naming the path and what to do, exit code 3 — never as an
 * "internal error".
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** The `code`s of file-system errors that are the environment's doing. */
const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** A file-system problem of the environment (exit 3). */
export class EnvironmentError extends TrialError {
  /**
   * @param message - what happened, the path, and what to do, in one paragraph.
   * @param options - the original error as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'TRIAL_ENVIRONMENT', options);
  }
}

/**
 * Run `action`; a file-system error of the environment becomes an {@link EnvironmentError}
 * that says what the run was doing (`what`) and which option moves it (`option`).
 *
 * @param what - e.g. "prepare the temp directory".
 * @param option - the option that chooses another place, e.g. `--temp-directory DIR`.
 * @param action - the file-system work.
 * @returns what `action` returns.
 * @throws {@link EnvironmentError} for EACCES, EPERM, EROFS, ENOSPC, EDQUOT; anything else unchanged.
 * @example
 * ```ts
 * const temp = environmentGuard('prepare the temp directory', '--temp-directory DIR', () => startTempDir(dir, cwd));
 * ```
 */
export function environmentGuard<T>(what: string, option: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
    if (code === undefined || !ENVIRONMENT_CODES.has(code)) throw error;
    throw new EnvironmentError(messages.environment(what, path ?? '(unknown path)', code, option), { cause: error });
  }
}
