/**
 * Tests for src/reporters/palette.ts: the plain palette leaves text alone; the chalk one
 * wraps it in ANSI codes whatever the environment says (the CLI decides about colour).
 */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { PLAIN_PALETTE, loadChalkPalette } from '../../src/reporters/palette';

export class PlainPaletteTests extends SynchronousTestCase {
  /** Every colour function of the plain palette returns its input. */
  test_plainIsIdentity() {
    for (const colour of Object.values(PLAIN_PALETTE)) this.assertEqual(colour('[OK]'), '[OK]');
  }
}

export class ChalkPaletteTests extends TestCase {
  /** green and red wrap the text in their ANSI codes and reset after it. */
  async test_chalkWrapsInAnsi() {
    const palette = await loadChalkPalette();
    this.assertEqual(palette.green('[OK]'), '\u001b[32m[OK]\u001b[39m');
    this.assertEqual(palette.red('[FAIL]'), '\u001b[31m[FAIL]\u001b[39m');
    this.assertEqual(palette.bold('x'), '\u001b[1mx\u001b[22m');
  }
}
