/**
 * End to end: workers that cannot start end the run with exit 3 and one paragraph saying
 * the worker pool failed to start (with the worker's last stderr lines), never as test
 * errors with exit 1 — nor as a silent exit 0. A NODE_OPTIONS preload that throws off the
 * main thread (fixtures/poolStartFailure/breakWorkers.cjs) breaks every worker and
 * leaves the runner itself alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

const SUITE = path.join(FIXTURES, 'poolStartFailure');

export class PoolStartFailureIntegrationTests extends TestCase {
  async #run(args: string[]): Promise<{ result: CliResult; events: RunnerEvent[] }> {
    const base = this.mktemp();
    fs.mkdirSync(base, { recursive: true });
    const eventsFile = path.join(base, 'events.jsonl');
    const result = await runCli(
      [...args, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'durations.json'), '--reporter', `json:${eventsFile}`, '--reporter', 'text', 'test'],
      { cwd: SUITE, env: { NODE_OPTIONS: `--require ${path.join(SUITE, 'breakWorkers.cjs')}` }, timeoutMs: 60_000 },
    );
    const events = fs.existsSync(eventsFile) ? fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunnerEvent) : [];
    return { result, events };
  }

  #assertPoolStartFailure(run: { result: CliResult; events: RunnerEvent[] }, kind: string): void {
    const { result, events } = run;
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    this.assertIn(`trial-ts: The worker pool failed to start: worker 0 (${kind})`, result.stderr);
    this.assertIn('breakWorkers.cjs', result.stderr); // the worker's last stderr lines name the preload
    this.assertNotIn('internal error', result.stderr);
    this.assertEqual(events.filter((e) => e.type === 'test:end'), []);
    this.assertEqual(events.at(-1)?.type, 'run:end');
  }

  /** The default run (one worker thread): exit 3 and the paragraph, no test charged. */
  async test_defaultThreadCannotStart(): Promise<void> {
    this.#assertPoolStartFailure(await this.#run([]), 'a thread');
  }

  /** -j 2 --pool processes: the same, for child processes. */
  async test_processPoolCannotStart(): Promise<void> {
    this.#assertPoolStartFailure(await this.#run(['-j', '2', '--pool', 'processes']), 'a child process');
  }

  /** --in-process has no workers: the same suite passes, so the preload is what breaks workers. */
  async test_inProcessUnaffected(): Promise<void> {
    const { result } = await this.#run(['--in-process']);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertIn('tests: 1 passed, 0 failed', result.stdout);
  }
}
