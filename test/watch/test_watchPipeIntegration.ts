/**
 * End to end, without a terminal (as in CI or an editor's task runner): `--watch` runs
 * the selection, then on each save re-runs only the test files it affects — through a
 * transitive import, an ES module, a new test file — restarts on a config change, and
 * leaves no process or lock behind when SIGINT ends it (exit 130).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { descendantPids } from '../../src/cli/processGuardian';
import { cliEnv, ROOT } from '../support/runCli';
import { isAlive, makeWatchProject, saveByRename, waitForOutput } from '../support/watchProject';

const BIN = path.join(ROOT, 'bin', 'trial-ts.js');
const WAITING = 'Waiting for file changes';

export class WatchPipeTests extends TestCase {
  #project = '';
  #child: ChildProcess | undefined;
  #stdout = '';

  override setUp(): void {
    this.#project = makeWatchProject(this.mktemp());
    this.#stdout = '';
    const child = spawn(process.execPath, [BIN, '--watch', '--reporter', 'verbose'], { cwd: this.#project, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.#stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.#stdout += chunk));
    this.#child = child;
    this.addCleanup(() => this.#stop());
  }

  /** End the CLI (and a process it restarted into, which it passes SIGTERM on to); wait until its pipes close. */
  async #stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || (child.exitCode !== null && child.stdout!.closed)) return;
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await closed;
    clearTimeout(timer);
  }

  /** Wait for the `count`-th "Waiting for file changes"; returns the output between it and the one before. */
  async #run(count: number): Promise<string> {
    const text = await waitForOutput(() => this.#stdout, new RegExp(`(?:[\\s\\S]*?${WAITING}){${count}}`));
    return text.split(WAITING)[count - 1];
  }

  /** A save re-runs exactly the test files importing the saved file, directly or not; ES modules too; new test files run. */
  async test_rerunsAffectedOnly(): Promise<void> {
    const first = await this.#run(1);
    this.assertIn('Ran 5 tests', first);
    this.assertIn('Re-runs the affected tests on every change', this.#stdout);

    saveByRename(path.join(this.#project, 'src', 'greeting.ts'), (text) => text.replace('Hello', 'Hello'));
    const greeting = await this.#run(2);
    this.assertIn('Changed: src/greeting.ts', greeting);
    this.assertIn('Ran 2 tests', greeting);
    this.assertNotIn('MathTests', greeting.slice(greeting.indexOf('Changed:')));

    fs.writeFileSync(path.join(this.#project, 'src', 'math.ts'), fs.readFileSync(path.join(this.#project, 'src', 'math.ts'), 'utf8') + '\n');
    const math = await this.#run(3);
    this.assertIn('MathTests', math);
    this.assertIn('TotalTests', math); // through src/total.ts
    this.assertIn('Ran 2 tests', math);

    fs.appendFileSync(path.join(this.#project, 'src', 'shout.mts'), '\n');
    const shout = await this.#run(4);
    this.assertIn('ShoutTests', shout);
    this.assertIn('Ran 1 tests', shout);

    fs.writeFileSync(path.join(this.#project, 'test', 'test_new.ts'), "import { SynchronousTestCase } from 'trial-ts';\nexport class NewTests extends SynchronousTestCase {\n  test_new() {}\n}\n");
    const created = await this.#run(5);
    this.assertIn('NewTests', created);
    this.assertIn('Ran 1 tests', created);
  }

  /** A broken source fails its tests; the config changing restarts and runs everything again. */
  async test_failureAndConfigRestart(): Promise<void> {
    await this.#run(1);
    saveByRename(path.join(this.#project, 'src', 'greeting.ts'), (text) => text.replace('Hello', 'Bye'));
    const broken = await this.#run(2);
    this.assertIn('FAILED (failures=2)', broken);
    fs.appendFileSync(path.join(this.#project, 'trial-ts.config.ts'), '\n');
    const restarted = await this.#run(3);
    this.assertIn('trial-ts.config.ts changed', restarted);
    this.assertIn('Ran 5 tests', restarted);
  }

  /** SIGINT ends watch mode with 130; no process of it and no temp lock is left. */
  async test_sigintLeavesNothing(): Promise<void> {
    await this.#run(1);
    const child = this.#child!;
    const pid = child.pid!;
    const descendants = descendantPids(pid);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    this.assertEqual(await exited, 130);
    this.assertEqual([pid, ...descendants].filter(isAlive), []);
    this.assertFalse(fs.existsSync(path.join(this.#project, '_trial_temp.lock')));
  }
}
