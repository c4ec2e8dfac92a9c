/**
 * The base of the runner's errors and one class per kind of the taxonomy (errorKinds.ts).
 * Errors of one area (a bad shard, an unknown reporter, a sidecar that did not start)
 * extend the class of their kind and keep their own `code`.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import type { ErrorKind } from './interfaces';

/** An error of the runner: a {@link TrialError} with the {@link ErrorKind} that decides its exit code. */
export abstract class RunnerError extends TrialError {
  /**
   * What went wrong, as the user must act on it; it decides the exit code. A getter on the
   * class, not a field, so that printing an error does not list it.
   */
  abstract get kind(): ErrorKind;
}

/**
 * A mistake in how trial-ts was called or configured: printed as one paragraph, no stack,
 * exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError("You can't specify --random when using --order.");
 * ```
 */
export class UsageError extends RunnerError {
  get kind(): ErrorKind {
    return 'usage';
  }

  /**
   * @param message - what is wrong and how to fix it, in one paragraph.
   * @param code - a more precise code than `TRIAL_USAGE`, for a subclass.
   */
  constructor(message: string, code = 'TRIAL_USAGE') {
    super(message, code);
  }
}

/**
 * The machine, not trial-ts, stopped the run: a folder or file the run must write is not
 * writable, a binary is missing, the disk is full. One paragraph naming what and what to
 * do; exit code 3 — never an "internal error".
 */
export class EnvironmentError extends RunnerError {
  get kind(): ErrorKind {
    return 'environment';
  }

  /**
   * @param message - what happened, the path, and what to do, in one paragraph.
   * @param code - a more precise code than `TRIAL_ENVIRONMENT`, for a subclass.
   * @param options - the original error as `cause`.
   */
  constructor(message: string, code = 'TRIAL_ENVIRONMENT', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** A sidecar could not be started: one paragraph with its log; exit code 3. */
export class SidecarError extends RunnerError {
  get kind(): ErrorKind {
    return 'sidecar';
  }

  /**
   * @param message - what failed and where its log is.
   * @param code - the precise code, e.g. `TRIAL_SIDECAR_START`.
   * @param options - the original error as `cause`.
   */
  constructor(message: string, code = 'TRIAL_SIDECAR', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** An invariant of trial-ts broke: exit code 3, printed with its stack as a bug to report. */
export class BugError extends RunnerError {
  get kind(): ErrorKind {
    return 'internal';
  }

  /** @param message - which invariant broke. */
  constructor(message: string) {
    super(message, 'TRIAL_BUG');
  }
}

/**
 * Raised inside a test, to its author: a misuse of the testing API (a sidecar not
 * declared, a network used outside a test), or what the runner charges to the test (a
 * leak, `process.exit`). It becomes that test's error; the run exits 1.
 */
export class TestApiError extends RunnerError {
  get kind(): ErrorKind {
    return 'test';
  }

  /**
   * @param message - what the test did and what to do instead.
   * @param code - the precise code, e.g. `TRIAL_NETWORK_USAGE`.
   * @param options - the standard `ErrorOptions` (`cause`).
   */
  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, code, options);
  }
}
