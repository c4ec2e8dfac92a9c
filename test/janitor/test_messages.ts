/** The janitor's word tables: every row family has a name and a hint, and unknown types fall back. */
import { SynchronousTestCase } from 'trial-ts';
import {
  CLOSE_HINTS,
  FALLBACK_CLOSE_HINT,
  FALLBACK_RESOURCE_NAME,
  RESOURCE_NAMES,
  closeHint,
  formatDelay,
  formatDirtyReactorMessage,
  formatLeakLine,
  resourceName,
} from '../../src/janitor/messages';
import { TRACKED_TYPES } from '../../src/janitor/liveness';

export class MessagesTests extends SynchronousTestCase {
  /** Every tracked resource type has a name and a hint of its own. */
  test_tablesCoverEveryTrackedType(): void {
    const missing = [...TRACKED_TYPES].filter((type) => RESOURCE_NAMES[type] === undefined || CLOSE_HINTS[type] === undefined);
    this.assertEqual(missing, []);
  }

  /** An unknown type gets the fallback name and hint. */
  test_unknownTypeFallsBack(): void {
    this.assertIdentical(resourceName('SIGNALWRAP'), FALLBACK_RESOURCE_NAME);
    this.assertEqual(closeHint('SIGNALWRAP'), FALLBACK_CLOSE_HINT);
  }

  /** A variant hint is preferred; an unknown variant falls back to the type's hint. */
  test_closeHintPrefersVariant(): void {
    this.assertSubstring('clearInterval', closeHint('Timeout', 'interval'));
    this.assertSubstring('clearTimeout', closeHint('Timeout', 'nonsense'));
    this.assertSubstring('closeAllConnections', closeHint('TCPWRAP', 'accepted'));
  }

  /** Every hint names code to call (a backquoted snippet). */
  test_everyHintNamesCode(): void {
    const vague = Object.entries(CLOSE_HINTS).filter(([, hint]) => !/`[^`]+`/.test(hint)).map(([type]) => type);
    this.assertEqual(vague, []);
  }

  /** Children and workers that may be ending by themselves: the hint says to wait for their "exit" first. */
  test_processAndWorkerHintsSayWaitForExit(): void {
    this.assertSubstring('once(child, "exit")', closeHint('PROCESSWRAP'));
    this.assertSubstring('once(worker, "exit")', closeHint('WORKER'));
  }

  /** Delays read as people say them. */
  test_formatDelay(): void {
    this.assertEqual([0, 250, 1000, 1500, 30_000].map(formatDelay), ['0 ms', '250 ms', '1 s', '1.5 s', '30 s']);
  }

  /** A leak line: description, creation site, hint; an unknown site says so. */
  test_formatLeakLine(): void {
    const leak = { resourceType: 'Timeout', description: 'a 30 s timer', hint: 'Clear it.' };
    this.assertEqual(
      formatLeakLine({ ...leak, createdAt: { file: 'test/test_x.ts', line: 9, column: 5 } }),
      'a 30 s timer, created at test/test_x.ts:9:5. Clear it.',
    );
    this.assertSubstring('created at an unknown place', formatLeakLine(leak));
  }

  /** The message starts with Trial's headline, then one bulleted line per leak. */
  test_dirtyReactorMessage(): void {
    const leaks = [
      { resourceType: 'Timeout', description: 'a 1 s timer', hint: 'A.' },
      { resourceType: 'TCPWRAP', description: 'a client socket', hint: 'B.' },
    ];
    this.assertEqual(formatDirtyReactorMessage(leaks).split('\n'), [
      'Reactor was unclean.',
      '  - a 1 s timer, created at an unknown place (no frame of your code was on the stack). A.',
      '  - a client socket, created at an unknown place (no frame of your code was on the stack). B.',
    ]);
  }
}
