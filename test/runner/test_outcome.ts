/**
 * Tests for src/runner/outcome.ts: every precedence rule of `classify` (skip wins, todo
 * matches, todo with setUp/cleanup problems, todo pass, first problem decides, the janitor
 * listed last).
 */
import { SynchronousTestCase } from 'trial-ts';
import { classify, isFailureError, type Problem } from '../../src/runner/outcome';
import { expect } from 'expect';
import * as chai from 'chai';
import * as nodeAssert from 'node:assert';
import { AssertionError, SkipTest } from '../../src/unittest/errors';
import type { Todo } from '../../src/unittest/markers';

function assertion(message = 'boom'): AssertionError {
  return new AssertionError(message);
}

function todoOf(reason: string, errors: Todo['errors'] = []): Todo {
  return { reason, errors };
}

export class ClassifyTests extends SynchronousTestCase {
  /** No problem at all is a success with nothing to report. */
  test_noProblemIsSuccess(): void {
    this.assertEqual(classify([], undefined), { outcome: 'success', problems: [] });
  }

  /** A SkipTest raised by the test method skips it, with the skip's reason. */
  test_skipInTestSkips(): void {
    const result = classify([{ phase: 'test', error: new SkipTest('no network') }], undefined);
    this.assertEqual(result, { outcome: 'skip', problems: [], reason: 'no network' });
  }

  /** A SkipTest raised in setUp skips the test too. */
  test_skipInSetUpSkips(): void {
    const result = classify([{ phase: 'setUp', error: new SkipTest('later') }], undefined);
    this.assertEqual(result.outcome, 'skip');
    this.assertEqual(result.reason, 'later');
  }

  /** Skip wins over a todo marker: a skipped todo test is a skip, not an expected failure. */
  test_skipWinsOverTodo(): void {
    const result = classify([{ phase: 'test', error: new SkipTest('not today') }], todoOf('bug #1'));
    this.assertEqual(result.outcome, 'skip');
    this.assertEqual(result.reason, 'not today');
  }

  /** Skip wins over other test-method problems raised alongside it. */
  test_skipWinsOverTestProblems(): void {
    const problems: Problem[] = [
      { phase: 'setUp', error: new SkipTest('skip me') },
      { phase: 'test', error: new TypeError('never mind') },
    ];
    this.assertEqual(classify(problems, undefined).outcome, 'skip');
  }

  /** A SkipTest from a cleanup does not skip: it is an error of the cleanup. */
  test_skipInCleanupIsError(): void {
    const skip = new SkipTest('too late');
    const result = classify([{ phase: 'cleanup', error: skip }], undefined);
    this.assertEqual(result.outcome, 'error');
    this.assertIdentical(result.problems[0].error, skip);
  }

  /** A skipped test whose cleanup failed is classified by the cleanup's problem. */
  test_skipWithCleanupProblemIsError(): void {
    const cleanupError = new Error('cleanup broke');
    const result = classify(
      [
        { phase: 'test', error: new SkipTest('skip') },
        { phase: 'cleanup', error: cleanupError },
      ],
      undefined,
    );
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.problems, [{ phase: 'cleanup', error: cleanupError }]);
  }

  /** A skipped test the janitor finds dirty is an error listing only the leak. */
  test_skipWithJanitorProblemIsError(): void {
    const leak = new Error('dirty reactor');
    const result = classify(
      [
        { phase: 'test', error: new SkipTest('skip') },
        { phase: 'janitor', error: leak },
      ],
      undefined,
    );
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.problems.map((p) => p.phase), ['janitor']);
  }

  /** A todo test that fails (any type when none is given) is an expected failure carrying the error and reason. */
  test_todoAnyFailureIsExpectedFailure(): void {
    const error = new RangeError('off by one');
    const result = classify([{ phase: 'test', error }], todoOf('bug #2'));
    this.assertEqual(result.outcome, 'expectedFailure');
    this.assertEqual(result.reason, 'bug #2');
    this.assertEqual(result.problems, [{ phase: 'test', error }]);
  }

  /** A todo with a matching error type is an expected failure. */
  test_todoMatchingTypeIsExpectedFailure(): void {
    const result = classify([{ phase: 'test', error: new TypeError('x') }], todoOf('nulls', [TypeError]));
    this.assertEqual(result.outcome, 'expectedFailure');
  }

  /** A todo whose types do not match the error classifies it as usual: an error. */
  test_todoMismatchedTypeIsError(): void {
    const error = new RangeError('x');
    const result = classify([{ phase: 'test', error }], todoOf('nulls', [TypeError]));
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.reason, undefined);
    this.assertIdentical(result.problems[0].error, error);
  }

  /** A todo whose types do not match an assertion error makes it a plain failure. */
  test_todoMismatchedAssertionIsFailure(): void {
    const result = classify([{ phase: 'test', error: assertion() }], todoOf('nulls', [TypeError]));
    this.assertEqual(result.outcome, 'failure');
  }

  /** The first test-method problem decides whether a todo matched, not a later one. */
  test_todoFirstMethodProblemDecides(): void {
    const problems: Problem[] = [
      { phase: 'test', error: new RangeError('first') },
      { phase: 'test', error: new TypeError('second') },
    ];
    this.assertEqual(classify(problems, todoOf('r', [TypeError])).outcome, 'error');
    this.assertEqual(classify(problems, todoOf('r', [RangeError])).outcome, 'expectedFailure');
  }

  /** A todo test that passes is an unexpected success with the todo's reason. */
  test_todoPassIsUnexpectedSuccess(): void {
    this.assertEqual(classify([], todoOf('fixed?')), { outcome: 'unexpectedSuccess', problems: [], reason: 'fixed?' });
  }

  /** A setUp failure of a todo test is not covered by the todo: it is an error. */
  test_todoSetUpProblemIsError(): void {
    const error = new Error('setUp broke');
    const result = classify([{ phase: 'setUp', error }], todoOf('bug'));
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.problems, [{ phase: 'setUp', error }]);
  }

  /** A todo test that failed as expected but whose cleanup failed reports the cleanup's problem only, as an error. */
  test_todoCleanupProblemWins(): void {
    const cleanupError = assertion('cleanup assertion');
    const result = classify(
      [
        { phase: 'test', error: new TypeError('expected') },
        { phase: 'cleanup', error: cleanupError },
      ],
      todoOf('bug', [TypeError]),
    );
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.problems, [{ phase: 'cleanup', error: cleanupError }]);
  }

  /** A todo test that passed but left a leak is an error, not an unexpected success. */
  test_todoJanitorProblemIsError(): void {
    const result = classify([{ phase: 'janitor', error: new Error('leak') }], todoOf('bug'));
    this.assertEqual(result.outcome, 'error');
  }

  /** A todo test with a logged error or a tearDown failure is an error as well. */
  test_todoLoggedAndTearDownProblemsAreErrors(): void {
    for (const phase of ['logged', 'tearDown'] as const) {
      const result = classify([{ phase: 'test', error: new Error('expected') }, { phase, error: new Error(phase) }], todoOf('bug'));
      this.assertEqual(result.outcome, 'error', phase);
      this.assertEqual(result.problems.map((p) => p.phase), [phase]);
    }
  }

  /** An assertion error first makes a failure. */
  test_assertionFirstIsFailure(): void {
    this.assertEqual(classify([{ phase: 'test', error: assertion() }], undefined).outcome, 'failure');
  }

  /** An assertion that fails in a cleanup, or is logged, is an error, as in Trial; in setUp or tearDown it is a failure. */
  test_assertionOutsideSetUpTestTearDownIsError(): void {
    const outcomes = (['cleanup', 'logged', 'janitor', 'setUp', 'tearDown'] as const).map((phase) => classify([{ phase, error: assertion() }], undefined).outcome);
    this.assertEqual(outcomes, ['error', 'error', 'error', 'failure', 'failure']);
  }

  /** A generator test method is an error even under a todo that expects any failure: it never ran. */
  test_methodProblemIgnoresTodo(): void {
    const unusable = new TypeError('a generator function');
    const result = classify([{ phase: 'method', error: unusable }], todoOf('bug'));
    this.assertEqual(result, { outcome: 'error', problems: [{ phase: 'method', error: unusable }] });
  }

  /** Anything else first makes an error, including non-Error values. */
  test_otherFirstIsError(): void {
    this.assertEqual(classify([{ phase: 'test', error: new TypeError('x') }], undefined).outcome, 'error');
    this.assertEqual(classify([{ phase: 'test', error: 'a string' }], undefined).outcome, 'error');
    this.assertEqual(classify([{ phase: 'test', error: undefined }], undefined).outcome, 'error');
  }

  /** Any error named AssertionError (node:assert's, chai's) counts as a failure. */
  test_foreignAssertionIsFailure(): void {
    const foreign = Object.assign(new Error('chai says no'), { name: 'AssertionError' });
    this.assertEqual(classify([{ phase: 'test', error: foreign }], undefined).outcome, 'failure');
  }

  /** The first problem decides, and all later problems are listed after it in order. */
  test_firstProblemDecidesLaterListed(): void {
    const problems: Problem[] = [
      { phase: 'test', error: new TypeError('first') },
      { phase: 'cleanup', error: assertion('second') },
      { phase: 'tearDown', error: new Error('third') },
    ];
    const result = classify(problems, undefined);
    this.assertEqual(result.outcome, 'error');
    this.assertEqual(result.problems, problems);
    this.assertNotIdentical(result.problems, problems);
  }

  /** A dirty reactor found after a real failure keeps the failure and is listed after it. */
  test_janitorListedAfterFailure(): void {
    const failure = assertion('real');
    const leak = new Error('DirtyReactorAggregateError');
    const result = classify(
      [
        { phase: 'test', error: failure },
        { phase: 'janitor', error: leak },
      ],
      undefined,
    );
    this.assertEqual(result.outcome, 'failure');
    this.assertEqual(result.problems.map((p) => p.error), [failure, leak]);
  }

  /** A dirty reactor alone is an error. */
  test_janitorAloneIsError(): void {
    this.assertEqual(classify([{ phase: 'janitor', error: new Error('leak') }], undefined).outcome, 'error');
  }
}

/** The error a call throws (the test fails if it throws nothing). */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

export class IsFailureErrorTests extends SynchronousTestCase {
  /** Jest's expect, chai and node:assert errors are failures. */
  test_assertionLibrariesAreFailures(): void {
    const errors = [
      thrownBy(() => expect(1).toBe(2)),
      thrownBy(() => chai.expect(1).to.equal(2)),
      thrownBy(() => chai.assert.isTrue(false)),
      thrownBy(() => nodeAssert.strictEqual(1, 2)),
    ];
    this.assertEqual(errors.map(isFailureError), [true, true, true, true]);
  }

  /** Other errors, and values that are not objects, are not. */
  test_otherErrorsAreNot(): void {
    this.assertEqual([new TypeError('x'), 'AssertionError', null, { matcher: 1 }].map(isFailureError), [false, false, false, false]);
  }

  /** A Jest expect error raised by the test is classified as a failure, not an error. */
  test_classifiedAsFailure(): void {
    this.assertEqual(classify([{ phase: 'test', error: thrownBy(() => expect([1]).toEqual([2])) }], undefined).outcome, 'failure');
  }
}
