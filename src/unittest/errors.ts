/**
 * The errors a test raises to end itself: {@link AssertionError} (the test failed) and
 * {@link SkipTest} (the test is skipped), with the predicates the runner classifies
 * outcomes by. Both predicates work across the two copies of the library (`dist/` and
 * the on-the-fly compiled `src/`), so neither relies on `instanceof`.
 *
 * @packageDocumentation
 */

import { TrialError } from '@trial-ts/runtime/internal';
import { processKeys } from '../platform/processKeys';

/** The brand every {@link SkipTest} carries, shared by every copy of trial-ts. */
const SKIP_TEST_BRAND = processKeys.skipTest;

/** The name every assertion failure carries: ours, `node:assert`'s and chai's. */
const ASSERTION_ERROR_NAME = 'AssertionError';

/** Options of {@link AssertionError}: what was compared, and how they differ. */
export interface AssertionErrorOptions extends ErrorOptions {
  /** The value the test produced. */
  actual?: unknown;
  /** The value the test expected. */
  expected?: unknown;
  /** A readable diff of `actual` against `expected` (`+ actual - expected`). */
  diff?: string;
}

/**
 * An assertion failed: the test is reported as a failure, not an error. Raised by every
 * `assert*` method and by `fail()`; Trial calls it `FailTest`.
 *
 * @example
 * ```ts
 * if (reply.status !== 200) {
 *   throw new AssertionError(`expected status 200, got ${reply.status}`);
 * }
 * ```
 */
export class AssertionError extends TrialError {
  /** The value the test produced, when the assertion compared two values. */
  readonly actual?: unknown;
  /** The value the test expected, when the assertion compared two values. */
  readonly expected?: unknown;
  /** A readable diff of `actual` against `expected`, when there is one. */
  readonly diff?: string;

  /**
   * @param message - what was expected and what was found.
   * @param options - the compared values, their diff, and the standard `cause`.
   */
  constructor(message: string, options: AssertionErrorOptions = {}) {
    super(message, 'TRIAL_ASSERTION', options.cause === undefined ? undefined : { cause: options.cause });
    if ('actual' in options) this.actual = options.actual;
    if ('expected' in options) this.expected = options.expected;
    if (options.diff !== undefined) this.diff = options.diff;
  }
}

/**
 * Raised to skip the running test; the runner reports it as skipped with `reason`.
 * `this.skipTest(reason)` raises it for you.
 *
 * @example
 * ```ts
 * if (process.platform === 'win32') throw new SkipTest('needs POSIX signals');
 * ```
 */
export class SkipTest extends TrialError {
  /** Why the test was skipped, as the reporter prints it. */
  readonly reason: string;

  /**
   * @param reason - why the test is skipped; reporters print it.
   */
  constructor(reason: string) {
    super(reason, 'TRIAL_SKIP');
    this.reason = reason;
  }
}

// On the prototype, so the brand stays out of the declared shape and of `JSON.stringify`.
Object.defineProperty(SkipTest.prototype, SKIP_TEST_BRAND, { value: true });

/**
 * Whether `value` is a {@link SkipTest} from any copy of trial-ts.
 *
 * @param value - anything thrown.
 * @returns `true` when it carries the `trial-ts.skipTest` brand.
 * @example
 * ```ts
 * if (isSkipTest(error)) report('skip', error.reason);
 * ```
 */
export function isSkipTest(value: unknown): value is SkipTest {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SKIP_TEST_BRAND] === true;
}

/**
 * Whether `value` is an assertion failure: our {@link AssertionError}, `node:assert`'s,
 * or any error named `AssertionError` (chai, expect libraries). The runner reports
 * these as failures and everything else thrown as errors.
 *
 * @param value - anything thrown.
 * @returns `true` for an assertion failure.
 * @example
 * ```ts
 * const outcome = isAssertionError(error) ? 'failure' : 'error';
 * ```
 */
export function isAssertionError(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  // The name, not `instanceof`: errors from another copy of trial-ts or another realm count.
  return (value as { name?: unknown }).name === ASSERTION_ERROR_NAME;
}
