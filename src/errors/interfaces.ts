/**
 * The kinds of error of the runner, each with its exit code (see errorKinds.ts).
 *
 * @packageDocumentation
 */

/**
 * What went wrong, as the user must act on it:
 * - `usage`: how trial-ts was called or configured (exit 2);
 * - `environment`: the machine refused what the run needs — a permission, a binary, disk
 *   space (exit 3);
 * - `sidecar`: a sidecar could not start (exit 3);
 * - `internal`: an invariant of trial-ts broke, a bug (exit 3, "this is a bug");
 * - `test`: raised inside a test to its author — a misuse of the testing API, or what the
 *   runner charges to the test (a leak, `process.exit`); it is that test's error, so the
 *   run exits 1.
 */
export type ErrorKind = 'usage' | 'environment' | 'sidecar' | 'internal' | 'test';

/** One row of the error table. */
export interface ErrorKindSpec {
  /** The process's exit code when an error of this kind ends the command. */
  readonly exitCode: number;
  /** The error is a bug of trial-ts: it is printed with its stack and a request to report it. */
  readonly bug: boolean;
}
