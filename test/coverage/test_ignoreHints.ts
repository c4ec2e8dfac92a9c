/** ignoredLines: the lines c8, v8 and node:coverage hints leave out of coverage. */
import { SynchronousTestCase } from 'trial-ts';
import { ignoredLines } from '../../src/coverage/ignoreHints';

const lines = (...text: string[]): number[] => [...ignoredLines(text.join('\n'))].sort((a, b) => a - b);

export class IgnoreHintsTests extends SynchronousTestCase {
  /** `ignore next` on its own line leaves out that line and the next one. */
  test_nextOnItsOwnLine(): void {
    this.assertEqual(lines('a();', '/* c8 ignore next */', 'b();', 'c();'), [2, 3]);
    this.assertEqual(lines('  /* v8 ignore next */', 'b();', 'c();'), [1, 2]);
    this.assertEqual(lines('/* node:coverage ignore next */', 'b();', 'c();'), [1, 2]);
  }

  /** `ignore next N` leaves out the next N lines. */
  test_nextWithCount(): void {
    this.assertEqual(lines('/* c8 ignore next 3 */', 'if (x) {', '  y();', '}', 'z();'), [1, 2, 3, 4]);
  }

  /** After code on the same line, `ignore next` leaves out that line only. */
  test_nextAfterCodeIsThatLine(): void {
    this.assertEqual(lines('a(); /* c8 ignore next */', 'b();'), [1]);
  }

  /** `start` … `stop` (and node:coverage `disable` … `enable`) leave out both lines and all between. */
  test_startStopRegions(): void {
    this.assertEqual(lines('a();', '/* c8 ignore start */', 'b();', 'c();', '/* c8 ignore stop */', 'd();'), [2, 3, 4, 5]);
    this.assertEqual(lines('/* v8 ignore start */', 'b();', '/* v8 ignore stop */', 'd();'), [1, 2, 3]);
    this.assertEqual(lines('/* node:coverage disable */', 'b();', '/* node:coverage enable */', 'd();'), [1, 2, 3]);
  }

  /** Text that only looks like a hint, and istanbul's node hints, leave nothing out. */
  test_otherCommentsLeaveNothingOut(): void {
    this.assertEqual(lines('// c8 ignore next', 'a();', '/* istanbul ignore next */', 'b();', "const s = 'ignore';"), []);
  }
}
