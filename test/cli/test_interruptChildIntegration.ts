/**
 * End to end over fixtures/interruptChild (a test starts `sleep 30`, with a cleanup to
 * kill it, and never ends): Ctrl-C once (the grace period runs out), Ctrl-C twice, and
 * SIGKILL of the runner, in the default worker, in-process and in a process pool. Each
 * time the child is gone afterwards, checked by its pid; an interrupted run says
 * INTERRUPTED and reports the test that was cut off.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

const SUITE = path.join(FIXTURES, 'interruptChild');

/** Alive and not a zombie (a killed child waits as one until init reaps it), as `ps` sees it. */
function running(pid: number): boolean {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

/** Poll until none of `pids` runs, for up to `ms`; returns those still running. */
async function survivors(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = pids.filter(running);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Run the suite and send `signals` to the runner `delayMs` after the test's child started. */
async function interruptedRun(base: string, args: string[], signals: NodeJS.Signals[], delayMs = 100): Promise<InterruptedRun> {
  const pidDir = path.join(base, 'pids');
  const tmpDir = path.join(base, 'tmp');
  fs.mkdirSync(pidDir, { recursive: true });
  fs.mkdirSync(tmpDir);
  const result = await runCli([...args, '--temp-directory', path.join(base, 'trial'), '--reporter', 'verbose', SUITE], {
    env: { PID_DIR: pidDir, TMPDIR: tmpDir },
    timeoutMs: 30_000,
    // The trigger is the child's pid file: a process pool captures the test's stdout.
    onSpawn: (child: ChildProcess) => {
      const poll = setInterval(() => {
        if (fs.readdirSync(pidDir).length === 0) return;
        clearInterval(poll);
        signals.forEach((signal, index) => setTimeout(() => child.kill(signal), delayMs + index * 300));
      }, 50);
      child.once('exit', () => clearInterval(poll));
    },
  });
  return { result, children: fs.readdirSync(pidDir).map(Number), tmpDir };
}

/** An interrupted run, the pids of the children its test started, and its TMPDIR. */
interface InterruptedRun {
  result: CliResult;
  children: number[];
  tmpDir: string;
}

/** The guardian's record folders left in `tmpDir` after waiting up to `ms` for them to go. */
async function guardianFolders(tmpDir: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = fs.readdirSync(tmpDir).filter((name) => name.startsWith('trial-ts-guardian.'));
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class InterruptChildChecks extends TestCase {
  /** Exit 130, INTERRUPTED, the cut-off test an error saying so, the child gone, and the guardian's folder removed. */
  protected async assertInterruptedCleanly(run: InterruptedRun): Promise<void> {
    const { result, children } = run;
    this.assertEqual(result.code, 130, result.stdout + result.stderr);
    this.assertEqual(children.length, 1, 'the test started its child');
    this.assertIn('INTERRUPTED (errors=1)', result.stdout);
    this.assertSubstring('test_spawnsSleep ... ', result.stdout);
    this.assertSubstring('The run was interrupted (SIGINT) while this test ran', result.stdout);
    this.assertNotIn('test_zNeverRuns', result.stdout);
    this.assertEqual(await survivors(children, 2000), []);
    this.assertEqual(await guardianFolders(run.tmpDir, 0), []);
  }

  /** SIGKILL of the runner: the guardian kills the child within a few seconds, and removes its folder. */
  protected async assertKilledRunnerLeavesNothing(run: InterruptedRun): Promise<void> {
    this.assertEqual(run.result.signal, 'SIGKILL', run.result.stdout + run.result.stderr);
    this.assertEqual(run.children.length, 1, 'the test started its child');
    this.assertEqual(await survivors(run.children, 5000), []);
    this.assertEqual(await guardianFolders(run.tmpDir, 2000), []);
  }
}

export class DefaultWorkerInterruptTests extends InterruptChildChecks {
  /** One Ctrl-C: after the grace period the run ends, and the test's child is killed. */
  async test_sigintOnceKillsChild(): Promise<void> {
    await this.assertInterruptedCleanly(await interruptedRun(this.mktemp(), [], ['SIGINT']));
  }

  /** Two Ctrl-Cs: the run ends at once, and the test's child is killed. */
  async test_sigintTwiceKillsChild(): Promise<void> {
    await this.assertInterruptedCleanly(await interruptedRun(this.mktemp(), [], ['SIGINT', 'SIGINT']));
  }

  /** With a counted plan (`--shard 1/1` lists the tests first), the summary says how many tests never ran. */
  async test_plannedRunCountsTestsNotRun(): Promise<void> {
    const run = await interruptedRun(this.mktemp(), ['--shard', '1/1'], ['SIGINT', 'SIGINT']);
    await this.assertInterruptedCleanly(run);
    this.assertIn('Interrupted: the run was stopped before every test had run: 1 test never ran.', run.result.stdout);
  }

  /** SIGKILL of the runner (after the guardian's first look): the child does not survive it. */
  async test_sigkillOfRunnerKillsChild(): Promise<void> {
    await this.assertKilledRunnerLeavesNothing(await interruptedRun(this.mktemp(), [], ['SIGKILL'], 1200));
  }
}

export class InProcessInterruptTests extends InterruptChildChecks {
  /** --in-process, two Ctrl-Cs: the same. */
  async test_sigintTwiceKillsChild(): Promise<void> {
    await this.assertInterruptedCleanly(await interruptedRun(this.mktemp(), ['--in-process'], ['SIGINT', 'SIGINT']));
  }

  /** --in-process, SIGKILL of the runner: the same. */
  async test_sigkillOfRunnerKillsChild(): Promise<void> {
    await this.assertKilledRunnerLeavesNothing(await interruptedRun(this.mktemp(), ['--in-process'], ['SIGKILL'], 1200));
  }
}

export class ProcessPoolInterruptTests extends InterruptChildChecks {
  /** -j 2 --pool processes, one Ctrl-C: the grandchild (the worker's child) is killed too. */
  async test_sigintOnceKillsGrandchild(): Promise<void> {
    await this.assertInterruptedCleanly(await interruptedRun(this.mktemp(), ['-j', '2', '--pool', 'processes'], ['SIGINT']));
  }

  /** -j 2 --pool processes, SIGKILL of the runner: the grandchild does not survive it. */
  async test_sigkillOfRunnerKillsGrandchild(): Promise<void> {
    await this.assertKilledRunnerLeavesNothing(await interruptedRun(this.mktemp(), ['-j', '2', '--pool', 'processes'], ['SIGKILL'], 1200));
  }
}
