/**
 * Keeps a test from ending the process: while tests run, `process.exit` throws a
 * {@link ProcessExitError} instead, so the call becomes the test's `[ERROR]` (or a late
 * error, when a callback makes it) and the run goes on with a summary and reports.
 *
 * The runner's own ways out (the launcher, the workers) keep a reference to the real
 * `process.exit` taken before any test loaded, so they are not affected.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** `process.exit` was called while a test ran; it did not end the process. */
export class ProcessExitError extends TrialError {
  /** The exit code the caller asked for. */
  readonly exitCode: unknown;

  /**
   * @param exitCode - the argument given to `process.exit`.
   */
  constructor(exitCode: unknown) {
    super(messages.processExitCalled(exitCode), 'TRIAL_PROCESS_EXIT');
    this.exitCode = exitCode;
  }
}

/**
 * Replace `process.exit` with one that throws, until the returned function is called.
 * Guards nest: each restore puts back what it replaced, and only if nothing replaced it since.
 *
 * @returns a function that puts the previous `process.exit` back.
 * @throws nothing itself; the installed `process.exit` throws {@link ProcessExitError}.
 * @example
 * ```ts
 * const restore = guardProcessExit();
 * try { await runTests(); } finally { restore(); }
 * ```
 */
export function guardProcessExit(): () => void {
  const previous = process.exit;
  const guarded = function exit(code?: unknown): never {
    throw new ProcessExitError(code);
  } as typeof process.exit;
  process.exit = guarded;
  return () => {
    if (process.exit === guarded) process.exit = previous;
  };
}
