/**
 * End to end: when a test fails, what the sidecar server logged for that worker's own
 * database during the test is shown with its failure.
 */
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';
import { postgresMissing } from './sidecarTestSupport';

export class ServerLogTests extends TestCase {
  override setUp() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
  }

  /** The ERROR and STATEMENT lines of the test's database appear under its failure. */
  async test_failedTestShowsItsServerLog() {
    const result = await runCli(['--reporter', 'verbose'], { cwd: path.join(FIXTURES, 'sidecarServerLog'), timeoutMs: 60_000 });
    this.assertEqual(result.code, 1, result.stderr);
    this.assertIn("--- sidecar log of this test's database ---", result.stdout);
    this.assertIn('ERROR:  relation "no_such_table_here" does not exist', result.stdout);
    this.assertIn('STATEMENT:  SELECT * FROM no_such_table_here', result.stdout);
  }
}
