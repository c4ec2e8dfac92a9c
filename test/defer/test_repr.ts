/**
 * Tests for packages/runtime/src/defer/repr.ts: one-line value descriptions.
 */
import { SynchronousTestCase } from 'trial-ts';
import { describeValue as describe } from '@trial-ts/runtime/internal';

/** Tests for `describe`. */
export class DescribeTests extends SynchronousTestCase {
  /** Primitives read as in source code. */
  test_primitives() {
    this.assertEqual(
      [describe('a'), describe(1), describe(undefined), describe(null), describe(2n), describe(true)],
      ['"a"', '1', 'undefined', 'null', '2n', 'true'],
    );
  }

  /** Errors read `Name: message`; plain data as JSON; class instances by class name. */
  test_objects() {
    this.assertEqual(describe(new RangeError('r')), 'RangeError: r');
    this.assertEqual(describe({ a: [1, 2] }), '{"a":[1,2]}');
    this.assertEqual(describe(new Map()), '<Map>');
    this.assertEqual(describe(function named() {}), '[Function named]');
  }

  /** Cycles do not throw, and long text is cut. */
  test_cycleAndLength() {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    this.assertEqual(describe(cyclic), '<Object>');
    const long = describe('x'.repeat(1000));
    this.assertEqual(long.length, 200);
    this.assertTrue(long.endsWith('...'));
  }
}
