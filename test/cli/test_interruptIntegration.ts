/**
 * End to end: Ctrl-C and SIGTERM, and --unclean-warnings. The first signal stops handing out work, lets running
 * tests finish within a short grace, prints the summary of what ran and exits 130; a
 * second one ends the run at once; no worker process outlives the runner.
 */
import * as fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { TestCase } from 'trial-ts';
import { runCli, type CliResult } from '../support/runCli';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** When each interrupted run's trigger appeared, by pid (so times leave out start-up). */
const triggeredAt = new Map<number, number>();

/** Run the CLI and send it `signals` once `trigger` appears in its stdout. */
function interrupted(args: string[], trigger: string, signals: NodeJS.Signals[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, {
    env,
    timeoutMs: 30_000,
    onSpawn: (child: ChildProcess) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer | string) => {
        if (seen.includes(trigger)) return;
        seen += String(chunk);
        if (!seen.includes(trigger)) return;
        triggeredAt.set(child.pid!, Date.now());
        signals.forEach((signal, index) => setTimeout(() => child.kill(signal), 100 + index * 300));
      });
    },
  });
}

export class InterruptTests extends TestCase {
  /** SIGINT under -j 2 with processes: exit 130, the summary of what ran, and every worker gone. */
  async test_sigintStopsWorkersAndSummarizes() {
    const pids = this.mktemp();
    fs.mkdirSync(pids);
    const result = await interrupted(['-j', '2', '--pool', 'processes', '--reporter', 'verbose', 'fixtures/interrupt'], '[OK]', ['SIGINT'], { PID_DIR: pids });
    this.assertEqual(result.code, 130, result.stdout + result.stderr);
    this.assertIn('interrupted', result.stderr);
    const ran = Number(/tests: (\d+) passed/.exec(result.stdout)?.[1]);
    this.assertTrue(ran > 0 && ran < 10, `ran ${ran} of 10 tests`);
    const workers = fs.readdirSync(pids).map(Number);
    this.assertTrue(workers.length > 0);
    this.assertEqual(workers.filter(alive), []);
  }

  /** SIGTERM in-process: the same orderly end. */
  async test_sigtermInProcess() {
    const result = await interrupted(['--reporter', 'verbose', 'fixtures/interrupt'], '[OK]', ['SIGTERM']);
    this.assertEqual(result.code, 130);
    this.assertIn('tests: ', result.stdout);
  }

  /** A test that never ends does not hold the run: a second SIGINT ends it at once. */
  async test_secondSigintEndsAtOnce() {
    const result = await interrupted(['fixtures/interruptHang'], 'hanging now', ['SIGINT', 'SIGINT']);
    this.assertEqual(result.code, 130);
    // From the test's first output, so the start-up of a loaded machine does not count.
    const took = Date.now() - triggeredAt.get(result.pid)!;
    this.assertTrue(took < 2500, `took ${took} ms after the test started`);
  }

  /** With one SIGINT, a test that never ends is abandoned after the grace period. */
  async test_graceEndsAHungRun() {
    const started = Date.now();
    const result = await interrupted(['fixtures/interruptHang'], 'hanging now', ['SIGINT']);
    this.assertEqual(result.code, 130);
    this.assertTrue(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  }
}

export class UncleanWarningsTests extends TestCase {
  /** --unclean-warnings: the leak is a warning naming the line, and the test keeps its real outcome. */
  async test_leakBecomesWarning() {
    const result = await runCli(['--unclean-warnings', '--reporter', 'verbose', 'fixtures/leakingTimer']);
    this.assertEqual(result.code, 0, result.stdout);
    this.assertIn('fixtures/leakingTimer/test_leakingTimer.ts:LeakingTimerTests.test_leaksTimer ... [OK]', result.stdout);
    this.assertIn('[WARNING]\nReactor was unclean: a 30 s timer (created at fixtures/leakingTimer/test_leakingTimer.ts:6:5).', result.stdout);
  }
}
