/**
 * Tests for src/runner/loader/messages.ts: the unreadable-tsconfig message names the
 * file and the reason, and says how to check the file.
 */
import { SynchronousTestCase } from 'trial-ts';
import { messages } from '../../../src/runner/loader/messages';

export class LoaderMessagesTests extends SynchronousTestCase {
  /** The message names the file, then the reason, then the remedy. */
  test_tsconfigUnreadable(): void {
    const text = messages.tsconfigUnreadable('/p/tsconfig.json', messages.tsconfigSyntax('line 2, column 3: oops'));
    this.assertTrue(text.startsWith('Cannot read /p/tsconfig.json: it is not valid JSON with comments (line 2, column 3: oops). '), text);
    this.assertSubstring('npx tsc -p', text);
    this.assertEqual(text.split('\n').length, 1);
  }
}
