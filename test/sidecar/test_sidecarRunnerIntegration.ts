/**
 * End to end, what the runner adds to a test from its sidecars: the server log of the
 * worker's own database under a failure, and a crash of the server while the test ran.
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

export class SidecarCrashTests extends TestCase {
  override setUp() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
  }

  /** A test running while its sidecar's server crashes is an error naming the crash, even if it "passed". */
  async test_crashFailsTheRunningTest() {
    const result = await runCli(['--reporter', 'verbose'], { cwd: path.join(FIXTURES, 'sidecarCrash'), timeoutMs: 60_000 });
    this.assertEqual(result.code, 1, result.stderr);
    this.assertIn('test/test_backendDies.ts:BackendDiesTests.test_killsItsBackend ... [ERROR]', result.stdout);
    this.assertIn("SidecarCrashError: The sidecar 'db' crashed while this test ran", result.stdout);
    this.assertIn('was terminated by signal 9', result.stdout);
  }
}

export class DatabasePerTestTests extends TestCase {
  override setUp() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
  }

  /** With isolation 'database-per-test' each test gets its own clone, in-process and across two workers. */
  async test_eachTestGetsItsOwnDatabase() {
    const cwd = path.join(FIXTURES, 'sidecarPerTest');
    for (const args of [[], ['-j', '2']]) {
      const result = await runCli(['--reporter', 'verbose', ...args], { cwd, timeoutMs: 60_000 });
      this.assertEqual(result.code, 0, `${args.join(' ')}\n${result.stdout}${result.stderr}`);
      this.assertIn('tests: 4 passed, 0 failed, 0 skipped', result.stdout);
    }
  }
}
