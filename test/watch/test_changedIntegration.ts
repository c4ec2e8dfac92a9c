/**
 * End to end: `--changed` in a git repository — without a recorded graph it runs all
 * (with a note); after a run recorded it, only the tests a changed file affects run, and
 * none when nothing is affected (exit 0); an unknown REF is a usage error (exit 2).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';
import { makeWatchProject } from '../support/watchProject';

export class ChangedRunTests extends TestCase {
  #project = '';

  #git(...args: string[]): void {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: this.#project, stdio: 'ignore' });
  }

  #changed(...args: string[]) {
    return runCli(['--reporter', 'verbose', ...args], { cwd: this.#project });
  }

  override setUp(): void {
    this.#project = makeWatchProject(this.mktemp());
    fs.writeFileSync(path.join(this.#project, '.gitignore'), 'node_modules/\n_trial_temp*\n');
    this.#git('init', '-q');
    this.#git('add', '.');
    this.#git('commit', '-qm', 'start');
  }

  /** No graph yet: everything runs, and the note says why. */
  async test_noGraphRunsAll(): Promise<void> {
    fs.appendFileSync(path.join(this.#project, 'src', 'greeting.ts'), '\n');
    const result = await this.#changed('--changed');
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertEqual(Object.keys(outcomesOf(result.stdout)).length, 5);
    this.assertIn('no module graph recorded yet', result.stderr);
  }

  /** After a recording run: a changed module runs the test files importing it (transitively); nothing affected is exit 0. */
  async test_affectedOnly(): Promise<void> {
    const recording = await this.#changed();
    this.assertEqual(recording.code, 0, recording.stdout + recording.stderr);
    fs.appendFileSync(path.join(this.#project, 'src', 'math.ts'), '\n');
    const math = await this.#changed('--changed');
    this.assertEqual(math.code, 0, math.stdout + math.stderr);
    this.assertEqual(Object.keys(outcomesOf(math.stdout)).sort(), ['test/test_math.ts:MathTests.test_add', 'test/test_total.ts:TotalTests.test_total']);
    this.#git('commit', '-qam', 'math');
    fs.writeFileSync(path.join(this.#project, 'NOTES.md'), 'notes\n');
    const none = await this.#changed('--changed');
    this.assertEqual(none.code, 0, none.stdout + none.stderr);
    this.assertIn('no test is affected by the files changed in the working tree', none.stderr);
    this.assertEqual(Object.keys(outcomesOf(none.stdout)), []);
  }

  /** A REF git does not know is a usage error: exit 2, one paragraph. */
  async test_unknownRef(): Promise<void> {
    const result = await this.#changed('--changed=no-such-branch');
    this.assertEqual(result.code, 2);
    this.assertIn('git does not know that revision', result.stderr);
    this.assertNotIn('    at ', result.stderr);
  }
}
