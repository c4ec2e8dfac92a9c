/**
 * Tests for src/cli/optionTable.ts: the rows are consistent — flags unique, each default
 * passes its own config check, each row in a section — and the config validation and
 * the commander program are made from exactly these rows.
 */
import { SynchronousTestCase } from 'trial-ts';
import { validateConfig } from '../../src/cli/config';
import { buildProgram } from '../../src/cli/options';
import { OPTIONS, optionRows } from '../../src/cli/optionTable';
import { UsageError } from '../../src/cli/usageError';

export class OptionTableTests extends SynchronousTestCase {
  /** No two rows share a short or a long flag. */
  test_flagsUnique(): void {
    const words = optionRows().flatMap(([, spec]) => (spec.flags ?? '').split(/[ ,]+/).filter((word) => word.startsWith('-')));
    this.assertEqual(words.filter((word, index) => words.indexOf(word) !== index), []);
  }

  /** A default that the config could also set passes the config's own check. */
  test_defaultsPassTheirCheck(): void {
    for (const [name, spec] of optionRows()) {
      if (spec.config !== undefined && spec.default !== undefined) this.assertTrue(spec.config.check(spec.default), name);
    }
  }

  /** Every row is set somewhere: by a flag, a config key or both. */
  test_everyRowSettable(): void {
    this.assertEqual(optionRows().filter(([, spec]) => spec.flags === undefined && spec.config === undefined).map(([name]) => name), []);
  }

  /** The config accepts exactly the rows with a config key, and names them when a key is unknown. */
  test_configKeysAreTheRows(): void {
    const keys = optionRows().filter(([, spec]) => spec.config !== undefined).map(([name]) => name);
    const error = this.assertRaises(UsageError, validateConfig, { nope: 1 }, 'c.ts');
    this.assertSubstring(`Known keys: ${keys.join(', ')}.`, error.message);
    this.assertTrue(keys.includes('timeout') && keys.includes('leaks') && !keys.includes('debug'));
  }

  /** The commander program has one option per row with a flag, and no other (but --version). */
  test_programHasTheRows(): void {
    const flags = buildProgram('0.0.0').options.map((option) => option.flags).filter((flags) => flags !== '--version');
    this.assertEqual(flags, optionRows().flatMap(([, spec]) => (spec.flags === undefined ? [] : [spec.flags])));
  }

  /** The rename that used to drift is one name now: -e, --rterrors sets realtimeErrors. */
  test_oneNamePerSetting(): void {
    this.assertEqual(OPTIONS.realtimeErrors.flags, '-e, --rterrors');
    this.assertEqual(OPTIONS.exitFirst.flags, '-x, --exitfirst');
  }
}
