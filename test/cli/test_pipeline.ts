/**
 * Tests for src/cli/pipeline.ts: events reach the handler in order, a failed test on a
 * sidecar worker waits for and carries its server log, a sidecar crash is charged, `-x`
 * hears of failures, and an interrupt ends the running tests.
 */
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { DurationsRecorder } from '../../src/cli/durationsRecorder';
import { Pipeline, type PipelineOptions } from '../../src/cli/pipeline';
import type { Outcome, RunnerEvent, TestDescription, TestEndEvent, TestStartEvent } from '../../src/runner/events';

function described(name: string): TestDescription {
  return { id: `test/test_db.ts:Db.${name}`, file: 'test/test_db.ts', className: 'Db', methodName: name };
}

function start(test: TestDescription, worker = 0): TestStartEvent {
  return { type: 'test:start', test, worker, timeoutMs: 1000 };
}

function end(test: TestDescription, outcome: Outcome, worker = 0): TestEndEvent {
  return { type: 'test:end', test, worker, outcome, durationMs: 1, errors: [] };
}

/** A pipeline into `seen`, with worker 0 using the sidecar `db`; failures counted in `failures`. */
class Harness {
  readonly seen: RunnerEvent[] = [];
  failures = 0;
  readonly pipeline: Pipeline;

  constructor(durationsFile: string, overrides: Partial<PipelineOptions> = {}) {
    this.pipeline = new Pipeline({
      handle: (event) => this.seen.push(event),
      durations: DurationsRecorder.load(durationsFile, () => undefined),
      onFailure: () => this.failures++,
      strictTodo: false,
      sidecarWorkers: new Map([['db', new Set([0])]]),
      attachLogs: (worker) => (worker === 0 ? ['ERROR:  relation "users" does not exist'] : []),
      ...overrides,
    });
  }
}

/** Tests of the event pipeline. */
export class PipelineTests extends TestCase {
  #harness(overrides: Partial<PipelineOptions> = {}): Harness {
    return new Harness(path.join(this.mktemp(), 'durations.json'), overrides);
  }

  /** A passing run goes straight through: every event, in order, and a summary. */
  async test_passingEventsPassStraight() {
    const harness = this.#harness();
    const test = described('test_ok');
    harness.pipeline.emit(start(test));
    harness.pipeline.emit(end(test, 'success'));
    this.assertEqual(harness.seen.map((event) => event.type), ['test:start', 'test:end']);
    this.assertEqual([harness.pipeline.summary.tests, harness.failures], [1, 0]);
    this.assertEqual([...harness.pipeline.startedFiles], ['test/test_db.ts']);
  }

  /** `firstTestStarted` settles with the first test:start, not before (the coverage report waits for it). */
  async test_firstTestStartedSettlesOnTheFirstStart() {
    const harness = this.#harness();
    let started = false;
    void harness.pipeline.firstTestStarted.then(() => (started = true));
    harness.pipeline.emit({ type: 'run:start', version: 1, time: 0, cwd: '/', workers: 1 } as RunnerEvent);
    await Promise.resolve();
    this.assertFalse(started);
    harness.pipeline.emit(start(described('test_ok')));
    await harness.pipeline.firstTestStarted;
    this.assertTrue(started);
  }

  /** A failed test on a sidecar worker is held, with what follows it, and carries the server log. */
  async test_failedSidecarTestCarriesServerLog() {
    const harness = this.#harness();
    const [failing, next] = [described('test_bad'), described('test_next')];
    harness.pipeline.emit(start(failing));
    harness.pipeline.emit(end(failing, 'failure'));
    harness.pipeline.emit(start(next));
    this.assertEqual(harness.seen.map((event) => event.type), ['test:start']);
    await harness.pipeline.drain();
    this.assertEqual(harness.seen.map((event) => event.type), ['test:start', 'test:end', 'test:start']);
    const ended = harness.seen[1] as TestEndEvent;
    this.assertSubstring('relation "users" does not exist', ended.output!.stderr);
    this.assertEqual([harness.failures, [...harness.pipeline.failedIds]], [1, [failing.id]]);
  }

  /** A failed test on a worker without sidecars is not held, and has no server log. */
  async test_failureElsewhereNotHeld() {
    const harness = this.#harness();
    const test = described('test_bad');
    harness.pipeline.emit(start(test, 1));
    harness.pipeline.emit(end(test, 'error', 1));
    this.assertEqual(harness.seen.length, 2);
    this.assertIdentical((harness.seen[1] as TestEndEvent).output, undefined);
  }

  /** A test running through its sidecar's crash ends as an error. */
  async test_sidecarCrashCharged() {
    const harness = this.#harness({ attachLogs: () => [] });
    const test = described('test_1');
    harness.pipeline.emit(start(test));
    harness.pipeline.emit({ type: 'sidecar:state', name: 'db', state: 'crashed', detail: 'exited with code 1' });
    harness.pipeline.emit(end(test, 'success'));
    await harness.pipeline.drain();
    const ended = harness.seen.find((event): event is TestEndEvent => event.type === 'test:end')!;
    this.assertEqual(ended.outcome, 'error');
    this.assertEqual(harness.pipeline.summary.errors, 1);
  }

  /** An interrupt ends each running test as an error naming the signal; a new pass starts its count afresh. */
  async test_interruptEndsRunning() {
    const harness = this.#harness();
    harness.pipeline.emit(start(described('test_1'), 1));
    this.assertEqual(harness.pipeline.endRunningAsInterrupted('SIGTERM'), 1);
    const ended = harness.seen[1] as TestEndEvent;
    this.assertEqual([ended.outcome, ended.errors[0]!.name], ['error', 'Interrupted']);
    this.assertSubstring('SIGTERM', ended.errors[0]!.message);
    harness.pipeline.startPass();
    this.assertEqual([harness.pipeline.summary.tests, harness.pipeline.startedFiles.size], [0, 0]);
  }
}
