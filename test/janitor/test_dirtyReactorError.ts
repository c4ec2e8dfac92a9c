/** DirtyReactorAggregateError and its serialized form. */
import { SynchronousTestCase } from 'trial-ts';
import { DirtyReactorAggregateError, dirtyReactorError, serializeLeaks } from '../../src/janitor/dirtyReactorError';
import type { LeakReport } from '../../src/runner/events';

const LEAKS: LeakReport[] = [
  { resourceType: 'Immediate', description: 'a pending setImmediate', hint: 'Await it.' },
  { resourceType: 'Timeout', description: 'a 30 s timer', hint: 'Clear it.', createdAt: { file: 'test/test_x.ts', line: 9, column: 5 } },
];

export class DirtyReactorErrorTests extends SynchronousTestCase {
  /** Name, code, message and leaks, as Trial names them. */
  test_errorCarriesLeaks(): void {
    const error = dirtyReactorError(LEAKS);
    this.assertTrue(error instanceof DirtyReactorAggregateError);
    this.assertEqual(error.name, 'DirtyReactorAggregateError');
    this.assertEqual(error.code, 'TRIAL_DIRTY_REACTOR');
    this.assertIdentical(error.leaks, LEAKS);
    this.assertEqual(error.message.split('\n')[0], 'Reactor was unclean.');
    this.assertSubstring('a 30 s timer, created at test/test_x.ts:9:5. Clear it.', error.message);
  }

  /** The serialized form points at the first located leak and copies the leaks. */
  test_serializeLeaks(): void {
    const serialized = serializeLeaks(LEAKS);
    this.assertEqual(serialized.name, 'DirtyReactorAggregateError');
    this.assertEqual(serialized.code, 'TRIAL_DIRTY_REACTOR');
    this.assertEqual(serialized.location, { file: 'test/test_x.ts', line: 9, column: 5 });
    this.assertEqual(serialized.leaks, LEAKS);
    this.assertNotIdentical(serialized.leaks![1], LEAKS[1]);
    this.assertEqual(JSON.parse(JSON.stringify(serialized)), serialized);
  }
}
