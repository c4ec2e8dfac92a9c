/**
 * End to end in a real terminal (tmux): start `--watch` on a project, edit a source file
 * and see only its test file re-run on a cleared screen, break it and see the failure,
 * press `f` to re-run only the failed test, filter with `p`, press `q`, and check that no
 * process of the run and no temp-directory lock is left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { descendantPids } from '../../src/cli/processGuardian';
import { ROOT } from '../support/runCli';
import { toolMissing } from '../reporters/externalTools';
import { hasTmux, TmuxTerminal } from '../support/tmux';
import { isAlive, makeWatchProject, saveByRename, waitForOutput } from '../support/watchProject';

const BIN = path.join(ROOT, 'bin', 'trial-ts.js');

export class WatchTerminalTests extends TestCase {
  #project = '';
  #terminal: TmuxTerminal | undefined;

  override setUp(): void {
    if (!hasTmux()) toolMissing(this, 'tmux is not installed (Debian: tmux)');
    this.#project = makeWatchProject(this.mktemp());
    this.#terminal = new TmuxTerminal(this.#project, [process.execPath, BIN, '--watch', '--reporter', 'verbose']);
    this.addCleanup(() => this.#terminal?.close());
  }

  /** The screen once `pattern` shows on it. */
  #screenWith(pattern: RegExp): Promise<string> {
    return waitForOutput(() => this.#terminal!.screen(), pattern);
  }

  /** Edit, break, f, p, q: each run on a cleared screen shows only what it ran; quitting leaves nothing. */
  async test_editBreakFailedQuit(): Promise<void> {
    const terminal = this.#terminal!;
    let screen = await this.#screenWith(/Waiting for file changes[\s\S]*Keys: a run all/);
    this.assertIn('Ran 5 tests', screen);

    saveByRename(path.join(this.#project, 'src', 'greeting.ts'), (text) => text.replace('Hello', 'Hello'));
    screen = await this.#screenWith(/Changed: src\/greeting\.ts[\s\S]*Waiting for file changes/);
    this.assertIn('Ran 2 tests', screen);
    this.assertNotIn('MathTests', screen); // the screen was cleared: the first run is gone
    this.assertNotIn('Ran 5 tests', screen);

    // Only the empty name breaks: one test fails, the other passes.
    saveByRename(path.join(this.#project, 'src', 'greeting.ts'), (text) => text.replace('return `Hello, ${name}!`;', "return name === '' ? 'Hello, nobody!' : `Hello, ${name}!`;"));
    screen = await this.#screenWith(/FAILED \(failures=1, successes=1\)[\s\S]*Waiting for file changes/);
    this.assertIn('test_greetEmpty', screen);

    terminal.send('f');
    screen = await this.#screenWith(/Ran 1 tests[\s\S]*FAILED \(failures=1\)[\s\S]*Waiting for file changes/);
    this.assertNotIn('test_greet ', screen);

    terminal.send('p');
    await this.#screenWith(/File name pattern/);
    terminal.send('-l', 'math');
    terminal.send('Enter');
    screen = await this.#screenWith(/MathTests[\s\S]*Waiting for file changes… \(files matching \/math\/\)/);
    this.assertIn('Ran 1 tests', screen);

    const pid = terminal.pid;
    const descendants = descendantPids(pid);
    terminal.send('q');
    await waitForOutput(() => String(terminal.exitStatus() ?? ''), /\d/);
    this.assertEqual(terminal.exitStatus(), 0);
    // Gone, not only exited: the pane's shell and the runner's children are reaped in a moment.
    const left = () => [pid, ...descendants].filter(isAlive);
    await waitForOutput(() => String(left().length), /^0$/, 5000).catch(() => undefined);
    this.assertEqual(left(), []);
    this.assertFalse(fs.existsSync(path.join(this.#project, '_trial_temp.lock')));
  }
}
