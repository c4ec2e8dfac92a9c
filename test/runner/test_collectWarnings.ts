/**
 * Tests for src/runner/collectWarnings.ts: which members and classes are reported, and
 * which unit reports them.
 */
import { SynchronousTestCase } from 'trial-ts';
import { collectWarnings, exportsNoTestClass, warningsForUnit } from '../../src/runner/collectWarnings';

// An expression, not a top-level declaration, so this file does not warn about itself.
const ExportedTests = class ExportedTests extends SynchronousTestCase {
  test_real(): void {}
};

const SOURCE = [
  'export class ExportedTests extends SynchronousTestCase {',
  '  test_real() {}',
  '  test_arrow = () => {};',
  '  test_async = async () => {};',
  '  test_value = 3;',
  '}',
  'class LostTests extends trial.TestCase {',
  '  test_lost() {}',
  '}',
  'class Helper extends SynchronousTestCase {',
  '  helper() {}',
  '}',
  'abstract class AbstractTests extends SynchronousTestCase {',
  '  test_shared() {}',
  '}',
  'function make() {',
  '  class LocalTests extends SynchronousTestCase { test_local() {} }',
  '}',
].join('\n');

export class CollectWarningsTests extends SynchronousTestCase {
  /** Function-valued `test*` fields of exported classes are reported; other fields are not. */
  test_arrowFieldsReported(): void {
    const messages = collectWarnings({ ExportedTests }, SOURCE).map((w) => w.message);
    this.assertTrue(messages.some((m) => m.startsWith('ExportedTests.test_arrow is a field')), messages.join('\n'));
    this.assertTrue(messages.some((m) => m.startsWith('ExportedTests.test_async is a field')), messages.join('\n'));
    this.assertFalse(messages.some((m) => m.includes('test_value')), messages.join('\n'));
  }

  /** Only a top-level, non-abstract, unexported test class with tests is reported. */
  test_unexportedClassReported(): void {
    const unexported = collectWarnings({ ExportedTests }, SOURCE).filter((w) => w.className === undefined).map((w) => w.message);
    this.assertEqual(unexported.length, 1, unexported.join('\n'));
    this.assertIn('LostTests extends a TestCase but is not exported', unexported[0]);
  }

  /** A unit of one class reports its own warnings; the file's go with the first exported class. */
  test_warningsForUnit(): void {
    const warnings = collectWarnings({ ExportedTests }, SOURCE);
    this.assertEqual(warningsForUnit(warnings, { ExportedTests }, undefined).length, 3);
    this.assertEqual(warningsForUnit(warnings, { ExportedTests }, 'ExportedTests').length, 3);
    this.assertEqual(warningsForUnit(warnings, { ExportedTests }, 'OtherTests'), []);
  }

  /** A module without test-class exports is recognised. */
  test_exportsNoTestClass(): void {
    this.assertTrue(exportsNoTestClass({ value: 1 }));
    this.assertFalse(exportsNoTestClass({ ExportedTests }));
  }
}
