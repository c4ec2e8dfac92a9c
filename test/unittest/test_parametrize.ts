/**
 * Tests for src/unittest/parametrize.ts: the case table, its checks, both decorator forms,
 * and splitting a case's test name.
 */
import { SynchronousTestCase } from 'trial-ts';
import { caseArgsOf, caseNamesOf, parametrize, splitCaseName } from '../../src/unittest/parametrize';
import { expandCases } from '../../src/runner/collect';

export class ParametrizeTests extends SynchronousTestCase {
  /** Named cases keep their names and order; an array's cases are named by index. */
  test_caseNamesInOrder() {
    const named = function named() {};
    parametrize({ small: [1], negative: [-1] })(named, { kind: 'method', name: 'named' });
    this.assertEqual(caseNamesOf(named), ['small', 'negative']);
    const listed = function listed() {};
    parametrize([[1], [2], [3]])(listed, { kind: 'method', name: 'listed' });
    this.assertEqual(caseNamesOf(listed), ['0', '1', '2']);
    this.assertEqual(caseArgsOf(listed, '2'), [3]);
  }

  /** The legacy (prototype, name, descriptor) form marks the method itself. */
  test_legacyForm() {
    class Legacy {
      test_add() {}
    }
    parametrize({ one: [1, 2] })(Legacy.prototype, 'test_add', Object.getOwnPropertyDescriptor(Legacy.prototype, 'test_add'));
    this.assertEqual(caseNamesOf(Legacy.prototype.test_add), ['one']);
    this.assertEqual(caseArgsOf(Legacy.prototype.test_add, 'one'), [1, 2]);
  }

  /** An empty table, a case that is no array, and names that would break ids are TypeErrors. */
  test_badTablesThrow() {
    this.assertRaises(TypeError, () => parametrize({}));
    this.assertRaises(TypeError, () => parametrize([]));
    this.assertRaises(TypeError, () => parametrize({ one: 1 as unknown as unknown[] }));
    for (const bad of ['a[b', 'a]', 'x:y', 'two\nlines']) {
      const error = this.assertRaises(TypeError, () => parametrize({ [bad]: [] }));
      this.assertIn('delimit test ids', error.message);
    }
  }

  /** A test name splits into its method and case; a plain name has no case. */
  test_splitCaseName() {
    this.assertEqual(splitCaseName('test_add[small]'), { method: 'test_add', caseName: 'small' });
    this.assertEqual(splitCaseName('test_round[1.5]'), { method: 'test_round', caseName: '1.5' });
    this.assertEqual(splitCaseName('test_plain'), { method: 'test_plain' });
  }

  /** A plain test has no arguments; an unknown case is a TypeError naming it. */
  test_caseArgs() {
    this.assertEqual(caseArgsOf(() => undefined, undefined), []);
    const error = this.assertRaises(TypeError, () => caseArgsOf(() => undefined, 'nope'));
    this.assertIn('"nope"', error.message);
  }

  /** Collection expands a method into its cases; selecting the method keeps all, a case keeps one. */
  test_expandCases() {
    class Cases {
      test_a() {}
      test_b() {}
    }
    parametrize({ x: [], y: [] })(Cases.prototype, 'test_b', Object.getOwnPropertyDescriptor(Cases.prototype, 'test_b'));
    this.assertEqual(expandCases(Cases, ['test_a', 'test_b'], undefined), ['test_a', 'test_b[x]', 'test_b[y]']);
    this.assertEqual(expandCases(Cases, ['test_a', 'test_b'], ['test_b']), ['test_b[x]', 'test_b[y]']);
    this.assertEqual(expandCases(Cases, ['test_a', 'test_b'], ['test_b[y]']), ['test_b[y]']);
  }
}
