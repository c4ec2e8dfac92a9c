/**
 * Tests for src/cli/runTally.ts: the summary counts each final event, failures are told
 * and remembered by id across passes, and strictTodo makes an unexpected success fail.
 */
import { SynchronousTestCase } from 'trial-ts';
import { RunTally } from '../../src/cli/runTally';
import type { Outcome, TestDescription, TestEndEvent } from '../../src/runner/events';

function described(name: string): TestDescription {
  return { id: `test/test_a.ts:A.${name}`, file: 'test/test_a.ts', className: 'A', methodName: name };
}

function end(name: string, outcome: Outcome): TestEndEvent {
  return { type: 'test:end', test: described(name), worker: 0, outcome, durationMs: 1, errors: [] };
}

/** Tests of tallying a run. */
export class RunTallyTests extends SynchronousTestCase {
  /** Failures and errors fail the run and are remembered; a pass does not. */
  test_failuresRemembered() {
    const tally = new RunTally(false);
    this.assertFalse(tally.add(end('test_ok', 'success')));
    this.assertTrue(tally.add(end('test_bad', 'failure')));
    this.assertTrue(tally.add(end('test_broken', 'error')));
    this.assertEqual([tally.summary.tests, tally.summary.failures, tally.summary.errors], [3, 1, 1]);
    this.assertEqual([...tally.failedIds], [described('test_bad').id, described('test_broken').id]);
  }

  /** A late error fails the run, and names its test when it has one. */
  test_lateErrorFails() {
    const tally = new RunTally(false);
    const error = { name: 'Error', message: 'late', stack: '' };
    this.assertTrue(tally.add({ type: 'test:lateError', test: null, worker: 0, error }));
    this.assertTrue(tally.add({ type: 'test:lateError', test: described('test_1'), worker: 0, error }));
    this.assertEqual([...tally.failedIds], [described('test_1').id]);
  }

  /** With strictTodo an unexpected success fails; without, it does not. */
  test_strictTodo() {
    this.assertFalse(new RunTally(false).add(end('test_todo', 'unexpectedSuccess')));
    this.assertTrue(new RunTally(true).add(end('test_todo', 'unexpectedSuccess')));
  }

  /** A new pass starts its summary and its failed ids from nothing (watch mode's `f` re-runs the last pass's failures). */
  test_startPassStartsFromNothing() {
    const tally = new RunTally(false);
    tally.add(end('test_bad', 'failure'));
    this.assertEqual([...tally.failedIds], [described('test_bad').id]);
    tally.startPass();
    this.assertEqual(tally.summary.tests, 0);
    this.assertEqual([...tally.failedIds], []);
  }
}
