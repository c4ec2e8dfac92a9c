/**
 * Tests for src/unittest/captureWarnings.ts: synchronous capture of warnings.
 */
import { SynchronousTestCase } from 'trial-ts';
import { captureWarnings, emitAgain, formatWarning, isOfCategory } from '../../src/unittest/captureWarnings';

class CustomWarning extends Error {
  override name = 'CustomWarning';
}

/** Tests for `captureWarnings` and its helpers. */
export class CaptureWarningsTests extends SynchronousTestCase {
  /** Each form of `process.emitWarning` is normalized to a name and a message. */
  test_normalizesForms() {
    const custom = new CustomWarning('c');
    const { result, warnings } = captureWarnings(() => {
      process.emitWarning('plain');
      process.emitWarning('typed', 'DeprecationWarning', 'DEP1');
      process.emitWarning('options', { type: 'ExperimentalWarning' });
      process.emitWarning(custom);
      return 'done';
    });
    this.assertEqual(result, 'done');
    this.assertEqual(
      warnings.map((w) => [w.name, w.message]),
      [['Warning', 'plain'], ['DeprecationWarning', 'typed'], ['ExperimentalWarning', 'options'], ['CustomWarning', 'c']],
    );
    this.assertIdentical(warnings[3]?.error, custom);
  }

  /** Nothing escapes to the real `process.emitWarning` during the capture. */
  test_swallowsDuringCapture() {
    const seen: unknown[] = [];
    this.patch(process, 'emitWarning', ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning);
    captureWarnings(() => process.emitWarning('quiet'));
    this.assertEqual(seen, []);
  }

  /** Captures nest: the inner one restores the outer recorder. */
  test_nests() {
    const outer = captureWarnings(() => {
      const inner = captureWarnings(() => process.emitWarning('inner'));
      process.emitWarning('outer');
      return inner.warnings.map(formatWarning);
    });
    this.assertEqual(outer.result, ['Warning: inner']);
    this.assertEqual(outer.warnings.map(formatWarning), ['Warning: outer']);
  }

  /** `emitAgain` passes the original arguments to the current `process.emitWarning`. */
  test_emitAgain() {
    const { warnings } = captureWarnings(() => process.emitWarning('w', 'DeprecationWarning', 'DEP9'));
    const seen: unknown[] = [];
    this.patch(process, 'emitWarning', ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning);
    emitAgain(warnings);
    this.assertEqual(seen, [['w', 'DeprecationWarning', 'DEP9']]);
  }

  /** A category matches by type name, or by class (instance or same name). */
  test_isOfCategory() {
    const { warnings } = captureWarnings(() => {
      process.emitWarning(new CustomWarning('a'));
      process.emitWarning('b', 'CustomWarning');
    });
    const [instance, named] = warnings;
    if (instance === undefined || named === undefined) this.fail('expected two warnings');
    this.assertEqual(
      [isOfCategory(instance, CustomWarning), isOfCategory(named, CustomWarning), isOfCategory(named, 'CustomWarning'), isOfCategory(named, 'Warning')],
      [true, true, true, false],
    );
  }
}
