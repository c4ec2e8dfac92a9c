/**
 * Tests for src/janitor/lateErrors.ts: errors raised before a handler is set are kept and
 * handed over in order; after that they go straight to it.
 */
import { SynchronousTestCase } from 'trial-ts';
import { LateErrors } from '../../src/janitor/lateErrors';

/** Tests of the late-error channel. */
export class LateErrorsTests extends SynchronousTestCase {
  /** Kept errors reach the handler when it is set, in order; later ones at once. */
  test_keptUntilHandlerSet() {
    const late = new LateErrors();
    late.deliver('a', 'first');
    late.deliver(null, 'second');
    const seen: Array<[string | null, unknown]> = [];
    late.onLateError((testId, error) => seen.push([testId, error]));
    this.assertEqual(seen, [['a', 'first'], [null, 'second']]);
    late.deliver('b', 'third');
    this.assertEqual(seen.length, 3);
    this.assertEqual(seen[2], ['b', 'third']);
  }
}
