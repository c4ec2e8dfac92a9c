/**
 * Tests for src/cli/runningTests.ts: tests are running from their start to their end, their
 * start time outlives their end, and a new pass forgets the files started.
 */
import { SynchronousTestCase } from 'trial-ts';
import { RunningTests } from '../../src/cli/runningTests';
import type { TestDescription, TestEndEvent, TestStartEvent } from '../../src/runner/events';

const A: TestDescription = { id: 'test/test_a.ts:A.test_1', file: 'test/test_a.ts', className: 'A', methodName: 'test_1' };
const B: TestDescription = { id: 'test/test_b.ts:B.test_1', file: 'test/test_b.ts', className: 'B', methodName: 'test_1' };

function start(test: TestDescription, worker = 0): TestStartEvent {
  return { type: 'test:start', test, worker, timeoutMs: 1000 };
}

function end(test: TestDescription): TestEndEvent {
  return { type: 'test:end', test, worker: 0, outcome: 'success', durationMs: 1, errors: [] };
}

/** Tests of following the running tests. */
export class RunningTestsTests extends SynchronousTestCase {
  /** A test runs from its test:start to its test:end; its start time stays known. */
  test_startToEnd() {
    const running = new RunningTests();
    const before = Date.now();
    running.arrived(start(A));
    running.arrived(start(B, 1));
    this.assertEqual(running.running().map((event) => event.test.id), [A.id, B.id]);
    running.arrived(end(A));
    this.assertEqual(running.running().map((event) => event.test.id), [B.id]);
    this.assertTrue(running.startedAt(A.id)! >= before);
    this.assertIdentical(running.startedAt('unknown'), undefined);
  }

  /** A start that says when it began, on its worker, is taken at its word (it may arrive later). */
  test_startTimeFromTheWorker() {
    const running = new RunningTests();
    running.arrived({ ...start(A), time: 1_700_000_000_000 });
    this.assertEqual(running.startedAt(A.id), 1_700_000_000_000);
  }

  /** The files started are those of this pass only. */
  test_startPassForgetsFiles() {
    const running = new RunningTests();
    running.arrived(start(A));
    this.assertEqual([...running.startedFiles], ['test/test_a.ts']);
    running.startPass();
    this.assertEqual([...running.startedFiles], []);
  }
}
