/**
 * End to end: retries through the real CLI over fixtures/retries — `@flaky(N)` on methods
 * and classes, `--retries N` and config `retries`, in-process and in workers; a pass after
 * a failed attempt is flaky in the tree, the summary, JSON and JUnit.
 */
import { TestCase } from 'trial-ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';

const FILE = 'fixtures/retries/test_retries.ts';

interface EndLine {
  type: string;
  test?: { id: string };
  outcome?: string;
  flaky?: boolean;
  attempts?: { outcome: string; errors: { message: string }[] }[];
  summary?: { flaky?: number };
}

function eventsOf(ndjson: string): EndLine[] {
  return ndjson.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as EndLine);
}

export class RetriesIntegrationTests extends TestCase {
  /** @flaky tests pass on a later attempt (cleanups, tearDown and leak check ran after each); without --retries the unmarked one fails. */
  async test_flakyMarker() {
    const result = await runCli(['--reporter', 'verbose', FILE]);
    this.assertEqual(result.code, 1);
    const outcomes = outcomesOf(result.stdout.replace(/ \(flaky: passed on attempt \d\)/g, ''));
    this.assertEqual(outcomes, {
      [`${FILE}:FlakyClassTests.test_passesOnThirdAttempt`]: 'OK',
      [`${FILE}:FlakyMethodTests.test_alwaysFails`]: 'FAIL',
      [`${FILE}:FlakyMethodTests.test_leaksOnFirstAttempt`]: 'OK',
      [`${FILE}:FlakyMethodTests.test_passesOnSecondAttempt`]: 'OK',
      [`${FILE}:FlakyMethodTests.test_plain`]: 'OK',
      [`${FILE}:RetriedByOptionTests.test_passesOnSecondAttempt`]: 'FAIL',
    });
    this.assertIn(`${FILE}:FlakyClassTests.test_passesOnThirdAttempt (flaky: passed on attempt 3) ... [OK]`, result.stdout);
    // Attempt 2 passes only when the failed attempt 1's cleanup and tearDown ran.
    this.assertIn(`${FILE}:FlakyMethodTests.test_passesOnSecondAttempt (flaky: passed on attempt 2) ... [OK]`, result.stdout);
    this.assertIn('DirtyReactorAggregateError', result.stdout);
    this.assertIn('FAILED (failures=2, successes=4, flaky=3)', result.stdout);
  }

  /** --retries gives every test retries; the tree line says flaky, JSON lists the attempts, JUnit has flakyFailure. */
  async test_retriesOptionAndReports() {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const json = path.join(dir, 'events.ndjson');
    const xml = path.join(dir, 'junit.xml');
    const result = await runCli(['--retries', '1', '--reporter', 'tree', '--reporter', `json:${json}`, '--reporter', `junit:${xml}`, FILE]);
    this.assertEqual(result.code, 1);
    this.assertIn('  RetriedByOptionTests\n    test_passesOnSecondAttempt (flaky: passed on attempt 2) ...', result.stdout);
    this.assertIn('FAILED (failures=1, successes=5, flaky=4)', result.stdout);
    const events = eventsOf(fs.readFileSync(json, 'utf8'));
    const always = events.find((event) => event.type === 'test:end' && event.test?.id === `${FILE}:FlakyMethodTests.test_alwaysFails`)!;
    this.assertEqual(always.attempts?.map((attempt) => attempt.errors[0].message), ['attempt 1 fails', 'attempt 2 fails']);
    this.assertEqual(always.flaky, undefined);
    const third = events.find((event) => event.test?.id === `${FILE}:FlakyClassTests.test_passesOnThirdAttempt` && event.type === 'test:end')!;
    this.assertEqual(third.attempts?.map((attempt) => attempt.outcome), ['error', 'error', 'success']);
    this.assertEqual(events.find((event) => event.type === 'run:end')?.summary?.flaky, 4);
    const report = fs.readFileSync(xml, 'utf8');
    this.assertIn('<flakyFailure message="attempt 1 fails" type="AssertionError">', report);
    this.assertIn('<flakyError message="attempt 1 errors" type="Error">', report);
  }

  /** In workers (threads and processes) retries run in the worker and report the same way. */
  async test_retriesInWorkers() {
    for (const pool of ['threads', 'processes']) {
      const result = await runCli(['--retries', '1', '-j', '2', '--pool', pool, FILE]);
      this.assertEqual(result.code, 1, pool);
      this.assertIn('FAILED (failures=1, successes=5, flaky=4)', result.stdout, pool);
    }
  }

  /** Config `retries` works as --retries; a bad value is a usage error (exit 2). */
  async test_retriesConfig() {
    const good = await runCli(['--config', 'fixtures/retries/retries.config.ts', FILE]);
    this.assertIn('flaky=4', good.stdout);
    const bad = await runCli(['--retries', 'many', FILE]);
    this.assertEqual(bad.code, 2);
    this.assertIn('--retries must be a positive integer', bad.stderr);
  }
}
