/**
 * End to end: a temp directory or durations file the machine will not let the run write
 * is an environment error: one paragraph on stderr naming the path, the cause and the
 * option that moves it, exit 3, no stack and no "internal error". `/sys` refuses new
 * files even to root, so the check works as root too (as CI runs).
 */
import * as fs from 'node:fs';
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

export class EnvironmentErrorsTests extends TestCase {
  /** An unwritable temp directory: exit 3 and the paragraph, before any test runs. */
  async test_unwritableTempDirectory(): Promise<void> {
    if (!fs.existsSync('/sys/kernel')) this.skipTest('needs Linux /sys, where nothing may create files');
    const result = await runCli(['--temp-directory', '/sys/trial-ts-temp', 'fixtures/passing']);
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    this.assertEqual(result.stdout, '');
    this.assertSubstring('trial-ts: Could not prepare the temp directory: /sys/trial-ts-temp', result.stderr);
    this.assertSubstring('choose another place with --temp-directory DIR.', result.stderr);
    this.assertNotIn('internal error', result.stderr);
    this.assertNotIn('    at ', result.stderr);
  }

  /** An unwritable durations file: the tests run and report, then exit 3 with the paragraph. */
  async test_unwritableDurationsFile(): Promise<void> {
    if (!fs.existsSync('/sys/kernel')) this.skipTest('needs Linux /sys, where nothing may create files');
    const result = await runCli(['--temp-directory', this.mktemp(), '--durations-file', '/sys/trial-ts/durations.json', 'fixtures/passing']);
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    this.assertIn('tests: 3 passed, 0 failed, 0 skipped', result.stdout);
    this.assertSubstring('trial-ts: Could not write the durations file: /sys/trial-ts', result.stderr);
    this.assertSubstring('--durations-file PATH', result.stderr);
    this.assertNotIn('internal error', result.stderr);
  }
}
