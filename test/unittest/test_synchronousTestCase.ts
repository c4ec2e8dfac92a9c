/**
 * Tests for src/unittest/synchronousTestCase.ts, on instances built directly: the
 * internals the runner reads, cleanup registration order, `patch` and its restore,
 * `mktemp`, `flushLoggedErrors`, `skipTest` and `flushWarnings`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { Failure } from '@trial-ts/runtime';
import { isSkipTest, SkipTest } from '../../src/unittest/errors';
import {
  SynchronousTestCase as SourceTestCase,
  TEST_CASE_BRAND,
  TEST_INTERNALS,
  type TestInternals,
} from '../../src/unittest/synchronousTestCase';
import { TestCase as SourceAsyncTestCase } from '../../src/unittest/testCase';

class Sample extends SourceTestCase {
  test_x(): void {}
}

function internalsOf(test: SourceTestCase): TestInternals {
  return test[TEST_INTERNALS]();
}

/** Run the registered cleanups the way the runner does: last in, first out. */
function runCleanups(test: SourceTestCase): void {
  const cleanups = internalsOf(test).cleanups;
  for (const cleanup of [...cleanups].reverse()) cleanup.fn(...(cleanup.args as never[]));
}

class ParseError extends Error {
  override name = 'ParseError';
}

export class InternalsTests extends SynchronousTestCase {
  /** A fresh instance has empty state, the method name as id, and the default temp dir. */
  test_freshInternals(): void {
    const test = new Sample('test_x');
    this.assertEqual(internalsOf(test), {
      id: 'test_x',
      methodName: 'test_x',
      tempDir: path.resolve('_trial_temp'),
      cleanups: [],
      loggedErrors: [],
      warnings: [],
      synchronous: true,
    });
    this.assertEqual(test.id(), 'test_x');
  }

  /** id() reports what the runner put in the internals. */
  test_idFromInternals(): void {
    const test = new Sample('test_x');
    internalsOf(test).id = 'test/test_a.ts:Sample.test_x';
    this.assertEqual(test.id(), 'test/test_a.ts:Sample.test_x');
  }

  /** TestCase instances are marked asynchronous. */
  test_testCaseIsAsynchronous(): void {
    class AsyncSample extends SourceAsyncTestCase {}
    this.assertFalse(internalsOf(new AsyncSample('test_y')).synchronous);
  }

  /** Each instance has its own state. */
  test_instancesIndependent(): void {
    const a = new Sample('test_x');
    const b = new Sample('test_x');
    a.addCleanup(() => undefined);
    this.assertEqual(internalsOf(b).cleanups.length, 0);
  }

  /** The class carries the shared brand, and the default setUp and tearDown return nothing. */
  test_brandAndDefaults(): void {
    this.assertTrue((Sample as unknown as Record<symbol, unknown>)[TEST_CASE_BRAND] === true);
    this.assertIdentical(TEST_CASE_BRAND, Symbol.for('trial-ts.testCase'));
    this.assertIdentical(TEST_INTERNALS, Symbol.for('trial-ts.testInternals'));
    const test = new Sample('test_x');
    this.assertIdentical(test.setUp(), undefined);
    this.assertIdentical(test.tearDown(), undefined);
  }
}

export class AddCleanupTests extends SynchronousTestCase {
  /** Cleanups are recorded in registration order with their arguments. */
  test_cleanupsRecordedInOrder(): void {
    const test = new Sample('test_x');
    const first = (a: number, b: string): void => void [a, b];
    const second = (): void => undefined;
    test.addCleanup(first, 1, 'two');
    test.addCleanup(second);
    this.assertEqual(internalsOf(test).cleanups, [
      { fn: first, args: [1, 'two'] },
      { fn: second, args: [] },
    ]);
  }
}

export class PatchTests extends SynchronousTestCase {
  /** patch replaces the value and its cleanup restores the original. */
  test_patchAndRestore(): void {
    const target = { greeting: 'hello' };
    const test = new Sample('test_x');
    test.patch(target, 'greeting', 'patched');
    this.assertEqual(target.greeting, 'patched');
    this.assertEqual(internalsOf(test).cleanups.length, 1);
    runCleanups(test);
    this.assertEqual(target.greeting, 'hello');
  }

  /** A property that was absent is deleted again, not set to undefined. */
  test_patchAbsentProperty(): void {
    const target: { extra?: number } = {};
    const test = new Sample('test_x');
    test.patch(target, 'extra', 5);
    this.assertEqual(target.extra, 5);
    runCleanups(test);
    this.assertFalse('extra' in target);
  }

  /** The original descriptor (a getter, non-enumerable) comes back exactly. */
  test_patchRestoresDescriptor(): void {
    const target = {} as { value: number };
    const descriptor: PropertyDescriptor = { get: () => 1, enumerable: false, configurable: true };
    Object.defineProperty(target, 'value', descriptor);
    const test = new Sample('test_x');
    test.patch(target, 'value', 2);
    this.assertEqual(target.value, 2);
    runCleanups(test);
    const restored = Object.getOwnPropertyDescriptor(target, 'value');
    this.assertIdentical(restored?.get, descriptor.get);
    this.assertFalse(restored?.enumerable);
  }

  /** An early restore() puts the original back, and the later cleanup does not undo newer changes. */
  test_earlyRestore(): void {
    const target = { n: 1 };
    const test = new Sample('test_x');
    const handle = test.patch(target, 'n', 2);
    handle.restore();
    this.assertEqual(target.n, 1);
    target.n = 3;
    runCleanups(test);
    this.assertEqual(target.n, 3);
  }

  /** Two patches of one property unwind in reverse order to the first original. */
  test_stackedPatches(): void {
    const target = { n: 1 };
    const test = new Sample('test_x');
    test.patch(target, 'n', 2);
    test.patch(target, 'n', 3);
    this.assertEqual(target.n, 3);
    runCleanups(test);
    this.assertEqual(target.n, 1);
  }
}

export class MktempTests extends SynchronousTestCase {
  /** Paths are unique, absolute, under the temp dir in a folder named after the id; the parent exists, the path does not. */
  test_mktempUniqueUnderTempDir(): void {
    const root = this.mktemp();
    const test = new Sample('test_x');
    Object.assign(internalsOf(test), { tempDir: root, id: 'test/test_a.ts:Sample.test_x' });
    const paths = [test.mktemp(), test.mktemp(), test.mktemp()];
    this.assertEqual(new Set(paths).size, 3);
    for (const file of paths) {
      this.assertTrue(path.isAbsolute(file));
      this.assertEqual(path.dirname(file), path.join(root, 'test_test_a.ts_Sample.test_x'));
      this.assertTrue(fs.statSync(path.dirname(file)).isDirectory());
      this.assertFalse(fs.existsSync(file));
    }
  }

  /** A very long id is cut to a safe folder name. */
  test_mktempLongId(): void {
    const root = this.mktemp();
    const test = new Sample('test_x');
    Object.assign(internalsOf(test), { tempDir: root, id: 'x'.repeat(500) + '/../:*?' });
    const folder = path.basename(path.dirname(test.mktemp()));
    this.assertTrue(folder.length <= 120, String(folder.length));
    this.assertTrue(/^[A-Za-z0-9_.-]+$/.test(folder), folder);
    this.assertNotEqual(folder, '..');
  }
}

export class FlushLoggedErrorsTests extends SynchronousTestCase {
  #test = new Sample('test_x');
  #type = new TypeError('type');
  #parse = new ParseError('parse');
  #range = new RangeError('range');

  override setUp(): void {
    internalsOf(this.#test).loggedErrors = [this.#type, new Failure(this.#parse), this.#range];
  }

  /** Flushing by class takes matching errors (subclasses too) as Failures and keeps the rest. */
  test_flushByClass(): void {
    const flushed = this.#test.flushLoggedErrors(TypeError);
    this.assertEqual(flushed.map((f) => f.value), [this.#type]);
    this.assertTrue(flushed[0] instanceof Failure);
    this.assertEqual(internalsOf(this.#test).loggedErrors.length, 2);
    this.assertEqual(this.#test.flushLoggedErrors(Error).map((f) => f.value), [this.#parse, this.#range]);
    this.assertEqual(internalsOf(this.#test).loggedErrors, []);
  }

  /** Flushing by name matches the error's name, including errors logged as Failures. */
  test_flushByName(): void {
    this.assertEqual(this.#test.flushLoggedErrors('ParseError', 'RangeError').map((f) => f.value), [this.#parse, this.#range]);
    this.assertEqual(internalsOf(this.#test).loggedErrors, [this.#type]);
  }

  /** Flushing with no types takes everything. */
  test_flushAll(): void {
    this.assertEqual(this.#test.flushLoggedErrors().length, 3);
    this.assertEqual(this.#test.flushLoggedErrors(), []);
  }

  /** A type nothing matches flushes nothing. */
  test_flushNoMatch(): void {
    this.assertEqual(this.#test.flushLoggedErrors(SyntaxError, 'Nope'), []);
    this.assertEqual(internalsOf(this.#test).loggedErrors.length, 3);
  }

  /** A class from another copy of the library (same name) flushes, as a todo's types match by name. */
  test_flushByClassFromOtherCopy(): void {
    const OtherParseError = (() => {
      class ParseError extends Error {}
      return ParseError;
    })();
    this.assertEqual(this.#test.flushLoggedErrors(OtherParseError).map((f) => f.value), [this.#parse]);
  }
}

export class SkipAndWarningsTests extends SynchronousTestCase {
  /** skipTest throws a SkipTest with the reason. */
  test_skipTestThrows(): void {
    const error = this.assertRaises(SkipTest, () => new Sample('test_x').skipTest('not on CI'));
    this.assertEqual(error.reason, 'not on CI');
    this.assertTrue(isSkipTest(error));
  }

  /** flushWarnings returns the captured warnings oldest first and empties the list. */
  test_flushWarnings(): void {
    const test = new Sample('test_x');
    const warnings = [
      { name: 'DeprecationWarning', message: 'old' },
      { name: 'Warning', message: 'new' },
    ];
    internalsOf(test).warnings.push(...warnings);
    this.assertEqual(test.flushWarnings(), warnings);
    this.assertEqual(test.flushWarnings(), []);
    this.assertEqual(internalsOf(test).warnings, []);
  }
}
