/**
 * Tests for src/unittest/matchSnapshot.ts: keys, the mismatch diff, the CI rule, and the
 * error outside the runner.
 */
import { SynchronousTestCase, isAssertionError } from 'trial-ts';
import * as path from 'node:path';
import { matchSnapshot, type SnapshotContext } from '../../src/unittest/matchSnapshot';
import type { SnapshotMode } from '../../src/unittest/snapshotStore';

export class MatchSnapshotTests extends SynchronousTestCase {
  #context(mode: SnapshotMode): SnapshotContext {
    return { file: path.join(this.mktemp(), 'x.snap'), displayFile: 'x.snap', testName: 'T.test_x', mode, checked: [] };
  }

  /** Unnamed snapshots are numbered per test, named ones keep their name. */
  test_keys() {
    const context = this.#context('new');
    matchSnapshot(context, 'a', undefined, this.test_keys);
    matchSnapshot(context, 'b', 'label', this.test_keys);
    matchSnapshot(context, 'c', undefined, this.test_keys);
    this.assertEqual(context.checked, ['T.test_x 1', 'T.test_x: label', 'T.test_x 2']);
  }

  /** A different value is an AssertionError naming the key, with a + actual - expected diff. */
  test_mismatchHasDiff() {
    const context = this.#context('new');
    matchSnapshot(context, 'one\ntwo', undefined, this.test_mismatchHasDiff);
    context.checked.length = 0;
    const error = this.assertRaises(Error, () => matchSnapshot(context, 'one\nthree', undefined, this.test_mismatchHasDiff));
    this.assertTrue(isAssertionError(error));
    this.assertIn('snapshot "T.test_x 1" in x.snap does not match', error.message);
    this.assertIn('--update-snapshots', error.message);
    this.assertIn('+ actual - expected', (error as { diff?: string }).diff ?? '');
  }

  /** Under CI (mode none) a missing snapshot fails and says how to add it. */
  test_missingUnderCiFails() {
    const error = this.assertRaises(Error, () => matchSnapshot(this.#context('none'), 'v', undefined, this.test_missingUnderCiFails));
    this.assertTrue(isAssertionError(error));
    this.assertIn('is missing from x.snap, and CI is set', error.message);
  }

  /** Outside the runner there is no context: the error says to run under trial-ts. */
  test_outsideRunner() {
    const error = this.assertRaises(Error, () => matchSnapshot(undefined, 'v', undefined, this.test_outsideRunner));
    this.assertIn('needs the trial-ts runner', error.message);
    this.assertRaises(Error, () => matchSnapshot(this.#context('new'), 'v', 'two\nlines', this.test_outsideRunner));
  }
}
