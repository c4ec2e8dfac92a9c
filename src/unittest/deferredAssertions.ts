/**
 * The assertions about Deferreds: `successResultOf`, `failureResultOf` and
 * `assertNoResult` read a Deferred's result synchronously, without the event loop,
 * exactly as Trial's do (see research/trial-reference.md §1.4); `assertFailure` and
 * `assertRejects` wait for one.
 *
 * A failure found instead of the expected result is shown by its traceback in the
 * message and not attached as `cause`, which reporters would print a second time.
 *
 * Each synchronous helper attaches one `addBoth` callback. If the Deferred already has a
 * result, the callback runs at once and the helper decides what the Deferred holds next;
 * if it has none, the callback stays attached but passes every later result through
 * untouched, so a failure arriving later is still reported as unhandled.
 *
 * @packageDocumentation
 */

import type { Deferred, Failure } from '@trial-ts/runtime/internal';
import { isDeferred, isFailure, isThenable } from '@trial-ts/runtime/internal';
import { failAssertion, makeAssertionError } from './failAssertion';
import { formatThrown, formatType, formatTypeOf, formatTypes, formatValue } from './formatValue';
import { ASSERTION_MESSAGES as M } from './messages';

/** An error class, as `failureResultOf`, `assertFailure` and `assertRejects` take. */
export type ErrorClass<E = unknown> = abstract new (...args: never[]) => E;

/** A Deferred's current result, seen from outside, and its repr from before the look. */
type Outcome = { readonly repr: string } & (
  | { readonly kind: 'none' }
  | { readonly kind: 'success'; readonly value: unknown }
  | { readonly kind: 'failure'; readonly failure: Failure }
);

/**
 * Reads the current result of `d` without waiting.
 *
 * @param method - the public helper, for the error when `d` is no Deferred.
 * @param d - the Deferred.
 * @param keep - whether the Deferred keeps its result; when `false` it holds `undefined`
 *   afterwards (and a failure is handled).
 * @returns the result, or `none`, with the Deferred's repr (Trial prints `repr(d)`).
 */
function peek(method: string, d: unknown, keep: (outcome: Outcome) => boolean): Outcome {
  if (!isDeferred(d)) throw new TypeError(M.notADeferred(method, formatValue(d)));
  // Taken before the look, which may replace the result with `undefined`.
  const repr = String(d);
  let outcome: Outcome = { repr, kind: 'none' };
  let reading = true;
  (d as Deferred<unknown>).addBoth((result: unknown) => {
    if (!reading) return result;
    outcome = isFailure(result)
      ? { repr, kind: 'failure', failure: result }
      : { repr, kind: 'success', value: result };
    return keep(outcome) ? result : undefined;
  });
  reading = false;
  return outcome;
}

/**
 * Trial's `successResultOf`: the success result `d` already has. Consumes it: `d` holds
 * `undefined` afterwards.
 *
 * @param d - the Deferred.
 * @param caller - the public method, cut from the stack of the failure.
 * @returns the result.
 * @throws AssertionError when `d` has no result or a failure (whose traceback is shown).
 * @throws TypeError when `d` is not a Deferred (a Promise, say).
 * @internal
 */
export function successResultOf<T>(d: Deferred<T>, caller: Function): T {
  const outcome = peek('successResultOf', d, () => false);
  if (outcome.kind === 'none') failAssertion(M.successButNoResult(outcome.repr), undefined, caller);
  if (outcome.kind === 'failure') {
    failAssertion(M.successButFailure(outcome.repr, outcome.failure.getTraceback()), undefined, caller);
  }
  return outcome.value as T;
}

/**
 * Trial's `failureResultOf`: the failure `d` already has, when it is of one of `types`
 * (or of any type when none is given). Handles it: `d` holds `undefined` afterwards, so
 * the failure is never reported as unhandled.
 *
 * @param d - the Deferred.
 * @param types - the expected error classes; subclasses match.
 * @param caller - the public method, cut from the stack of the failure.
 * @returns the same `Failure` object.
 * @throws AssertionError when `d` has no result, a success, or a failure of another
 *   type (whose traceback is shown).
 * @throws TypeError when `d` is not a Deferred.
 * @internal
 */
export function failureResultOf<T>(d: Deferred<T>, types: readonly ErrorClass[], caller: Function): Failure {
  const outcome = peek('failureResultOf', d, () => false);
  if (outcome.kind === 'none') failAssertion(M.failureButNoResult(outcome.repr), undefined, caller);
  if (outcome.kind === 'success') {
    failAssertion(M.failureButSuccess(outcome.repr, formatValue(outcome.value)), undefined, caller);
  }
  const { failure } = outcome;
  if (types.length > 0 && failure.check(...types) === null) {
    const text = M.failureOfWrongType(
      formatTypes(types),
      outcome.repr,
      formatType(failure.type),
      failure.getTraceback(),
    );
    failAssertion(text, undefined, caller);
  }
  return failure;
}

/**
 * Trial's `assertNoResult`: `d` has no result yet. A later result is left intact. When
 * there is a result, a success stays in `d` but a failure is handled, since the
 * assertion's own failure already reports it.
 *
 * @param d - the Deferred.
 * @param caller - the public method, cut from the stack of the failure.
 * @throws AssertionError when `d` has a result.
 * @throws TypeError when `d` is not a Deferred.
 * @internal
 */
export function assertNoResult<T>(d: Deferred<T>, caller: Function): void {
  const outcome = peek('assertNoResult', d, (o) => o.kind !== 'failure');
  if (outcome.kind === 'none') return;
  const found = outcome.kind === 'success' ? formatValue(outcome.value) : outcome.failure.getTraceback();
  failAssertion(M.unexpectedResult(outcome.repr, found), undefined, caller);
}

/**
 * Trial's `assertFailure`: adds callbacks to `d` so that it fires with the error when it
 * fails with one of `types` (or any error when none is given), and fails with an
 * {@link AssertionError} otherwise. Return the result from the test.
 *
 * @param d - the Deferred.
 * @param types - the expected error classes; subclasses match.
 * @returns `d` itself, retyped.
 * @throws TypeError when `d` is not a Deferred.
 * @internal
 */
export function assertFailure<E, T>(d: Deferred<T>, types: readonly ErrorClass<E>[]): Deferred<E> {
  if (!isDeferred(d)) throw new TypeError(M.notADeferred('assertFailure', formatValue(d)));
  const onSuccess = (result: unknown): never => {
    throw makeAssertionError(M.assertFailureButSuccess(formatValue(result)), undefined, undefined);
  };
  const onFailure = (failure: Failure): E => {
    if (types.length === 0 || failure.check(...types) !== null) return failure.value as E;
    throw makeAssertionError(
      M.assertFailureOfWrongType(formatTypes(types), failure.getTraceback()),
      undefined,
      undefined,
    );
  };
  return (d as Deferred<unknown>).addCallbacks(onSuccess, onFailure) as unknown as Deferred<E>;
}

/**
 * Waits for a promise or Deferred that must reject with `type`. A Deferred's failure is
 * handled, whatever its type.
 *
 * @param type - the expected error class; subclasses match.
 * @param target - a promise, any thenable, or a Deferred.
 * @param message - the test's optional message.
 * @returns the rejection reason.
 * @throws AssertionError (as a rejection) when `target` resolves or rejects with another type.
 * @internal
 */
export async function assertRejects<E, T>(
  type: ErrorClass<E>,
  target: PromiseLike<T> | Deferred<T>,
  message: string | undefined,
): Promise<E> {
  // Resumed after the await, this function is the innermost frame; cutting it leaves the
  // `async` frames of the assertion method and of the test.
  const settled = await settle(target);
  if (settled.ok) failAssertion(M.notRejected(formatType(type), formatValue(settled.value)), message, assertRejects);
  if (!(settled.error instanceof type)) {
    const text = M.rejectedInstead(formatTypeOf(settled.error), formatType(type), formatThrown(settled.error));
    failAssertion(text, message, assertRejects);
  }
  return settled.error as E;
}

type Settled = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

function settle(target: unknown): Promise<Settled> {
  if (isDeferred(target)) {
    return new Promise((resolve) => {
      (target as Deferred<unknown>).addCallbacks(
        (value: unknown) => {
          resolve({ ok: true, value });
          return value;
        },
        (failure: Failure) => {
          resolve({ ok: false, error: failure.value });
          return undefined;
        },
      );
    });
  }
  if (!isThenable(target)) {
    return Promise.reject(new TypeError(M.notAPromise('assertRejects', formatValue(target))));
  }
  return Promise.resolve(target).then(
    (value): Settled => ({ ok: true, value }),
    (error: unknown): Settled => ({ ok: false, error }),
  );
}
