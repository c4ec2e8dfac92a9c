/**
 * Tests for src/unittest/contains.ts: membership as `assertIn` judges it.
 */
import { SynchronousTestCase } from 'trial-ts';
import { contains } from '../../src/unittest/contains';

/** Tests for `contains`. */
export class ContainsTests extends SynchronousTestCase {
  /** A string holds its substrings, including the empty one. */
  test_stringSubstrings() {
    this.assertEqual([contains('m', 'ell', 'hello'), contains('m', '', 'x'), contains('m', 'z', 'x')], [true, true, false]);
  }

  /** A Map holds its keys, by identity or by deep equality, and not its values. */
  test_mapKeys() {
    const map = new Map<unknown, string>([['k', 'v'], [{ id: 1 }, 'obj']]);
    this.assertEqual([contains('m', 'k', map), contains('m', { id: 1 }, map), contains('m', 'v', map)], [true, true, false]);
  }

  /** A Set holds its elements, compared deeply. */
  test_setElements() {
    this.assertEqual([contains('m', [1], new Set([[1]])), contains('m', 2, new Set([1]))], [true, false]);
  }

  /** An array holds `NaN` when it contains one. */
  test_arrayNaN() {
    this.assertTrue(contains('m', NaN, [NaN]));
  }

  /** Any other iterable is searched by iterating it. */
  test_iterable() {
    function* numbers() {
      yield 1;
      yield 2;
    }
    this.assertTrue(contains('m', 2, numbers()));
    this.assertTrue(contains('m', 3, new Uint8Array([3])));
  }

  /** An object holds its own string, number and symbol keys, not inherited ones. */
  test_objectOwnKeys() {
    const sym = Symbol('s');
    const object = { a: 1, 2: 'two', [sym]: true };
    this.assertEqual(
      [contains('m', 'a', object), contains('m', 2, object), contains('m', sym, object), contains('m', 'toString', object)],
      [true, true, true, false],
    );
  }

  /** An object never holds a non-key value such as another object. */
  test_objectNonKey() {
    this.assertFalse(contains('m', { a: 1 }, { a: 1 }));
  }

  /** A number, null or undefined holds nothing: a TypeError naming the method. */
  test_notAContainer() {
    for (const container of [5, null, undefined, true]) {
      const error = this.assertRaises(TypeError, () => contains('assertNotIn', 1, container));
      this.assertTrue(error.message.startsWith('assertNotIn() cannot look inside '), error.message);
    }
  }
}
