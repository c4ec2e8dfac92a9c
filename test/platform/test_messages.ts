/**
 * Tests for src/platform/messages.ts: each says what is wrong with a folder and what was done.
 */
import { SynchronousTestCase } from 'trial-ts';
import { messages } from '../../src/platform/messages';

/** Tests for the platform message table. */
export class PlatformMessagesTests extends SynchronousTestCase {
  /** Modes print as four octal digits, the file type bits left out. */
  test_modeInOctal() {
    this.assertEqual(messages.writableByOthers(0o40777), 'it is writable by group or others (mode 0777)');
    this.assertEqual(messages.writableByOthers(0o41777), 'it is writable by group or others (mode 1777)');
  }

  /** The fallback note names the folder passed over, why, and the folder used instead. */
  test_fallbackNamesBothFolders() {
    const text = messages.fallback('/dev/shm/trial-ts-1000', messages.foreignOwner(1001), '/home/me/.cache/trial-ts');
    this.assertEqual(
      text,
      '[trial-ts] not using /dev/shm/trial-ts-1000: it belongs to uid 1001, not to this user; another user may have made it. ' +
        'Using the private folder /home/me/.cache/trial-ts instead (the shared folder is used again once it is gone: its owner or an administrator can remove it).',
    );
  }
}
