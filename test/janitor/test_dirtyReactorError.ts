/** DirtyReactorAggregateError: name, code, message and leaks. */
import { SynchronousTestCase } from 'trial-ts';
import { DirtyReactorAggregateError, dirtyReactorError } from '../../src/janitor/dirtyReactorError';
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

  /** A leak made through a library names the user's line, then the library frame; many at one line read as one with a count. */
  test_messageNamesUserLineThenLibrary(): void {
    const error = dirtyReactorError([
      { resourceType: 'TCPWRAP', description: 'a client socket', hint: 'End it.', count: 3,
        createdAt: { file: 'test/test_db.ts', line: 17, column: 42 }, libraryFrame: { file: 'node_modules/pg/lib/connection.js', line: 45, column: 17 } },
    ]);
    this.assertSubstring('3 x a client socket, created at test/test_db.ts:17:42 (via node_modules/pg/lib/connection.js:45:17). End it.', error.message);
  }
}
