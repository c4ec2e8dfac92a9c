/**
 * Tests for src/runner/runCase.ts: one test, start to end, over a worker state whose
 * janitor, output capture and sidecars are fakes (test/support/fakeWorkerState.ts); the
 * test classes, markers, Deferreds and outcome rules are the real ones.
 */
import { SynchronousTestCase as OuterSynchronousTestCase, TestCase } from 'trial-ts';
import { Deferred, TimeoutError } from '@trial-ts/runtime';
import type { Failure } from '@trial-ts/runtime';
import type { TestDescription, TestEndEvent } from '../../src/runner/events';
import type { WorkerConfig } from '../../src/runner/interfaces';
import { DEFAULT_TIMEOUT_SECONDS, declaredSidecars, runCase, timeoutMsOf } from '../../src/runner/runCase';
import { skip, todo } from '../../src/unittest/markers';
import { SynchronousTestCase } from '../../src/unittest/synchronousTestCase';
import { TestCase as AsyncTestCase } from '../../src/unittest/testCase';
import { fakeWorker, type FakeJanitor, type FakeWorker } from '../support/fakeWorkerState';
import { ROOT } from '../support/runCli';

type TestClass = new (methodName: string) => object;

/** Steps the inner tests took, in order. */
let steps: string[] = [];

function describe(cls: Function, methodName: string): TestDescription {
  return { id: `inner.ts:${cls.name}.${methodName}`, file: 'inner.ts', className: cls.name, methodName };
}

async function run(cls: TestClass, methodName: string, config: Partial<WorkerConfig> = {}): Promise<{ end: TestEndEvent; worker: FakeWorker }> {
  const worker = fakeWorker(ROOT, config);
  const end = await runCase(cls, describe(cls, methodName), worker.state, worker.emit);
  return { end, worker };
}

// The inner tests are class expressions: runCase gets them directly, and as declarations
// that are not exported they would be reported as TestCases the file forgot to export.
const OrderTests = class OrderTests extends SynchronousTestCase {
  override setUp() {
    steps.push('setUp');
    this.addCleanup(() => steps.push('cleanup1'));
    this.addCleanup(() => steps.push('cleanup2'));
  }
  test_body() {
    steps.push('test');
  }
  override tearDown() {
    steps.push('tearDown');
  }
};

/** Each synchronous step queues a microtask; the next step must see it has run. */
const MicrotaskTests = class MicrotaskTests extends SynchronousTestCase {
  override setUp() {
    void Promise.resolve().then(() => steps.push('setUp microtask'));
  }
  test_body() {
    steps.push('test');
    void Promise.resolve().then(() => {
      steps.push('test microtask');
      this.addCleanup(() => steps.push('cleanup added by the microtask'));
    });
  }
  override tearDown() {
    steps.push('tearDown');
  }
};

const SetUpFailsTests = class SetUpFailsTests extends SynchronousTestCase {
  override setUp() {
    this.addCleanup(() => steps.push('cleanup'));
    throw new Error('setUp broke');
  }
  test_body() {
    steps.push('test');
  }
  override tearDown() {
    steps.push('tearDown');
  }
};

const MarkedTests = class MarkedTests extends SynchronousTestCase {
  override setUp() {
    steps.push('setUp');
  }
  @skip('not here')
  test_skipped() {}
  @todo([RangeError], 'bug #5')
  test_todoPasses() {}
  *test_generator() {
    steps.push('generator body');
  }
  test_cleanupAsserts() {
    this.addCleanup(() => this.assertEqual(1, 2));
  }
  test_returnsPromise() {
    return Promise.resolve() as unknown as void;
  }
  override tearDown() {
    steps.push('tearDown');
  }
};

const ConstructorThrowsTests = class ConstructorThrowsTests extends SynchronousTestCase {
  constructor(methodName: string) {
    super(methodName);
    throw new Error('no instance for you');
  }
  test_body() {}
};

const TimeoutTests = class TimeoutTests extends AsyncTestCase {
  static timeout = 0.05;
  test_errbackSeesTimeout() {
    return new Deferred<void>().addErrback((failure: Failure) => {
      steps.push(failure.check(TimeoutError) === null ? 'other' : 'TimeoutError');
      return failure;
    });
  }
  test_errbackRecovers() {
    return new Deferred<string>().addErrback(() => 'recovered');
  }
  test_promiseHangs() {
    return new Promise(() => undefined);
  }
};

/** The fake janitor of the test running now, for inner tests that log through it. */
let activeJanitor: FakeJanitor | undefined;

const LoggingTests = class LoggingTests extends SynchronousTestCase {
  test_logs() {
    // As the real janitor does with a stray error in the test's async context.
    activeJanitor!.currentScope()!.logError(new RangeError('logged'));
  }
};

export class RunCaseTests extends TestCase {
  override setUp() {
    steps = [];
  }

  /** A passing test emits test:start then test:end, returns the end event and records its description. */
  async test_emitsStartAndEnd() {
    const { end, worker } = await run(OrderTests, 'test_body');
    this.assertEqual(worker.events.map((e) => e.type), ['test:start', 'test:end']);
    this.assertIdentical(worker.events[1], end);
    this.assertEqual([end.outcome, end.worker, end.errors], ['success', 3, []]);
    this.assertEqual(worker.state.tests.get(end.test.id), end.test);
  }

  /** setUp, the test, cleanups last in first out, tearDown — each in the test's async context — then the janitor. */
  async test_phaseOrderInTheTestsContext() {
    const { worker } = await run(OrderTests, 'test_body');
    this.assertEqual(steps, ['setUp', 'test', 'cleanup2', 'cleanup1', 'tearDown']);
    this.assertEqual(worker.janitor.inTest, Array(5).fill('inner.ts:OrderTests.test_body'));
    this.assertEqual(worker.janitor.collected, [['inner.ts:OrderTests.test_body', { check: true, ignore: [] }]]);
    this.assertEqual(worker.capture.calls, ['start', 'stop']);
  }

  /**
   * A synchronous step costs no promise of its own, but the microtasks it queued still
   * run before the next step starts: the test sees setUp's, and a cleanup added by the
   * test's microtask runs.
   */
  async test_microtasksRunBetweenSynchronousSteps() {
    const { end } = await run(MicrotaskTests, 'test_body');
    this.assertEqual(steps, ['setUp microtask', 'test', 'test microtask', 'cleanup added by the microtask', 'tearDown']);
    this.assertEqual(end.outcome, 'success');
  }

  /** A failing setUp skips the test and tearDown, runs the cleanups, and is an error. */
  async test_setUpFailure() {
    const { end } = await run(SetUpFailsTests, 'test_body');
    this.assertEqual(steps, ['cleanup']);
    this.assertEqual([end.outcome, end.errors.map((e) => e.message)], ['error', ['setUp broke']]);
  }

  /** A skip marker skips without making an instance or running setUp. */
  async test_skipMarker() {
    const { end } = await run(MarkedTests, 'test_skipped');
    this.assertEqual([end.outcome, end.reason, steps], ['skip', 'not here', []]);
  }

  /** A dry run reports success and runs nothing. */
  async test_dryRun() {
    const { end, worker } = await run(OrderTests, 'test_body', { dryRun: true });
    this.assertEqual([end.outcome, steps, worker.janitor.collected.length], ['success', [], 0]);
  }

  /** A todo test that passes is an unexpected success with its reason and expected error names. */
  async test_todoPasses() {
    const { end } = await run(MarkedTests, 'test_todoPasses');
    this.assertEqual([end.outcome, end.reason, end.expectedErrors], ['unexpectedSuccess', 'bug #5', ['RangeError']]);
  }

  /** A generator method is an error that says so; its body never runs, setUp and tearDown do. */
  async test_generatorMethodIsError() {
    const { end } = await run(MarkedTests, 'test_generator');
    this.assertEqual([end.outcome, end.errors.map((e) => e.name)], ['error', ['TypeError']]);
    this.assertIn('test_generator is a generator function', end.errors[0].message);
    this.assertEqual(steps, ['setUp', 'tearDown']);
  }

  /** An assertion that fails in a cleanup makes the test an error, not a failure. */
  async test_cleanupAssertionIsError() {
    const { end } = await run(MarkedTests, 'test_cleanupAsserts');
    this.assertEqual([end.outcome, end.errors.map((e) => e.name)], ['error', ['AssertionError']]);
  }

  /** A SynchronousTestCase phase that returns a promise is an error naming the fix. */
  async test_synchronousReturningPromise() {
    const { end } = await run(MarkedTests, 'test_returnsPromise');
    this.assertEqual(end.outcome, 'error');
    this.assertIn('Extend TestCase instead', end.errors[0].message);
  }

  /** A constructor that throws is the test's error. */
  async test_constructorThrows() {
    const { end } = await run(ConstructorThrowsTests, 'test_body');
    this.assertEqual([end.outcome, end.errors.map((e) => e.message)], ['error', ['no instance for you']]);
  }

  /** On timeout the returned Deferred is errbacked with the TimeoutError, which its errback sees. */
  async test_timeoutErrbacksTheDeferred() {
    const { end } = await run(TimeoutTests, 'test_errbackSeesTimeout');
    this.assertEqual(steps, ['TimeoutError']);
    this.assertEqual([end.outcome, end.errors.map((e) => e.name)], ['error', ['TimeoutError']]);
    this.assertIn('still running in test after 0.05 s', end.errors[0].message);
  }

  /** An errback that recovers from the TimeoutError makes the test pass, as in Trial. */
  async test_timeoutRecoveredByErrback() {
    const { end } = await run(TimeoutTests, 'test_errbackRecovers');
    this.assertEqual(end.outcome, 'success');
  }

  /** A promise that never settles times out by name and phase. */
  async test_promiseTimesOut() {
    const { end } = await run(TimeoutTests, 'test_promiseHangs');
    this.assertEqual([end.outcome, end.errors[0].message.split('. ')[0]], ['error', 'inner.ts:TimeoutTests.test_promiseHangs still running in test after 0.05 s']);
  }

  /** Leaks the janitor finds fail the test; with uncleanWarnings they are warnings; unref'd ones always are. */
  async test_janitorLeaks() {
    const leak = { resourceType: 'Timeout', description: 'a 30 s timer', hint: 'Clear it.' };
    const outcomes: unknown[] = [];
    for (const uncleanWarnings of [false, true]) {
      const worker = fakeWorker(ROOT, { uncleanWarnings });
      worker.janitor.result = { leaks: [leak], unrefLeaks: [leak], needsRecycle: true, changedGlobals: [], changedEnv: [] };
      const end = await runCase(OrderTests, describe(OrderTests, 'test_body'), worker.state, worker.emit);
      outcomes.push([end.outcome, end.errors.map((e) => e.name), end.warnings?.length, worker.state.needsRecycle]);
    }
    this.assertEqual(outcomes, [
      ['error', ['DirtyReactorAggregateError'], 1, true],
      ['success', [], 2, true],
    ]);
  }

  /** Leak checking is asked for only when both the run and the test's markers want it. */
  async test_leakCheckPolicy() {
    const { worker } = await run(OrderTests, 'test_body', { cleanReactor: false, leakIgnore: [{ kind: 'timer' }] });
    this.assertEqual(worker.janitor.collected[0][1], { check: false, ignore: [{ kind: 'timer' }] });
  }

  /** An error handed to the test's scope (as the janitor does for stray errors) fails the test. */
  async test_loggedErrorFailsTheTest() {
    const worker = fakeWorker(ROOT);
    activeJanitor = worker.janitor;
    this.addCleanup(() => (activeJanitor = undefined));
    const end = await runCase(LoggingTests, describe(LoggingTests, 'test_logs'), worker.state, worker.emit);
    this.assertEqual([end.outcome, end.errors.map((e) => e.name)], ['error', ['RangeError']]);
  }
}

export class TimeoutOfTests extends OuterSynchronousTestCase {
  /** The marker wins, then --timeout, then Trial's 120 s. */
  test_timeoutMsOf() {
    const state = fakeWorker(ROOT, { timeout: 7 }).state;
    const bare = fakeWorker(ROOT).state;
    this.assertEqual(
      [timeoutMsOf({ timeout: 2, cleanReactor: true }, state), timeoutMsOf({ cleanReactor: true }, state), timeoutMsOf({ cleanReactor: true }, bare)],
      [2000, 7000, DEFAULT_TIMEOUT_SECONDS * 1000],
    );
  }

  /** static sidecars lists names; anything else counts as none. */
  test_declaredSidecars() {
    class WithSidecars {
      static sidecars = ['db', 3, 'cache'];
    }
    this.assertEqual([declaredSidecars(WithSidecars), declaredSidecars(OrderTests)], [['db', 'cache'], []]);
  }
}
