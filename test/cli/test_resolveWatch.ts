/**
 * Tests for src/cli/resolveWatch.ts: the watch and --changed settings, the screen cleared
 * only in a terminal without --no-clear, and the flags watch mode refuses.
 */
import { SynchronousTestCase } from 'trial-ts';
import { resolveWatch } from '../../src/cli/resolveWatch';
import { UsageError } from '../../src/cli/usageError';

export class ResolveWatchTests extends SynchronousTestCase {
  /** Neither flag: only the config file is passed on. */
  test_off(): void {
    this.assertEqual(resolveWatch({}, '/p/trial-ts.config.ts', true), { configFile: '/p/trial-ts.config.ts' });
  }

  /** --watch clears the screen in a terminal, not in a pipe nor with --no-clear. */
  test_clear(): void {
    this.assertEqual(resolveWatch({ watch: true }, undefined, true).watch, { clear: true });
    this.assertEqual(resolveWatch({ watch: true }, undefined, false).watch, { clear: false });
    this.assertEqual(resolveWatch({ watch: true, clear: false }, undefined, true).watch, { clear: false });
  }

  /** --changed alone means the default; --changed REF keeps the REF. */
  test_changed(): void {
    this.assertEqual(resolveWatch({ changed: true }, undefined, false).changed, {});
    this.assertEqual(resolveWatch({ changed: 'main' }, undefined, false).changed, { ref: 'main' });
  }

  /** Flags watch mode cannot honour are usage errors naming the flag. */
  test_conflicts(): void {
    for (const [overrides, flag] of [
      [{ shard: { index: 1, total: 2 } }, '--shard'],
      [{ untilFailure: true }, '--until-failure'],
      [{ changed: true }, '--changed'],
      [{ coverage: true }, '--coverage'],
    ] as const) {
      const error = this.assertRaises(UsageError, resolveWatch, ({ watch: true, ...overrides }), undefined, true);
      this.assertIn(`--watch cannot be combined with ${flag}`, error.message);
    }
    this.assertRaises(UsageError, resolveWatch, ({ changed: true, lastFailed: true }), undefined, true);
  }
}
