/**
 * End to end: an error of the runner's own work is a bug of trial-ts (exit 3, "This is a
 * bug in trial-ts" with its stack), never a test's. fixtures/runnerErrors has a sidecar
 * whose callback throws, or whose promise rejects unhandled, in the runner's main thread
 * while its one test (which passes) runs: in-process, with workers (no test runs in the
 * main thread), and with workers after --shard listed the tests in the main thread (the
 * janitor's listeners are installed there then).
 */
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';

const CWD = path.join(FIXTURES, 'runnerErrors');

/** Tests of runner errors through the CLI. */
export class RunnerErrorsIntegrationTests extends TestCase {
  /** Run the fixture with `args`, the sidecar failing the `kind` way; check the run ends as a bug, the test passed and nothing is charged to it. */
  async #assertRunnerBug(args: string[], kind: 'throw' | 'reject'): Promise<void> {
    const result = await runCli(['--reporter', 'verbose', ...args], { cwd: CWD, env: { RUNNER_ERROR: kind } });
    const message = kind === 'throw' ? 'Error: the sidecar broke' : 'Error: the sidecar rejected';
    const stderr = result.stderr.split('\n');
    const bug = stderr.indexOf(`trial-ts: internal error: ${message}`);
    this.assertEqual(
      [result.code, result.stdout.trimEnd().split('\n').pop(), bug >= 0, stderr[bug + 1]?.startsWith('    at ')],
      [3, 'tests: 1 passed, 0 failed, 0 skipped', true, true],
      result.stdout + result.stderr,
    );
    this.assertIn('This is a bug in trial-ts; please report it.', stderr);
    this.assertIn('test/test_usesBuggySidecar.ts:UsesBuggySidecarTests.test_passes ... [OK]', result.stdout);
    this.assertNotIn('<not in test>', result.stdout);
  }

  /** In-process: the test runs in the main thread beside the sidecar, and is not charged. */
  async test_inProcess(): Promise<void> {
    await this.#assertRunnerBug(['--in-process'], 'throw');
    await this.#assertRunnerBug(['--in-process'], 'reject');
  }

  /** With workers, the main thread runs no test: its stray error is the runner's, not Node's crash (which exits 1, the code of a failed test). */
  async test_workers(): Promise<void> {
    await this.#assertRunnerBug(['-j', '2'], 'throw');
    await this.#assertRunnerBug(['-j', '2'], 'reject');
  }

  /** --shard lists the tests in the main thread (the janitor's listeners are there), then runs them in workers. */
  async test_afterListingForShard(): Promise<void> {
    await this.#assertRunnerBug(['--shard', '1/1', '-j', '2'], 'throw');
    await this.#assertRunnerBug(['--shard', '1/1', '-j', '2'], 'reject');
  }
}
