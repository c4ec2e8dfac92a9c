/**
 * Tests for src/cli/sidecarCrashes.ts: a crash marks only the tests running on workers that
 * use the sidecar, and their end becomes an error carrying the crash, once.
 */
import { SynchronousTestCase } from 'trial-ts';
import { SidecarCrashes } from '../../src/cli/sidecarCrashes';
import type { Outcome, TestDescription, TestEndEvent, TestStartEvent } from '../../src/runner/events';

function described(name: string): TestDescription {
  return { id: `test/test_db.ts:Db.${name}`, file: 'test/test_db.ts', className: 'Db', methodName: name };
}

function start(test: TestDescription, worker: number): TestStartEvent {
  return { type: 'test:start', test, worker, timeoutMs: 1000 };
}

function end(test: TestDescription, outcome: Outcome): TestEndEvent {
  return { type: 'test:end', test, worker: 0, outcome, durationMs: 1, errors: [] };
}

/** Tests of charging sidecar crashes. */
export class SidecarCrashesTests extends SynchronousTestCase {
  /** A passing test on a worker of the crashed sidecar ends as an error with the crash's message. */
  test_chargesRunningTestsOfItsWorkers() {
    const [onDb, elsewhere] = [described('test_1'), described('test_2')];
    const crashes = new SidecarCrashes(new Map([['db', new Set([0])]]));
    crashes.crashed('db', 'killed by SIGKILL', [start(onDb, 0), start(elsewhere, 1)]);
    const charged = end(onDb, 'success');
    crashes.charge(charged);
    this.assertEqual(charged.outcome, 'error');
    this.assertEqual(charged.errors.map((error) => error.name), ['SidecarCrashError']);
    this.assertSubstring('killed by SIGKILL', charged.errors[0]!.message);
    const spared = end(elsewhere, 'success');
    crashes.charge(spared);
    this.assertEqual([spared.outcome, spared.errors.length], ['success', 0]);
  }

  /** A failure stays a failure (the crash is added to its errors), and a test is charged once. */
  test_failureKeptAndChargedOnce() {
    const test = described('test_1');
    const crashes = new SidecarCrashes(new Map([['db', new Set([0])]]));
    crashes.crashed('db', '', [start(test, 0)]);
    const first = end(test, 'failure');
    crashes.charge(first);
    this.assertEqual([first.outcome, first.errors.length], ['failure', 1]);
    const again = end(test, 'success');
    crashes.charge(again);
    this.assertEqual(again.outcome, 'success');
  }
}
