/**
 * {@link Assertions}: every `assert*` method of a test case, Trial's catalogue in
 * camelCase. `SynchronousTestCase` extends it. The class has no state, so a user's
 * fields can never collide with ours; the work is done by module functions
 * (`contains.ts`, `captureWarnings.ts`, `deferredAssertions.ts`) and the texts come
 * from `messages.ts`. Longer than 300 lines because each public method carries its
 * TSDoc and example; the logic per method is a few lines.
 *
 * @packageDocumentation
 */

import { deepStrictEqual } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { isThenable } from '@trial-ts/runtime/internal';
import type { Deferred, Failure } from '@trial-ts/runtime/internal';
import { captureWarnings, emitAgain, formatWarning, isOfCategory, type WarningClass } from './captureWarnings';
import { contains } from './contains';
import * as deferred from './deferredAssertions';
import type { ErrorClass } from './deferredAssertions';
import { isAssertionError } from './errors';
import { failAssertion } from './failAssertion';
import { formatThrown, formatType, formatTypeOf, formatValue } from './formatValue';
import { ASSERTION_MESSAGES as M } from './messages';

export type { ErrorClass } from './deferredAssertions';
export type { WarningClass } from './captureWarnings';

/**
 * The assertions of a test case. Each one throws an `AssertionError` (the test is
 * reported as a failure) whose stack starts at the test's own line. Those that Trial's
 * return their first argument do too, and most take an optional `message`, last, which
 * is printed before the generated text.
 *
 * @example
 * ```ts
 * class ParserTests extends SynchronousTestCase {
 *   test_parse() {
 *     this.assertEqual(parse('a=1'), { a: 1 });
 *   }
 * }
 * ```
 */
export class Assertions {
  /**
   * Fails the test at once.
   *
   * @param message - why.
   * @throws AssertionError always.
   * @example
   * ```ts
   * if (!connected) this.fail('the client never connected');
   * ```
   */
  fail(message?: string): never {
    failAssertion(message ?? M.failedWithoutMessage(), undefined, Assertions.prototype.fail);
  }

  /**
   * Asserts deep strict equality (`node:assert`'s `deepStrictEqual`: same prototypes,
   * `NaN` equals `NaN`, `0` differs from `-0`). The failure shows Node's
   * `+ actual - expected` diff, which names the differing key.
   *
   * @param first - the actual value.
   * @param second - the expected value.
   * @param message - printed before the diff.
   * @returns `first`.
   * @throws AssertionError (with `actual`, `expected`, `diff`) when they differ.
   * @example
   * ```ts
   * this.assertEqual(parse('a=1'), { a: 1 });
   * ```
   */
  assertEqual<T>(first: T, second: T, message?: string): T {
    try {
      deepStrictEqual(first, second);
    } catch (error) {
      if (!isAssertionError(error)) throw error;
      const diff = error.message.slice(error.message.indexOf('\n') + 1).trim();
      failAssertion(M.notEqual(error.message), message, Assertions.prototype.assertEqual, {
        actual: first,
        expected: second,
        diff,
      });
    }
    return first;
  }

  /**
   * Asserts that two values are not deep strictly equal.
   *
   * @param first - the actual value.
   * @param second - the value it must differ from.
   * @param message - printed before the generated text.
   * @returns `first`.
   * @throws AssertionError when they are equal.
   * @example
   * ```ts
   * this.assertNotEqual(makeId(), makeId());
   * ```
   */
  assertNotEqual<T>(first: T, second: unknown, message?: string): T {
    if (isDeepStrictEqual(first, second)) {
      failAssertion(M.equal(formatValue(first), formatValue(second)), message, Assertions.prototype.assertNotEqual);
    }
    return first;
  }

  /**
   * Asserts that two values are the same (`Object.is`).
   *
   * @param first - the actual value.
   * @param second - the expected value.
   * @param message - printed before the generated text.
   * @returns `first`.
   * @throws AssertionError when they are not the same.
   * @example
   * ```ts
   * this.assertIdentical(protocol.factory, factory);
   * ```
   */
  assertIdentical<T>(first: T, second: T, message?: string): T {
    if (!Object.is(first, second)) {
      const text = M.notIdentical(formatValue(first), formatValue(second));
      failAssertion(text, message, Assertions.prototype.assertIdentical, { actual: first, expected: second });
    }
    return first;
  }

  /**
   * Asserts that two values are not the same (`Object.is`).
   *
   * @param first - the actual value.
   * @param second - the value it must not be.
   * @param message - printed before the generated text.
   * @returns `first`.
   * @throws AssertionError when they are the same.
   * @example
   * ```ts
   * this.assertNotIdentical(copy, original);
   * ```
   */
  assertNotIdentical<T>(first: T, second: unknown, message?: string): T {
    if (Object.is(first, second)) {
      const text = M.identical(formatValue(first), formatValue(second));
      failAssertion(text, message, Assertions.prototype.assertNotIdentical);
    }
    return first;
  }

  /**
   * Asserts that `condition` is truthy.
   *
   * @param condition - the value to test.
   * @param message - printed before the generated text.
   * @returns `condition`.
   * @throws AssertionError when it is falsy.
   * @example
   * ```ts
   * this.assertTrue(transport.disconnecting);
   * ```
   */
  assertTrue<T>(condition: T, message?: string): T {
    if (!condition) failAssertion(M.notTrue(formatValue(condition)), message, Assertions.prototype.assertTrue);
    return condition;
  }

  /**
   * Asserts that `condition` is falsy.
   *
   * @param condition - the value to test.
   * @param message - printed before the generated text.
   * @returns `condition`.
   * @throws AssertionError when it is truthy.
   * @example
   * ```ts
   * this.assertFalse(d.called);
   * ```
   */
  assertFalse<T>(condition: T, message?: string): T {
    if (condition) failAssertion(M.notFalse(formatValue(condition)), message, Assertions.prototype.assertFalse);
    return condition;
  }

  /**
   * Asserts that `container` holds `containee`: a substring of a string, a key of a Map
   * or of an object (own keys), an element of a Set, an array or another iterable.
   * Elements match by deep strict equality, so `[1, 2]` is in `[[1, 2]]`.
   *
   * @param containee - what must be found.
   * @param container - where.
   * @param message - printed before the generated text.
   * @returns `containee`.
   * @throws AssertionError when it is not there.
   * @throws TypeError when `container` holds nothing, or is a string and `containee` is not.
   * @example
   * ```ts
   * this.assertIn('timeout', error.message);
   * this.assertIn('id', row);
   * ```
   */
  assertIn<T>(containee: T, container: unknown, message?: string): T {
    if (!contains('assertIn', containee, container)) {
      failAssertion(M.notIn(formatValue(containee), formatValue(container)), message, Assertions.prototype.assertIn);
    }
    return containee;
  }

  /**
   * Asserts that `container` does not hold `containee` (see {@link Assertions.assertIn}).
   *
   * @param containee - what must not be found.
   * @param container - where.
   * @param message - printed before the generated text.
   * @returns `containee`.
   * @throws AssertionError when it is there.
   * @throws TypeError when `container` holds nothing, or is a string and `containee` is not.
   * @example
   * ```ts
   * this.assertNotIn('password', logLine);
   * ```
   */
  assertNotIn<T>(containee: T, container: unknown, message?: string): T {
    if (contains('assertNotIn', containee, container)) {
      failAssertion(M.isIn(formatValue(containee), formatValue(container)), message, Assertions.prototype.assertNotIn);
    }
    return containee;
  }

  /**
   * Asserts that `substring` occurs in `astring`.
   *
   * @param substring - what must be found.
   * @param astring - where.
   * @param message - printed before the generated text.
   * @returns `substring`.
   * @throws AssertionError when it does not occur.
   * @throws TypeError when either is not a string.
   * @example
   * ```ts
   * this.assertSubstring('HTTP/1.1 200', transport.value());
   * ```
   */
  assertSubstring(substring: string, astring: string, message?: string): string {
    if (!contains('assertSubstring', substring, requireString('assertSubstring', astring))) {
      failAssertion(M.notIn(formatValue(substring), formatValue(astring)), message, Assertions.prototype.assertSubstring);
    }
    return substring;
  }

  /**
   * Asserts that `substring` does not occur in `astring`.
   *
   * @param substring - what must not be found.
   * @param astring - where.
   * @param message - printed before the generated text.
   * @returns `substring`.
   * @throws AssertionError when it occurs.
   * @throws TypeError when either is not a string.
   * @example
   * ```ts
   * this.assertNotSubstring('Traceback', output);
   * ```
   */
  assertNotSubstring(substring: string, astring: string, message?: string): string {
    if (contains('assertNotSubstring', substring, requireString('assertNotSubstring', astring))) {
      const text = M.isIn(formatValue(substring), formatValue(astring));
      failAssertion(text, message, Assertions.prototype.assertNotSubstring);
    }
    return substring;
  }

  /**
   * Asserts that `value` is an instance of `type` (`instanceof`).
   *
   * @param value - the value to test.
   * @param type - the class.
   * @param message - printed before the generated text.
   * @returns `value`, typed as an instance of `type`.
   * @throws AssertionError when it is not an instance.
   * @example
   * ```ts
   * const error = this.assertIsInstance(failure.value, TimeoutError);
   * ```
   */
  assertIsInstance<T>(value: unknown, type: abstract new (...args: never[]) => T, message?: string): T {
    if (!(value instanceof type)) {
      const text = M.notInstance(formatValue(value), formatType(type));
      failAssertion(text, message, Assertions.prototype.assertIsInstance);
    }
    return value as T;
  }

  /**
   * Asserts that two numbers differ by at most `tolerance`.
   *
   * @param first - the actual number.
   * @param second - the expected number.
   * @param tolerance - the largest difference allowed.
   * @param message - printed before the generated text.
   * @returns `first`.
   * @throws AssertionError when they differ by more (or either is `NaN`).
   * @example
   * ```ts
   * this.assertApproximates(elapsed, 1.5, 0.01);
   * ```
   */
  assertApproximates(first: number, second: number, tolerance: number, message?: string): number {
    if (first !== second && !(Math.abs(first - second) <= tolerance)) {
      const text = M.notApproximate(String(first), String(second), String(tolerance));
      failAssertion(text, message, Assertions.prototype.assertApproximates, { actual: first, expected: second });
    }
    return first;
  }

  /**
   * Asserts that two numbers are equal once their difference is rounded to `places`
   * decimal places, as Trial's (and Python's `round`) judge it.
   *
   * @param first - the actual number.
   * @param second - the expected number.
   * @param places - decimal places; 7 by default.
   * @param message - printed before the generated text.
   * @returns `first`.
   * @throws AssertionError when the rounded difference is not zero.
   * @example
   * ```ts
   * this.assertAlmostEqual(0.1 + 0.2, 0.3);
   * ```
   */
  assertAlmostEqual(first: number, second: number, places = 7, message?: string): number {
    if (first !== second && !roundsToZero(second - first, places)) {
      const text = M.notAlmostEqual(String(first), String(second), String(places));
      failAssertion(text, message, Assertions.prototype.assertAlmostEqual, { actual: first, expected: second });
    }
    return first;
  }

  /**
   * Calls `fn(...args)` and asserts that it throws an instance of `type`.
   *
   * @param type - the expected error class; subclasses match.
   * @param fn - the code under test.
   * @param args - passed to `fn`.
   * @returns the error thrown, for further assertions.
   * @throws AssertionError when `fn` returns, or throws something else (whose stack is
   *   shown in the message).
   * @example
   * ```ts
   * const error = this.assertRaises(RangeError, parsePort, '99999');
   * this.assertIn('99999', error.message);
   * ```
   */
  assertRaises<E, A extends unknown[]>(type: ErrorClass<E>, fn: (...args: A) => unknown, ...args: A): E {
    let returned: unknown;
    try {
      returned = fn(...args);
    } catch (error) {
      if (error instanceof type) return error;
      const text = M.raisedInstead(formatTypeOf(error), formatType(type), formatThrown(error));
      failAssertion(text, undefined, Assertions.prototype.assertRaises);
    }
    const build = isThenable(returned) ? M.notRaisedButPromise : M.notRaised;
    failAssertion(build(formatType(type), formatValue(returned)), undefined, Assertions.prototype.assertRaises);
  }

  /**
   * Waits for a promise or a Deferred and asserts that it rejects with an instance of
   * `type`. A Deferred's failure is handled whatever its type.
   *
   * @param type - the expected error class; subclasses match.
   * @param target - a promise (or thenable) or a Deferred.
   * @param message - printed before the generated text.
   * @returns a promise of the rejection reason.
   * @throws AssertionError (as a rejection) when it resolves or rejects with another type.
   * @example
   * ```ts
   * const error = await this.assertRejects(TimeoutError, client.request('/slow'));
   * ```
   */
  async assertRejects<E, T = unknown>(
    type: ErrorClass<E>,
    target: PromiseLike<T> | Deferred<T>,
    message?: string,
  ): Promise<E> {
    // `return await` keeps this frame in the failure's async stack, above the test's.
    return await deferred.assertRejects(type, target, message);
  }

  /**
   * Calls `fn(...args)` and asserts that it emits, synchronously, a warning of `category`
   * whose message contains `messageSubstring`. Matching warnings are consumed; others
   * are emitted again once the assertion passes.
   *
   * @param category - a warning type name (`'DeprecationWarning'`) or a warning class.
   * @param messageSubstring - text the warning's message must contain.
   * @param fn - the code under test.
   * @param args - passed to `fn`.
   * @returns what `fn` returned.
   * @throws AssertionError when no such warning is emitted.
   * @example
   * ```ts
   * this.assertWarns('DeprecationWarning', 'use connectTCP', () => oldConnect(port));
   * ```
   */
  assertWarns<R, A extends unknown[]>(
    category: string | WarningClass,
    messageSubstring: string,
    fn: (...args: A) => R,
    ...args: A
  ): R {
    const { result, warnings } = captureWarnings(() => fn(...args));
    const matching = warnings.filter((w) => isOfCategory(w, category) && w.message.includes(messageSubstring));
    if (matching.length === 0) {
      const name = formatType(category);
      const text = formatValue(messageSubstring);
      if (warnings.length > 0) {
        failAssertion(M.wrongWarnings(name, text, warnings.map(formatWarning)), undefined, Assertions.prototype.assertWarns);
      }
      const build = isThenable(result) ? M.noWarningsButPromise : M.noWarnings;
      failAssertion(build(name, text), undefined, Assertions.prototype.assertWarns);
    }
    emitAgain(warnings.filter((w) => !matching.includes(w)));
    return result;
  }

  /**
   * Returns the success result `d` already has, without waiting; `d` then holds
   * `undefined`, as in Trial.
   *
   * @param d - a Deferred that has fired.
   * @returns its result.
   * @throws AssertionError when `d` has no result yet, or a failure (traceback shown).
   * @throws TypeError when `d` is not a Deferred (a Promise cannot be read synchronously).
   * @example
   * ```ts
   * const body = this.successResultOf(client.get('/'));
   * ```
   */
  successResultOf<T>(d: Deferred<T>): T {
    return deferred.successResultOf(d, Assertions.prototype.successResultOf);
  }

  /**
   * Returns the failure `d` already has, when it is of one of `types` (or any type when
   * none is given), and handles it so it is not reported as unhandled.
   *
   * @param d - a Deferred that has failed.
   * @param types - the expected error classes; subclasses match.
   * @returns the `Failure` itself.
   * @throws AssertionError when `d` has no result, a success, or a failure of another
   *   type (its traceback is shown).
   * @throws TypeError when `d` is not a Deferred.
   * @example
   * ```ts
   * const failure = this.failureResultOf(d, ConnectionRefusedError);
   * ```
   */
  failureResultOf<T>(d: Deferred<T>, ...types: ErrorClass[]): Failure {
    return deferred.failureResultOf(d, types, Assertions.prototype.failureResultOf);
  }

  /**
   * Asserts that `d` has no result yet. A result that arrives later is left intact.
   *
   * @param d - a Deferred.
   * @throws AssertionError when `d` has a result (a failure is then handled).
   * @throws TypeError when `d` is not a Deferred.
   * @example
   * ```ts
   * this.assertNoResult(d);
   * clock.advance(30);
   * this.failureResultOf(d, TimeoutError);
   * ```
   */
  assertNoResult<T>(d: Deferred<T>): void {
    deferred.assertNoResult(d, Assertions.prototype.assertNoResult);
  }

  /**
   * Makes `d` fire with its error when it fails with one of `types` (any error when none
   * is given), and fail with an `AssertionError` when it succeeds or fails otherwise.
   * Return (or await) the result from the test.
   *
   * @param d - a Deferred.
   * @param types - the expected error classes; subclasses match.
   * @returns `d` itself, now firing with the error.
   * @throws TypeError when `d` is not a Deferred.
   * @example
   * ```ts
   * test_refused() {
   *   return this.assertFailure(connect(port), ConnectionRefusedError);
   * }
   * ```
   */
  assertFailure<E, T = unknown>(d: Deferred<T>, ...types: ErrorClass<E>[]): Deferred<E> {
    return deferred.assertFailure(d, types);
  }
}

function requireString(method: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(M.notAString(method, formatValue(value)));
  return value;
}

/** Python's `round(difference, places) == 0`, with the decimal rounding of `toFixed`. */
function roundsToZero(difference: number, places: number): boolean {
  if (Number.isInteger(places) && places >= 0 && places <= 100) return Number(difference.toFixed(places)) === 0;
  const scale = 10 ** places;
  return Math.round(difference * scale) / scale === 0;
}
