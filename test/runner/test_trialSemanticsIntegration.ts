/**
 * End to end: where trial-ts follows Trial's semantics (issue #11), each over its own
 * suite in fixtures/ with a SynchronousTestCase and a TestCase variant: generator test
 * methods, a method's skip reason over its class's, assertions in cleanups, timeouts
 * errbacked into the returned Deferred, and unexpected successes with strictTodo.
 */
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';

/** The `reason` of each `test:end` in a JSON events stream, by test id. */
function reasonsOf(ndjson: string): Record<string, string | undefined> {
  const reasons: Record<string, string | undefined> = {};
  for (const line of ndjson.split('\n')) {
    if (line === '') continue;
    const event = JSON.parse(line) as { type: string; test?: { id: string }; reason?: string };
    if (event.type === 'test:end' && event.test !== undefined) reasons[event.test.id] = event.reason;
  }
  return reasons;
}

export class GeneratorMethodTests extends TestCase {
  /** A generator test method, sync or async generator, in either class, is an error that says why; its body never runs. */
  async test_generatorMethodsAreErrors() {
    const file = 'fixtures/generatorMethods/test_generatorMethods.ts';
    const result = await runCli(['--reporter', 'verbose', file]);
    this.assertEqual(result.code, 1);
    this.assertEqual(outcomesOf(result.stdout), {
      [`${file}:AsyncGeneratorTests.test_asyncGenerator`]: 'ERROR',
      [`${file}:AsyncGeneratorTests.test_generator`]: 'ERROR',
      [`${file}:AsyncGeneratorTests.test_plain`]: 'OK',
      [`${file}:SyncGeneratorTests.test_generator`]: 'ERROR',
      [`${file}:SyncGeneratorTests.test_generatorUnderTodo`]: 'ERROR',
      [`${file}:SyncGeneratorTests.test_plain`]: 'OK',
    });
    this.assertIn(`TypeError: ${file}:SyncGeneratorTests.test_generator: test_generator is a generator function`, result.stdout);
    this.assertIn('its body would never run. Remove the `*`', result.stdout);
    this.assertNotIn('generator body ran', result.stdout);
  }
}

export class SkipReasonTests extends TestCase {
  /** In a skipped class, a method with its own skip reports its own reason; the others the class's. */
  async test_methodSkipReasonBeatsClass() {
    const file = 'fixtures/skipReasons/test_skipReasons.ts';
    const result = await runCli(['--reporter', 'json', file]);
    this.assertEqual(result.code, 0, result.stderr);
    this.assertEqual(reasonsOf(result.stdout), {
      [`${file}:SkippedAsyncTests.test_classReason`]: 'the async class is off',
      [`${file}:SkippedAsyncTests.test_ownReason`]: 'the async method has its own reason',
      [`${file}:SkippedSyncTests.test_classReason`]: 'the class is off',
      [`${file}:SkippedSyncTests.test_ownReason`]: 'the method has its own reason',
    });
  }
}

export class CleanupAssertionTests extends TestCase {
  /** An assertion failing in a cleanup (sync or awaited) is an error; in the test or tearDown it stays a failure. */
  async test_assertionInCleanupIsError() {
    const file = 'fixtures/cleanupAssertions/test_cleanupAssertions.ts';
    const result = await runCli(['--reporter', 'verbose', file]);
    this.assertEqual(result.code, 1);
    this.assertEqual(outcomesOf(result.stdout), {
      [`${file}:AsyncCleanupTests.test_assertionInCleanup`]: 'ERROR',
      [`${file}:AsyncCleanupTests.test_assertionInTearDownIsAFailure`]: 'FAIL',
      [`${file}:SyncCleanupTests.test_assertionInCleanup`]: 'ERROR',
      [`${file}:SyncCleanupTests.test_assertionInTest`]: 'FAIL',
    });
    this.assertIn('FAILED (failures=2, errors=2)', result.stdout);
  }
}

export class TimeoutErrbackTests extends TestCase {
  /** A timed-out Deferred is errbacked with the TimeoutError: its errbacks see it, may recover, or pass it on. */
  async test_timeoutIsErrbackedIntoTheDeferred() {
    const file = 'fixtures/timeoutErrback/test_timeoutErrback.ts';
    const id = (name: string) => `${file}:TimeoutErrbackTests.${name}`;
    const result = await runCli(['--reporter', 'verbose', file]);
    this.assertEqual(outcomesOf(result.stdout), {
      [id('test_errbackPassesItOn')]: 'ERROR',
      [id('test_errbackRecovers')]: 'OK',
      [id('test_errbackSeesTimeout')]: 'ERROR',
      [id('test_firedButWaitingOnAnother')]: 'ERROR',
      [id('test_promiseTimesOutAsBefore')]: 'ERROR',
      [id('test_setUpTimesOut')]: 'ERROR',
    });
    this.assertIn('Error: errback saw TimeoutError', result.stdout);
    this.assertIn("Error: setUp's errback saw TimeoutError", result.stdout);
    this.assertNotIn('must not run', result.stdout);
    for (const name of ['test_errbackPassesItOn', 'test_firedButWaitingOnAnother', 'test_promiseTimesOutAsBefore']) {
      this.assertIn(`TimeoutError: ${id(name)} still running in test after 0.1 s.`, result.stdout);
    }
  }
}

const STRICT = 'fixtures/strictTodo/test_strictTodo.ts';

export class StrictTodoTests extends TestCase {
  /** By default unexpected successes (sync and async) are reported but the run passes, as Trial's wasSuccessful. */
  async test_unexpectedSuccessDoesNotFailTheRun() {
    const result = await runCli([STRICT]);
    this.assertEqual(result.code, 0, result.stdout);
    this.assertIn('[SUCCESS!?!]', result.stdout);
    this.assertIn('PASSED (expectedFailures=1, unexpectedSuccesses=2, successes=1)', result.stdout);
    this.assertIn('tests: 4 passed, 0 failed, 0 skipped', result.stdout);
  }

  /** --strict-todo makes them fail the run: FAILED, counted as failed, exit 1 (in-process and with workers). */
  async test_strictTodoFlagFailsTheRun() {
    for (const args of [['--strict-todo'], ['--strict-todo', '-j', '2']]) {
      const result = await runCli([...args, STRICT]);
      this.assertEqual(result.code, 1, args.join(' '));
      this.assertIn('FAILED (expectedFailures=1, unexpectedSuccesses=2, successes=1)', result.stdout, args.join(' '));
      this.assertIn('tests: 2 passed, 2 failed, 0 skipped', result.stdout, args.join(' '));
    }
  }

  /** The config key strictTodo does the same as the flag. */
  async test_strictTodoConfigKey() {
    const result = await runCli(['--config', 'fixtures/strictTodo/strict.config.ts', STRICT]);
    this.assertEqual(result.code, 1, result.stdout + result.stderr);
    this.assertIn('FAILED (expectedFailures=1, unexpectedSuccesses=2, successes=1)', result.stdout);
  }

  /** -x stops at an unexpected success only under strictTodo (it then fails the run). */
  async test_exitFirstStopsOnUnexpectedSuccessOnlyWhenStrict() {
    const lenient = await runCli(['-x', '--reporter', 'verbose', STRICT]);
    const strict = await runCli(['-x', '--strict-todo', '--reporter', 'verbose', STRICT]);
    this.assertEqual(Object.keys(outcomesOf(lenient.stdout)).length, 4);
    this.assertEqual(Object.keys(outcomesOf(strict.stdout)), [`${STRICT}:AsyncTodoTests.test_unexpectedSuccess`]);
  }
}
