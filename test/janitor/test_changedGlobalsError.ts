/** ChangedGlobalsError: name, code, and a message naming what changed and how to undo it. */
import { SynchronousTestCase } from 'trial-ts';
import { CHANGED_GLOBALS_CODE, ChangedGlobalsError } from '../../src/janitor/changedGlobalsError';

export class ChangedGlobalsErrorTests extends SynchronousTestCase {
  /** The message names every changed global and the remedy. */
  test_messageNamesWhatChanged(): void {
    const error = new ChangedGlobalsError(['setTimeout', 'Date']);
    this.assertEqual(error.name, 'ChangedGlobalsError');
    this.assertEqual(error.code, CHANGED_GLOBALS_CODE);
    this.assertEqual(error.changed, ['setTimeout', 'Date']);
    this.assertSubstring('changed setTimeout, Date and did not put them back', error.message);
    this.assertSubstring('clock.uninstall()', error.message);
  }
}
