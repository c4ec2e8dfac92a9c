/**
 * End-to-end tests of the collection warnings: a `test*` arrow-function field and a
 * TestCase class left unexported are reported, not skipped in silence, over
 * fixtures/collectWarnings.
 */
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

const FOLDER = 'fixtures/collectWarnings';

export class CollectWarningsTests extends TestCase {
  /** The arrow field and the unexported class are warnings; the real tests still pass. */
  async test_arrowFieldAndUnexportedClassWarn() {
    const result = await runCli([`${FOLDER}/test_arrowMember.ts`]);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertIn('[WARNING]', result.stdout);
    this.assertIn('MixedTests.test_arrow is a field holding a function', result.stdout);
    this.assertIn('ForgottenTests extends a TestCase but is not exported', result.stdout);
    this.assertNotIn('Base extends', result.stdout);
    this.assertIn('PASSED (successes=2)', result.stdout);
  }

  /** Each warning is printed once, even when the file runs as several units. */
  async test_warningsOnceAcrossClasses() {
    const result = await runCli(['--reporter', 'verbose', `${FOLDER}/test_arrowMember.ts:MixedTests`, `${FOLDER}/test_arrowMember.ts:DerivedTests`]);
    this.assertEqual(result.stdout.split('ForgottenTests extends').length - 1, 1, result.stdout);
    this.assertEqual(result.stdout.split('test_arrow is a field').length - 1, 1, result.stdout);
  }

  /** A file that declares test classes but exports none is an error naming the class. */
  async test_nothingExportedIsError() {
    const result = await runCli([`${FOLDER}/test_nothingExported.ts`]);
    this.assertEqual(result.code, 1, result.stdout + result.stderr);
    this.assertIn('declares test classes but exports none', result.stdout);
    this.assertIn('HiddenTests extends a TestCase but is not exported', result.stdout);
  }
}
