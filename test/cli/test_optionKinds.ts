/**
 * Tests for src/cli/optionKinds.ts: each kind parses command-line text and checks config
 * values the same way, and says what it expects.
 */
import { InvalidArgumentError } from 'commander';
import { SynchronousTestCase } from 'trial-ts';
import * as kinds from '../../src/cli/optionKinds';

export class OptionKindsTests extends SynchronousTestCase {
  /** A string list collects repeated values; the config takes an array of strings. */
  test_stringList(): void {
    const list = kinds.stringList('an array of names');
    this.assertEqual(list.parse!('b', list.parse!('a', undefined)), ['a', 'b']);
    this.assertEqual([list.check(['a']), list.check([]), list.check('a'), list.check([1])], [true, true, false, false]);
  }

  /** Integers: at least the minimum, whole, and a clear message otherwise. */
  test_integer(): void {
    const positive = kinds.integer(1, '--durations');
    const nonNegative = kinds.integer(0, 'retries');
    this.assertEqual([positive.parse!('3', undefined), nonNegative.parse!('0', undefined)], [3, 0]);
    for (const text of ['0', '-1', '1.5', 'x', '']) {
      const error = this.assertRaises(InvalidArgumentError, () => positive.parse!(text, undefined));
      this.assertEqual(error.message, '--durations must be a positive integer.');
    }
    this.assertEqual([nonNegative.check(0), nonNegative.check(2), nonNegative.check(-1), nonNegative.check(1.5)], [true, true, false, false]);
    this.assertEqual(nonNegative.expected, 'a non-negative integer');
  }

  /** Jobs: a positive integer or 'auto', on both sides. */
  test_jobs(): void {
    this.assertEqual([kinds.jobs.parse!('auto', undefined), kinds.jobs.parse!('4', undefined)], ['auto', 4]);
    this.assertEqual([kinds.jobs.check('auto'), kinds.jobs.check(2), kinds.jobs.check(0), kinds.jobs.check('4')], [true, true, false, false]);
  }

  /** A choice lists its words for commander and the docs, and checks config values. */
  test_choice(): void {
    this.assertEqual(kinds.poolKind.choices, ['threads', 'processes']);
    this.assertEqual(kinds.poolKind.expected, "'threads' or 'processes'");
    this.assertEqual([kinds.poolKind.check('processes'), kinds.poolKind.check('fibers')], [true, false]);
    this.assertEqual(kinds.testOrder.expected, "'alphabetical', 'toptobottom' or 'random'");
  }

  /** Seconds must be more than zero. */
  test_seconds(): void {
    this.assertEqual(kinds.seconds.parse!('2.5', undefined), 2.5);
    this.assertRaises(InvalidArgumentError, () => kinds.seconds.parse!('0', undefined));
    this.assertEqual([kinds.seconds.check(0.5), kinds.seconds.check(0), kinds.seconds.check('1')], [true, false, false]);
  }

  /** leaks takes only check and ignore, with rules of kind and createdIn. */
  test_leaks(): void {
    this.assertTrue(kinds.leaks.check({ check: false, ignore: [{ kind: 'timer', createdIn: 'src/x' }] }));
    this.assertFalse(kinds.leaks.check({ check: 'no' }));
    this.assertFalse(kinds.leaks.check({ ignore: [{ file: 'x' }] }));
    this.assertFalse(kinds.leaks.check({ other: 1 }));
  }

  /** Sidecars must each have a start function. */
  test_sidecars(): void {
    this.assertTrue(kinds.sidecars.check({ db: { start: async () => ({}) } }));
    this.assertFalse(kinds.sidecars.check({ db: {} }));
  }
}
