/**
 * End to end: the default run (no `-j`, `-j 1`, or `-j auto` choosing one worker) is as
 * safe as the pools. A test that calls `process.exit`, spins forever or runs out of
 * memory costs its own result and the run goes on to its summary; `--in-process` still
 * stops `process.exit`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent } from '../../src/runner/events';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

interface SafeRun {
  result: CliResult;
  outcomes: Record<string, string>;
  messages: Record<string, string>;
  workers: number | undefined;
}

/** Run the CLI over files of a fixture suite with the JSON events in a file of its own. */
async function runSuite(base: string, suite: string, files: string[], args: string[], env: Record<string, string> = {}): Promise<SafeRun> {
  fs.mkdirSync(base, { recursive: true });
  const eventsFile = path.join(base, 'events.jsonl');
  const result = await runCli(
    [...args, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'durations.json'), '--reporter', `json:${eventsFile}`, '--reporter', 'text',
      ...files.map((file) => path.join(FIXTURES, suite, file))],
    { env, timeoutMs: 60_000 },
  );
  const events = fs.existsSync(eventsFile)
    ? fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunnerEvent)
    : [];
  const outcomes: Record<string, string> = {};
  const messages: Record<string, string> = {};
  for (const event of events.filter((e): e is TestEndEvent => e.type === 'test:end')) {
    const id = event.test.id.slice(`fixtures/${suite}/`.length);
    outcomes[id] = event.outcome;
    messages[id] = event.errors.map((error) => `${error.name}: ${error.message}`).join('\n');
  }
  const start = events.find((e) => e.type === 'run:start');
  return { result, outcomes, messages, workers: start?.type === 'run:start' ? start.workers : undefined };
}

const EXIT_OUTCOMES = {
  'test_exit.ts:ExitTests.test_aBefore': 'success',
  'test_exit.ts:ExitTests.test_bExits': 'error',
  'test_exit.ts:ExitTests.test_cAfter': 'success',
  'test_fine.ts:FineTests.test_failsNormally': 'failure',
  'test_fine.ts:FineTests.test_one': 'success',
  'test_fine.ts:FineTests.test_two': 'success',
};

export class ProcessExitTests extends TestCase {
  /** Default run: process.exit(3) is the test's [ERROR] naming it; later tests run; exit 1, not 3. */
  async test_defaultRunStopsProcessExit(): Promise<void> {
    const run = await runSuite(this.mktemp(), 'crashing', ['test_exit.ts', 'test_fine.ts'], []);
    this.assertEqual(run.result.code, 1, run.result.stdout + run.result.stderr);
    this.assertEqual(run.outcomes, EXIT_OUTCOMES);
    this.assertSubstring('ProcessExitError: process.exit(3) was called', run.messages['test_exit.ts:ExitTests.test_bExits']);
    this.assertIn('tests: 4 passed, 2 failed, 0 skipped', run.result.stdout);
  }

  /** --in-process: the same, without a worker (process.exit would otherwise end the run with exit 3). */
  async test_inProcessStopsProcessExit(): Promise<void> {
    const run = await runSuite(this.mktemp(), 'crashing', ['test_exit.ts', 'test_fine.ts'], ['--in-process']);
    this.assertEqual(run.result.code, 1, run.result.stdout + run.result.stderr);
    this.assertEqual(run.outcomes, EXIT_OUTCOMES);
    this.assertSubstring('process.exit(3) was called', run.messages['test_exit.ts:ExitTests.test_bExits']);
    this.assertIn('[ERROR]', run.result.stdout);
  }
}

export class WatchdogTests extends TestCase {
  /** Default run: `while (true) {}` under a 1 s timeout is stopped by the watchdog; the rest runs. */
  async test_defaultRunStopsSynchronousLoop(): Promise<void> {
    const run = await runSuite(this.mktemp(), 'hanging', ['test_loop.ts', 'test_fine.ts'], []);
    this.assertEqual(run.result.code, 1, run.result.stdout + run.result.stderr);
    this.assertEqual(run.outcomes['test_loop.ts:LoopTests.test_bSpinsForever'], 'error');
    this.assertSubstring('timed out after 1 s', run.messages['test_loop.ts:LoopTests.test_bSpinsForever']);
    this.assertEqual(run.outcomes['test_loop.ts:LoopTests.test_cAfter'], 'success');
    this.assertEqual(run.outcomes['test_fine.ts:FineTests.test_one'], 'success');
  }

  /** `-j auto` on a small suite uses one worker, which also reports an out-of-memory test and goes on. */
  async test_autoOneWorkerReportsOutOfMemory(): Promise<void> {
    const run = await runSuite(this.mktemp(), 'crashing', ['test_oom.ts'], ['-j', 'auto'], { NODE_OPTIONS: '--max-old-space-size=96' });
    this.assertEqual(run.result.code, 1, run.result.stdout + run.result.stderr);
    this.assertEqual(run.workers, 1);
    this.assertEqual(run.outcomes, {
      'test_oom.ts:OutOfMemoryTests.test_aBefore': 'success',
      'test_oom.ts:OutOfMemoryTests.test_bAllocatesForever': 'error',
      'test_oom.ts:OutOfMemoryTests.test_cAfter': 'success',
    });
    this.assertSubstring('ran out of memory', run.messages['test_oom.ts:OutOfMemoryTests.test_bAllocatesForever']);
  }
}
