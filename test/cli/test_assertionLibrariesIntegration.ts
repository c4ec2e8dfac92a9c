/**
 * End-to-end: errors from Jest's `expect` package and from chai are failures ([FAIL]),
 * like trial-ts's own assertions, over fixtures/assertionLibraries; other errors stay errors.
 */
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

const FILE = 'fixtures/assertionLibraries/test_libraries.ts';

export class AssertionLibrariesTests extends TestCase {
  /** Every library's assertion is a FAIL; a TypeError is an ERROR. */
  async test_libraryAssertionsAreFailures() {
    const result = await runCli(['--reporter', 'verbose', FILE]);
    this.assertEqual(result.code, 1, result.stderr);
    const outcomes = Object.fromEntries(
      result.stdout.split('\n').flatMap((line) => {
        const match = /^\S+:(\w+\.\w+) \.\.\. \[([A-Z]+)\]$/.exec(line);
        return match === null ? [] : [[match[1], match[2]]];
      }),
    );
    this.assertEqual(outcomes, {
      'ChaiTests.test_chaiAssertFails': 'FAIL',
      'ChaiTests.test_chaiExpectFails': 'FAIL',
      'ChaiTests.test_chaiPasses': 'OK',
      'ChaiTests.test_plainErrorIsError': 'ERROR',
      'ExpectTests.test_expectFails': 'FAIL',
      'ExpectTests.test_expectPasses': 'OK',
      'ExpectTests.test_expectRejectsFails': 'FAIL',
    });
    this.assertIn('FAILED (failures=4, errors=1, successes=2)', result.stdout);
    this.assertIn('- Expected  - 1', result.stdout);
  }
}
