/**
 * Tests for src/unittest/assertions.ts: every assertion passes, returns what Trial's
 * returns, and fails with the documented text. The subject is the `src/` copy of
 * `Assertions`; the harness (`this.assert*`) is the published one.
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { Assertions } from '../../src/unittest/assertions';
import { AssertionError } from '../../src/unittest/errors';

const subject = new Assertions();

/** The AssertionError `fn` throws; fails the running test when it throws none. */
function failureOf(test: SynchronousTestCase, fn: () => unknown): AssertionError {
  return test.assertRaises(AssertionError, fn);
}

/** Tests for `fail`, `assertTrue` and `assertFalse`, and the optional message. */
export class TruthTests extends SynchronousTestCase {
  /** `fail` throws an AssertionError with the given message. */
  test_failUsesMessage() {
    const error = failureOf(this, () => subject.fail('the client never connected'));
    this.assertEqual(error.message, 'the client never connected');
    this.assertEqual(error.code, 'TRIAL_ASSERTION');
    this.assertEqual(error.name, 'AssertionError');
  }

  /** `fail` without a message says so. */
  test_failWithoutMessage() {
    const error = failureOf(this, () => subject.fail());
    this.assertEqual(error.message, 'Test failed: fail() was called without a message.');
  }

  /** The failure's stack starts at the caller's line, not inside trial-ts. */
  test_stackStartsAtCaller() {
    const error = failureOf(this, () => subject.assertTrue(false));
    const firstFrame = (error.stack ?? '').split('\n')[1] ?? '';
    this.assertIn('test_assertions.ts', firstFrame);
  }

  /** `assertTrue` returns a truthy condition. */
  test_assertTrueReturnsCondition() {
    this.assertEqual(subject.assertTrue('yes'), 'yes');
  }

  /** `assertTrue` on a falsy value names it. */
  test_assertTrueFails() {
    this.assertEqual(failureOf(this, () => subject.assertTrue(0)).message, '0 is not true');
  }

  /** `assertFalse` returns a falsy condition. */
  test_assertFalseReturnsCondition() {
    this.assertIdentical(subject.assertFalse(''), '');
  }

  /** `assertFalse` on a truthy value names it, after the user's message. */
  test_assertFalseFailsWithMessage() {
    const error = failureOf(this, () => subject.assertFalse('x', 'flag must be off'));
    this.assertEqual(error.message, "flag must be off\n'x' is not false");
  }
}

/** Tests for `assertEqual`, `assertNotEqual`, `assertIdentical` and `assertNotIdentical`. */
export class EqualityTests extends SynchronousTestCase {
  /** `assertEqual` compares deeply and returns its first argument. */
  test_assertEqualDeepReturnsFirst() {
    const actual = { a: [1, { b: 2 }], c: new Map([['k', 1]]) };
    this.assertIdentical(subject.assertEqual(actual, { a: [1, { b: 2 }], c: new Map([['k', 1]]) }), actual);
  }

  /** `assertEqual` on nested objects shows a diff naming the differing key. */
  test_assertEqualDiffNamesKey() {
    const error = failureOf(this, () =>
      subject.assertEqual({ outer: { inner: 1, same: 2 } }, { outer: { inner: 3, same: 2 } }),
    );
    this.assertSubstring('Expected values to be strictly deep-equal:', error.message);
    this.assertSubstring('+     inner: 1', error.message);
    this.assertSubstring('-     inner: 3', error.message);
    this.assertSubstring('-     inner: 3', error.diff ?? '');
    this.assertEqual(error.actual, { outer: { inner: 1, same: 2 } });
    this.assertEqual(error.expected, { outer: { inner: 3, same: 2 } });
  }

  /** `assertEqual` on primitives shows both values; the user's message comes first. */
  test_assertEqualPrimitivesWithMessage() {
    const error = failureOf(this, () => subject.assertEqual(1, 2, 'counts'));
    this.assertEqual(error.message, 'counts\nExpected values to be strictly deep-equal:\n\n1 !== 2\n');
    this.assertEqual(error.diff, '1 !== 2');
  }

  /** `assertEqual` is strict: `1` and `'1'` differ. */
  test_assertEqualIsStrict() {
    failureOf(this, () => subject.assertEqual<unknown>(1, '1'));
  }

  /** `assertNotEqual` returns its first argument when the values differ. */
  test_assertNotEqualReturnsFirst() {
    this.assertEqual(subject.assertNotEqual([1], [2]), [1]);
  }

  /** `assertNotEqual` on deeply equal values names both. */
  test_assertNotEqualFails() {
    const error = failureOf(this, () => subject.assertNotEqual({ a: 1 }, { a: 1 }));
    this.assertEqual(error.message, '{ a: 1 } == { a: 1 }');
  }

  /** `assertIdentical` uses `Object.is`: `NaN` is `NaN`. */
  test_assertIdenticalObjectIs() {
    this.assertTrue(Number.isNaN(subject.assertIdentical(NaN, NaN)));
  }

  /** `assertIdentical` on two equal but distinct objects fails. */
  test_assertIdenticalFails() {
    const error = failureOf(this, () => subject.assertIdentical<object>({}, {}));
    this.assertEqual(error.message, '{} is not {}');
  }

  /** `assertNotIdentical` tells `0` from `-0`, as `Object.is` does. */
  test_assertNotIdenticalZeros() {
    this.assertIdentical(subject.assertNotIdentical(0, -0), 0);
  }

  /** `assertNotIdentical` on the same value fails. */
  test_assertNotIdenticalFails() {
    const error = failureOf(this, () => subject.assertNotIdentical('a', 'a'));
    this.assertEqual(error.message, "'a' is 'a'");
  }
}

/** Tests for `assertIn`, `assertNotIn`, `assertSubstring` and `assertNotSubstring`. */
export class ContainmentTests extends SynchronousTestCase {
  /** `assertIn` finds substrings, elements, Set members, Map keys and own keys. */
  test_assertInContainers() {
    this.assertEqual(subject.assertIn('ell', 'hello'), 'ell');
    this.assertEqual(subject.assertIn(2, [1, 2]), 2);
    this.assertEqual(subject.assertIn('s', new Set(['s'])), 's');
    this.assertEqual(subject.assertIn('k', new Map([['k', 0]])), 'k');
    this.assertEqual(subject.assertIn('id', { id: 1 }), 'id');
  }

  /** `assertIn` compares elements deeply, as Python's `in` uses `==`. */
  test_assertInDeepElements() {
    this.assertEqual(subject.assertIn([1, 2], [[1, 2]]), [1, 2]);
  }

  /** `assertIn` fails naming both the containee and the container. */
  test_assertInFails() {
    const error = failureOf(this, () => subject.assertIn(3, [1, 2]));
    this.assertEqual(error.message, '3 not in [ 1, 2 ]');
  }

  /** `assertIn` does not count inherited keys as an object's keys. */
  test_assertInOwnKeysOnly() {
    const error = failureOf(this, () => subject.assertIn('toString', { id: 1 }));
    this.assertEqual(error.message, "'toString' not in { id: 1 }");
  }

  /** `assertIn` on something that holds nothing is a TypeError that says what to pass. */
  test_assertInNotAContainer() {
    const error = this.assertRaises(TypeError, () => subject.assertIn(1, 5));
    this.assertSubstring('assertIn() cannot look inside 5', error.message);
  }

  /** `assertIn` on a string with a non-string containee is a TypeError. */
  test_assertInStringNeedsString() {
    const error = this.assertRaises(TypeError, () => subject.assertIn(1, 'abc'));
    this.assertEqual(error.message, 'assertIn() searches a string, so the containee must be a string too; got 1.');
  }

  /** `assertNotIn` returns the containee when absent and fails when present. */
  test_assertNotIn() {
    this.assertEqual(subject.assertNotIn('x', new Map([['y', 1]])), 'x');
    const error = failureOf(this, () => subject.assertNotIn(2, new Set([1, 2])));
    this.assertEqual(error.message, '2 in Set(2) { 1, 2 }');
  }

  /** `assertSubstring` returns the substring and fails naming both strings. */
  test_assertSubstring() {
    this.assertEqual(subject.assertSubstring('200', 'HTTP/1.1 200 OK'), '200');
    const error = failureOf(this, () => subject.assertSubstring('404', 'HTTP/1.1 200 OK'));
    this.assertEqual(error.message, "'404' not in 'HTTP/1.1 200 OK'");
  }

  /** `assertSubstring` on a non-string is a TypeError. */
  test_assertSubstringNeedsStrings() {
    const error = this.assertRaises(TypeError, () => subject.assertSubstring('a', 5 as unknown as string));
    this.assertEqual(error.message, 'assertSubstring() compares strings; got 5.');
  }

  /** `assertNotSubstring` fails when the substring occurs. */
  test_assertNotSubstring() {
    this.assertEqual(subject.assertNotSubstring('secret', 'all clear'), 'secret');
    const error = failureOf(this, () => subject.assertNotSubstring('secret', 'the secret word'));
    this.assertEqual(error.message, "'secret' in 'the secret word'");
  }
}

class Animal {}
class Dog extends Animal {}

/** Tests for `assertIsInstance`, `assertApproximates` and `assertAlmostEqual`. */
export class TypeAndNumberTests extends SynchronousTestCase {
  /** `assertIsInstance` accepts subclasses and returns the value. */
  test_assertIsInstanceReturnsValue() {
    const dog = new Dog();
    this.assertIdentical(subject.assertIsInstance(dog, Animal), dog);
  }

  /** `assertIsInstance` fails naming the value and the class. */
  test_assertIsInstanceFails() {
    const error = failureOf(this, () => subject.assertIsInstance(new Animal(), Dog, 'pets'));
    this.assertEqual(error.message, 'pets\nAnimal {} is not an instance of Dog');
  }

  /** `assertApproximates` passes within the tolerance and returns `first`. */
  test_assertApproximatesPasses() {
    this.assertEqual(subject.assertApproximates(1.05, 1, 0.1), 1.05);
  }

  /** `assertApproximates` fails beyond the tolerance. */
  test_assertApproximatesFails() {
    const error = failureOf(this, () => subject.assertApproximates(1, 1.2, 0.1));
    this.assertEqual(error.message, '1 ~== 1.2 (they differ by more than the tolerance 0.1)');
  }

  /** `assertApproximates` never accepts `NaN`. */
  test_assertApproximatesNaN() {
    failureOf(this, () => subject.assertApproximates(NaN, 1, Infinity));
  }

  /** `assertAlmostEqual` rounds the difference to 7 places by default. */
  test_assertAlmostEqualDefaultPlaces() {
    this.assertEqual(subject.assertAlmostEqual(0.1 + 0.2, 0.3), 0.1 + 0.2);
    const error = failureOf(this, () => subject.assertAlmostEqual(1, 1.000001));
    this.assertEqual(error.message, '1 != 1.000001 within 7 places');
  }

  /** `assertAlmostEqual` takes the number of places. */
  test_assertAlmostEqualPlaces() {
    this.assertEqual(subject.assertAlmostEqual(1, 1.001, 2), 1);
    const error = failureOf(this, () => subject.assertAlmostEqual(1, 1.001, 3));
    this.assertEqual(error.message, '1 != 1.001 within 3 places');
  }

  /** `assertAlmostEqual` accepts equal infinities and rejects `NaN`. */
  test_assertAlmostEqualSpecialValues() {
    this.assertEqual(subject.assertAlmostEqual(Infinity, Infinity), Infinity);
    failureOf(this, () => subject.assertAlmostEqual(NaN, NaN));
  }
}

/** Tests for `assertRaises`. */
export class RaisesTests extends SynchronousTestCase {
  /** `assertRaises` calls the function with the arguments and returns the error. */
  test_assertRaisesReturnsError() {
    const thrown = new RangeError('bad port');
    const error = subject.assertRaises(
      RangeError,
      (port: number, host: string) => {
        this.assertEqual([port, host], [99999, 'here']);
        throw thrown;
      },
      99999,
      'here',
    );
    this.assertIdentical(error, thrown);
  }

  /** `assertRaises` accepts a subclass of the expected type. */
  test_assertRaisesSubclass() {
    const error = subject.assertRaises(Error, () => {
      throw new TypeError('t');
    });
    this.assertIsInstance(error, TypeError);
  }

  /** `assertRaises` fails with what the function returned when nothing is thrown. */
  test_assertRaisesNothingThrown() {
    const error = failureOf(this, () => subject.assertRaises(RangeError, () => 3));
    this.assertEqual(error.message, 'RangeError not raised (3 returned)');
  }

  /** `assertRaises` on an async function points at `assertRejects`. */
  test_assertRaisesAsyncFunction() {
    const error = failureOf(this, () => subject.assertRaises(RangeError, async () => 3));
    this.assertEqual(
      error.message,
      'RangeError not raised (Promise { 3 } returned). The function is asynchronous: ' +
        'use `await this.assertRejects(RangeError, fn())` instead.',
    );
  }

  /** `assertRaises` on the wrong type names both and shows the thrown stack. */
  test_assertRaisesWrongType() {
    const thrown = new TypeError('not a range');
    const error = failureOf(this, () =>
      subject.assertRaises(RangeError, () => {
        throw thrown;
      }),
    );
    this.assertTrue(error.message.startsWith('TypeError raised instead of RangeError:\nTypeError: not a range\n    at '));
  }

  /** `assertRaises` names a thrown non-Error by its kind. */
  test_assertRaisesThrownString() {
    const error = failureOf(this, () =>
      subject.assertRaises(RangeError, () => {
        throw 'oops';
      }),
    );
    this.assertEqual(error.message, "string raised instead of RangeError:\n'oops'");
  }
}

/** Tests for `assertRejects`. */
export class RejectsTests extends TestCase {
  /** `assertRejects` resolves with the rejection reason of a promise. */
  async test_assertRejectsReturnsError() {
    const thrown = new TypeError('t');
    this.assertIdentical(await subject.assertRejects(TypeError, Promise.reject(thrown)), thrown);
  }

  /** `assertRejects` fails when the promise resolves, naming the value. */
  async test_assertRejectsResolved() {
    const error = await this.assertRejects(AssertionError, subject.assertRejects(TypeError, Promise.resolve(5)));
    this.assertEqual(error.message, 'TypeError not rejected (resolved with 5)');
  }

  /** `assertRejects` fails on the wrong type, with its stack, and the user's message first. */
  async test_assertRejectsWrongType() {
    const reason = new RangeError('r');
    const error = await this.assertRejects(
      AssertionError,
      subject.assertRejects(TypeError, Promise.reject(reason), 'on close'),
    );
    this.assertTrue(error.message.startsWith('on close\nRangeError rejected instead of TypeError:\nRangeError: r\n'));
  }

  /** The failure's async stack reaches the awaiting test. */
  async test_assertRejectsStackReachesTest() {
    const error = await this.assertRejects(AssertionError, subject.assertRejects(TypeError, Promise.resolve(1)));
    this.assertSubstring('test_assertRejectsStackReachesTest', error.stack ?? '');
  }

  /** `assertRejects` on something that is no promise is a TypeError saying what to use. */
  async test_assertRejectsNotAPromise() {
    const error = await this.assertRejects(TypeError, subject.assertRejects(TypeError, 5 as never));
    this.assertEqual(
      error.message,
      'assertRejects() needs a promise or a Deferred, got 5. To check a synchronous throw, use `this.assertRaises(Type, fn)`.',
    );
  }
}

class MyWarning extends Error {
  override name = 'MyWarning';
}

/** Tests for `assertWarns`. */
export class WarnsTests extends SynchronousTestCase {
  /** `assertWarns` passes the arguments and returns the function's result. */
  test_assertWarnsReturnsResult() {
    const result = subject.assertWarns(
      'DeprecationWarning',
      'old api',
      (a: number, b: number) => {
        process.emitWarning('the old api is going away', 'DeprecationWarning');
        return a + b;
      },
      2,
      3,
    );
    this.assertEqual(result, 5);
  }

  /** A warning class matches warnings emitted as instances of it. */
  test_assertWarnsClassCategory() {
    subject.assertWarns(MyWarning, 'zz', () => process.emitWarning(new MyWarning('zz top')));
  }

  /** A type name in the options form matches. */
  test_assertWarnsOptionsType() {
    subject.assertWarns('ExperimentalWarning', 'shiny', () =>
      process.emitWarning('shiny feature', { type: 'ExperimentalWarning', code: 'X1' }),
    );
  }

  /** `process.emitWarning` is restored after the call. */
  test_assertWarnsRestoresEmitWarning() {
    const before = process.emitWarning;
    subject.assertWarns('Warning', 'w', () => process.emitWarning('w'));
    this.assertIdentical(process.emitWarning, before);
  }

  /** No warning at all fails saying so. */
  test_assertWarnsNone() {
    const error = failureOf(this, () => subject.assertWarns('DeprecationWarning', 'old', () => 1));
    this.assertEqual(error.message, "No warnings emitted; expected a DeprecationWarning containing 'old'.");
  }

  /** An async function gets a hint: only synchronous warnings are seen. */
  test_assertWarnsAsyncHint() {
    const error = failureOf(this, () => subject.assertWarns('DeprecationWarning', 'old', async () => 1));
    this.assertSubstring('The function returned a promise', error.message);
  }

  /** Other warnings fail, listed as Node prints them, and none is emitted for real. */
  test_assertWarnsWrongWarning() {
    const seen: unknown[] = [];
    this.patch(process, 'emitWarning', ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning);
    const error = failureOf(this, () => subject.assertWarns(MyWarning, 'old', () => process.emitWarning('new thing')));
    this.assertEqual(error.message, "Expected a MyWarning containing 'old', found instead:\n  Warning: new thing");
    this.assertEqual(seen, []);
  }

  /** Warnings that were not asserted are emitted again once the assertion passes. */
  test_assertWarnsReemitsOthers() {
    const seen: unknown[][] = [];
    this.patch(process, 'emitWarning', ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning);
    subject.assertWarns('DeprecationWarning', 'old', () => {
      process.emitWarning('old', 'DeprecationWarning');
      process.emitWarning('unrelated', 'Warning', 'CODE1');
    });
    this.assertEqual(seen, [['unrelated', 'Warning', 'CODE1']]);
  }

  /** When the function throws, its warnings are emitted again and the error propagates. */
  test_assertWarnsFunctionThrows() {
    const seen: unknown[][] = [];
    this.patch(process, 'emitWarning', ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning);
    this.assertRaises(RangeError, () =>
      subject.assertWarns('Warning', 'w', () => {
        process.emitWarning('w');
        throw new RangeError('x');
      }),
    );
    this.assertEqual(seen, [['w']]);
  }
}
