/**
 * The errors of trial-ts that are part of its public API, with Trial's names. Every one
 * has a stable `code` so that tools (and a second copy of the library) can recognise it
 * without `instanceof`.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { siteFrames, type CreationSite } from './creationSite';
import type { Failure } from './failure';
import { messages } from './messages';

/** Base class of every trial-ts error: a `name` equal to the class name and a stable `code`. */
export class TrialError extends Error {
  /** Stable machine-readable code, e.g. `TRIAL_ALREADY_CALLED`. */
  readonly code: string;

  /**
   * @param message - what happened and how to fix it.
   * @param code - the stable code of this kind of error.
   * @param options - the standard `ErrorOptions` (`cause`).
   */
  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A Deferred was fired (`callback` or `errback`) a second time.
 *
 * @example
 * ```ts
 * const d = new Deferred<number>();
 * d.callback(1);
 * d.callback(2); // throws AlreadyCalledError
 * ```
 */
export class AlreadyCalledError extends TrialError {
  constructor(message = 'This Deferred has already been fired; a Deferred fires exactly once.') {
    super(message, 'TRIAL_ALREADY_CALLED');
  }
}

/** A Deferred was cancelled before it had a result. */
export class CancelledError extends TrialError {
  constructor(message = 'The Deferred was cancelled.') {
    super(message, 'TRIAL_CANCELLED');
  }
}

/** An operation, a Deferred (`addTimeout`) or a test phase ran out of time. */
export class TimeoutError extends TrialError {
  constructor(message = 'The operation timed out.') {
    super(message, 'TRIAL_TIMEOUT');
  }
}

/**
 * An internal invariant broke. Never expected: the message says to report it.
 */
export class InternalError extends TrialError {
  constructor(message: string) {
    super(`${message} This is a bug in trial-ts; please report it.`, 'TRIAL_INTERNAL');
  }
}

/**
 * The first failure of a `DeferredList` created with `fireOnOneErrback` (and so of
 * `gatherResults`): it carries the failure and the index of the Deferred that failed.
 *
 * @example
 * ```ts
 * const d = gatherResults([succeed(1), fail(new RangeError('no'))]);
 * d.addErrback((f) => {
 *   const first = f.value as FirstError;
 *   first.index; // 1
 *   first.subFailure.value; // the RangeError
 * });
 * ```
 */
export class FirstError extends TrialError {
  /** The failure of the Deferred that failed first. */
  readonly subFailure: Failure;
  /** Its position in the list. */
  readonly index: number;

  /**
   * @param subFailure - the failure that occurred.
   * @param index - the index of the Deferred where it happened.
   */
  constructor(subFailure: Failure, index: number) {
    super(messages.firstError(index, subFailure.getErrorMessage()), 'TRIAL_FIRST_ERROR', {
      cause: subFailure.value,
    });
    this.subFailure = subFailure;
    this.index = index;
  }
}

/**
 * `ensureDeferred` was given something that is neither a promise (the result of
 * calling an async function), another thenable, nor a Deferred.
 *
 * @example
 * ```ts
 * ensureDeferred(42 as never); // throws NotACoroutineError
 * ```
 */
export class NotACoroutineError extends TrialError {
  /** @param got - a short description of what was passed. */
  constructor(got: string) {
    super(messages.notACoroutine(got), 'TRIAL_NOT_A_COROUTINE');
  }
}

/**
 * A Deferred was misused in a way that would hang or corrupt its chain: a Deferred
 * passed to `callback()`, or a callback that returned its own Deferred.
 *
 * @example
 * ```ts
 * new Deferred().callback(new Deferred() as never); // throws DeferredUsageError
 * ```
 */
export class DeferredUsageError extends TrialError {
  /** @param message - what was done and what to do instead. */
  constructor(message: string) {
    super(message, 'TRIAL_DEFERRED_USAGE');
  }
}

/** `Name: message` of a failure's value (just the message for a thrown non-Error). */
function errorLabel(failure: Failure): string {
  const value = failure.value as { name?: unknown } | null;
  const named = typeof value === 'object' && value !== null && typeof value.name === 'string';
  return named ? `${value.name as string}: ${failure.getErrorMessage()}` : failure.getErrorMessage();
}

/**
 * A Deferred ended on a failure that no errback handled, during a test: what the runner
 * charges to the test. Its stack is where the Deferred was created (so a report points at
 * that line); its `cause` is the failure's value, with that error's own stack.
 *
 * @example
 * ```ts
 * fail(new Error('lost')); // under the runner: the test errors with UnhandledDeferredError, caused by Error: lost
 * ```
 */
export class UnhandledDeferredError extends TrialError {
  /** The failure the Deferred ended on. */
  readonly failure: Failure;

  /**
   * @param failure - the unhandled failure.
   * @param site - where the Deferred was created, when it was captured.
   */
  constructor(failure: Failure, site?: CreationSite) {
    const frames = siteFrames(site);
    super(messages.unhandledInTest(errorLabel(failure), frames !== ''), 'TRIAL_UNHANDLED_DEFERRED', { cause: failure.value });
    this.failure = failure;
    this.stack = frames === '' ? `${this.name}: ${this.message}` : `${this.name}: ${this.message}\n${frames}`;
  }
}
