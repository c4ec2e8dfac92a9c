/**
 * The one place that decides a test's outcome from what happened while it ran. The
 * synchronous and asynchronous paths both call {@link classify}, so the rules cannot
 * drift apart (as Trial's two copies did).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { Outcome } from './events';
import type { Todo } from '../unittest/markers';
import { matchesErrorType } from '../unittest/errorTypes';

export { matchesErrorType };
import { isAssertionError, isSkipTest } from '../unittest/errors';

/**
 * The part of a test a problem came from. `method` is the test method itself being
 * unusable (a generator function): it is never run, so no `todo` covers it.
 */
export type Phase = 'setUp' | 'method' | 'test' | 'cleanup' | 'tearDown' | 'logged' | 'janitor';

/**
 * The phases where an assertion error is a `failure`. As in Trial, anything raised by a
 * cleanup, logged during the test or found by the janitor is an `error`, assertions
 * included: it says the test's housekeeping broke, not that the tested code is wrong.
 */
const FAILURE_PHASES: ReadonlySet<Phase> = new Set(['setUp', 'test', 'tearDown']);

/**
 * The error says the tested code is wrong: trial-ts's own and Node's `assert` errors and
 * chai's are named `AssertionError`; Jest's `expect` throws a plain-named
 * `JestAssertionError` that owns a `matcherResult` field. Recognised by shape, not class,
 * so any copy of those libraries counts.
 *
 * @param error - a problem's error.
 * @returns true when it is an assertion failure.
 * @example
 * ```ts
 * isFailureError(Object.assign(new Error('expected 2'), { matcherResult: { pass: false } })); // true
 * ```
 */
export function isFailureError(error: unknown): boolean {
  if (isAssertionError(error)) return true;
  // The class declares the field, so every instance owns it, even when a `.rejects` matcher leaves it unset.
  return typeof error === 'object' && error !== null && Object.hasOwn(error, 'matcherResult');
}

/** One thing that went wrong in a test. */
export interface Problem {
  phase: Phase;
  error: unknown;
}

/** The decision: the outcome, and the problems to report with it. */
export interface Classification {
  outcome: Outcome;
  /** The problems reported with the outcome (for an expected failure: the expected error). */
  problems: Problem[];
  reason?: string;
}

/**
 * Decide a test's outcome. The precedence, in order:
 * 1. a `SkipTest` raised in setUp or the test skips it;
 * 2. with a `todo`: a test-method problem that matches its types is an expected failure
 *    (unless setUp, cleanups, tearDown, logged errors or the janitor add problems of
 *    their own), a clean pass is an unexpected success;
 * 3. otherwise the first problem decides: an assertion error raised by setUp, the test
 *    or tearDown (trial-ts's, Node's, chai's or Jest's `expect`) is a `failure`, anything else (an assertion in a cleanup included) an
 *    `error`; the later problems are listed with it;
 * 4. no problem is a `success`. A dirty reactor is a problem found last, so it never
 *    hides a real failure: it is listed after it.
 *
 * @param problems - what went wrong, in the order it happened.
 * @param todo - the test's `todo` marker, if any.
 */
export function classify(problems: readonly Problem[], todo: Todo | undefined): Classification {
  const skip = problems.find((p) => (p.phase === 'setUp' || p.phase === 'test') && isSkipTest(p.error));
  if (skip !== undefined) {
    const rest = problems.filter((p) => p.phase !== 'setUp' && p.phase !== 'test');
    if (rest.length === 0) return { outcome: 'skip', problems: [], reason: (skip.error as { reason: string }).reason };
    return classify(rest, undefined);
  }
  if (todo !== undefined) {
    const methodProblems = problems.filter((p) => p.phase === 'test');
    const otherProblems = problems.filter((p) => p.phase !== 'test');
    if (otherProblems.length > 0) return classify(otherProblems, undefined);
    if (methodProblems.length === 0) return { outcome: 'unexpectedSuccess', problems: [], reason: todo.reason };
    if (matchesErrorType(methodProblems[0].error, todo.errors)) {
      return { outcome: 'expectedFailure', problems: methodProblems, reason: todo.reason };
    }
    return classify(methodProblems, undefined);
  }
  if (problems.length === 0) return { outcome: 'success', problems: [] };
  const first = problems[0];
  const failed = FAILURE_PHASES.has(first.phase) && isFailureError(first.error);
  return { outcome: failed ? 'failure' : 'error', problems: [...problems] };
}
