/**
 * End to end: tests that leave timer globals, clocks, the cwd or process.env changed
 * (fixtures/changedGlobals), and rejections nobody handled in a test that has returned
 * (fixtures/rejectionInSyncTest). Each is [ERROR] of its own test (env: a warning), and
 * the test after it passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent } from '../../src/runner/events';
import { FIXTURES, runCli } from '../support/runCli';

async function endsOf(base: string, fixture: string, extra: string[]): Promise<{ ends: Map<string, TestEndEvent>; late: number; output: string }> {
  const events = path.join(base, 'events.jsonl');
  const result = await runCli([...extra, '--temp-directory', path.join(base, 'trial'), '--reporter', `json:${events}`, path.join(FIXTURES, fixture)], { timeoutMs: 60_000 });
  const ends = new Map<string, TestEndEvent>();
  let late = 0;
  for (const line of fs.readFileSync(events, 'utf8').split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as RunnerEvent;
    if (event.type === 'test:end') ends.set(`${event.test.className}.${event.test.methodName}`, event);
    if (event.type === 'test:lateError') late++;
  }
  return { ends, late, output: result.stdout + result.stderr };
}

export class GlobalStateIntegrationTests extends TestCase {
  /** Fake timers left installed, a replaced setTimeout or nextTick, a changed cwd: [ERROR] naming it; the next test sees the real ones. */
  async test_changedGlobalsFailTheirTest(): Promise<void> {
    const base = this.mktemp();
    fs.mkdirSync(base, { recursive: true });
    // --pool processes: worker threads cannot chdir.
    const { ends, output } = await endsOf(base, 'changedGlobals', ['-j', '2', '--pool', 'processes']);
    const expected: Record<string, string[]> = {
      'ChangedGlobalsTests.test_1_fakeTimersNotUninstalled': ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'Date', 'performance.now', 'process.hrtime'],
      'ChangedGlobalsTests.test_3_setTimeoutReplaced': ['setTimeout'],
      'ChangedGlobalsTests.test_4_nextTickReplaced': ['process.nextTick'],
      'ChangedCwdTests.test_1_chdir': ['working directory'],
    };
    for (const [key, names] of Object.entries(expected)) {
      const end = ends.get(key);
      this.assertEqual(end?.outcome, 'error', `${key}: ${JSON.stringify(end)}\n${output}`);
      this.assertEqual(end!.errors.map((e) => e.name), ['ChangedGlobalsError'], key);
      for (const name of names) this.assertSubstring(name, end!.errors[0].message, key);
    }
    for (const key of ['ChangedGlobalsTests.test_2_realTimersAgain', 'ChangedGlobalsTests.test_5_realNextTick', 'ChangedCwdTests.test_2_cwdRestored', 'ChangedEnvTests.test_2_envRestored', 'ChangedEnvTests.test_3_envSetAndRestored']) {
      this.assertEqual(ends.get(key)?.outcome, 'success', `${key}: ${JSON.stringify(ends.get(key)?.errors)}`);
    }
    this.assertEqual(ends.get('ChangedGlobalsTests.test_3_setTimeoutReplaced')!.errors[0].message.split(' and did')[0], 'The test changed setTimeout');
    const env = ends.get('ChangedEnvTests.test_1_envSet');
    this.assertEqual(env?.outcome, 'success');
    this.assertSubstring('TRIAL_CHANGED_GLOBALS_FIXTURE', (env!.warnings ?? []).join('\n'));
    this.assertEqual(ends.get('ChangedEnvTests.test_3_envSetAndRestored')?.warnings, undefined);
  }

  /** `void Promise.reject(e)` in a sync or async test that returned: that test is [ERROR] with the rejection, no late error, the next test passes. */
  async test_rejectionBeforeTheRunnerMovesOnBelongsToTheTest(): Promise<void> {
    const base = this.mktemp();
    fs.mkdirSync(base, { recursive: true });
    const { ends, late, output } = await endsOf(base, 'rejectionInSyncTest', []);
    for (const [cls, words] of [['RejectionTests', 'rejected in a sync test'], ['AsyncRejectionTests', 'rejected in an async test']]) {
      const end = ends.get(`${cls}.test_1_voidReject`);
      this.assertEqual(end?.outcome, 'error', `${cls}: ${JSON.stringify(end)}\n${output}`);
      this.assertEqual(end!.errors.map((e) => e.message), [words]);
      this.assertEqual(ends.get(`${cls}.test_2_next`)?.outcome, 'success');
    }
    this.assertEqual(late, 0, output);
  }
}
