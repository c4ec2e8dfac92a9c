/**
 * Tests for src/unittest/messages.ts: the assertion texts, one test per family.
 */
import { SynchronousTestCase } from 'trial-ts';
import { ASSERTION_MESSAGES as M } from '../../src/unittest/messages';

/** Tests for the assertion message table. */
export class AssertionMessagesTests extends SynchronousTestCase {
  /** Comparison texts follow Trial's `%r op %r` shapes. */
  test_comparisons() {
    this.assertEqual(
      [M.equal('1', '1'), M.notIdentical('a', 'b'), M.identical('a', 'a'), M.notIn('1', '[]'), M.isIn('1', '[1]')],
      ['1 == 1', 'a is not b', 'a is a', '1 not in []', '1 in [1]'],
    );
  }

  /** Number texts name the tolerance or the places. */
  test_numbers() {
    this.assertEqual(M.notAlmostEqual('1', '2', '7'), '1 != 2 within 7 places');
    this.assertEqual(M.notApproximate('1', '2', '0.5'), '1 ~== 2 (they differ by more than the tolerance 0.5)');
  }

  /** Deferred texts are Trial's, word for word. */
  test_deferredTexts() {
    this.assertEqual(M.successButNoResult('<D>'), 'Success result expected on <D>, found no result instead');
    this.assertEqual(M.failureButSuccess('<D>', '3'), 'Failure result expected on <D>, found success result (3) instead');
    this.assertEqual(M.unexpectedResult('<D>', '3'), 'No result expected on <D>, found 3 instead');
    this.assertEqual(M.assertFailureOfWrongType('A', 'tb'), '\nExpected: A\nGot:\ntb');
  }

  /** Misuse texts state the remedy. */
  test_remedies() {
    this.assertSubstring('await', M.notADeferred('successResultOf', 'Promise {}'));
    this.assertSubstring('assertRaises', M.notAPromise('assertRejects', '5'));
    this.assertSubstring('assertRejects', M.notRaisedButPromise('E', 'Promise {}'));
  }

  /** The user's message goes first, on its own line; an empty one is dropped. */
  test_withUserMessage() {
    this.assertEqual([M.withUserMessage('why', 'what'), M.withUserMessage(undefined, 'what'), M.withUserMessage('', 'what')], ['why\nwhat', 'what', 'what']);
  }
}
