/**
 * End-to-end tests of running tests: the real CLI over the behaviour suites in fixtures/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../support/outcomes';
import { runCli } from '../support/runCli';

const LIFECYCLE = 'fixtures/lifecycle/test_lifecycle.ts';
const MARKERS = 'fixtures/markers/test_markers.ts';

export class LoadingTests extends TestCase {
  /** A file that does not compile, throws at import or imports a missing module is one error each; the rest runs. */
  async test_brokenFilesAreErrorsAndOthersRun() {
    const result = await runCli(['--reporter', 'verbose', 'fixtures/brokenImport']);
    this.assertEqual(result.code, 1);
    this.assertEqual(outcomesOf(result.stdout), {
      'fixtures/brokenImport/test_fine.ts:FineTests.test_stillRuns': 'OK',
      'fixtures/brokenImport/test_missingModule.ts': 'ERROR',
      'fixtures/brokenImport/test_syntaxError.ts': 'ERROR',
      'fixtures/brokenImport/test_throwsOnImport.ts': 'ERROR',
    });
    this.assertIn("Cannot find module './no-such-helper'", result.stdout);
    this.assertIn('Expression expected', result.stdout);
    this.assertIn('at fixtures/brokenImport/test_syntaxError.ts:5:1', result.stdout);
    this.assertIn('database unreachable at import time', result.stdout);
    this.assertNotIn('Stack backtrace', result.stdout);
    this.assertIn('tests: 1 passed, 3 failed, 0 skipped', result.stdout);
  }

  /** Stack traces point at the TypeScript source line of the throw. */
  async test_stacksPointAtTypeScriptLines() {
    const result = await runCli(['fixtures/brokenImport/test_throwsOnImport.ts']);
    this.assertIn('test_throwsOnImport.ts:4:9', result.stdout);
    this.assertIn('test_throwsOnImport.ts:6:1', result.stdout);
  }

  /** ES-module TypeScript (.mts), CommonJS TypeScript (.cts), and plain .js/.mjs files all load. */
  async test_everyModuleFormatLoads() {
    const result = await runCli(['--reporter', 'verbose', 'fixtures/moduleFormats']);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertEqual(Object.values(outcomesOf(result.stdout)), ['OK', 'OK', 'OK', 'OK', 'OK']);
  }
}

export class LifecycleTests extends TestCase {
  async #trace(args: string[]): Promise<{ code: number | null; steps: string[]; stdout: string }> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trial-trace-')), 'trace.txt');
    this.addCleanup(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    fs.writeFileSync(file, '');
    const result = await runCli(['--reporter', 'verbose', ...args], { env: { TRACE_FILE: file } });
    return { code: result.code, steps: fs.readFileSync(file, 'utf8').split('\n').filter(Boolean), stdout: result.stdout };
  }

  /** setUp, the test, cleanups last-in-first-out, then tearDown. */
  async test_phaseOrder() {
    const { steps } = await this.#trace([`${LIFECYCLE}:OrderTests`]);
    this.assertEqual(steps, ['order.setUp', 'order.test', 'order.cleanup2', 'order.cleanup1', 'order.tearDown']);
  }

  /** Promises returned by every phase and cleanup are awaited in order. */
  async test_asyncPhasesAreAwaited() {
    const { steps } = await this.#trace([`${LIFECYCLE}:AsyncOrderTests`]);
    this.assertEqual(steps, ['async.setUp', 'async.test', 'async.cleanup', 'async.tearDown']);
  }

  /** When setUp fails the test and tearDown do not run, but cleanups do; the test is an error. */
  async test_setUpFailureRunsCleanupsOnly() {
    const { steps, stdout } = await this.#trace([`${LIFECYCLE}:SetUpFailsTests`]);
    this.assertEqual(steps, ['setUpFails.cleanup']);
    this.assertEqual(Object.values(outcomesOf(stdout)), ['ERROR']);
    this.assertIn('Error: setUp broke', stdout);
  }

  /** skipTest in setUp skips the test and still runs its cleanups. */
  async test_skipInSetUpRunsCleanups() {
    const { steps, stdout } = await this.#trace([`${LIFECYCLE}:SkipInSetUpTests`]);
    this.assertEqual(steps, ['skipInSetUp.cleanup']);
    this.assertEqual(Object.values(outcomesOf(stdout)), ['SKIPPED']);
  }

  /** Each failing cleanup is its own error, and the remaining cleanups still run. */
  async test_failingCleanupsEachReportedOthersRun() {
    const { steps, stdout } = await this.#trace([`${LIFECYCLE}:CleanupFailsTests`]);
    this.assertEqual(steps, ['cleanupFails.test', 'cleanupFails.last']);
    this.assertIn('Error: second cleanup broke', stdout);
    this.assertIn('Error: first cleanup broke', stdout);
  }

  /** patch() is undone after the test's own later cleanups and before tearDown. */
  async test_patchIsRestored() {
    const { steps } = await this.#trace([`${LIFECYCLE}:PatchTests`]);
    this.assertEqual(steps, ['patch.during=patched', 'patch.cleanup=patched', 'patch.tearDown=real']);
  }
}

export class MarkerTests extends TestCase {
  /** skip, todo (with and without error types), class-level markers and static fields, method over class. */
  async test_markersDecideOutcomes() {
    const result = await runCli(['--reporter', 'verbose', MARKERS]);
    this.assertEqual(result.code, 1);
    const id = (name: string) => `${MARKERS}:${name}`;
    this.assertEqual(outcomesOf(result.stdout), {
      [id('DecoratorTests.test_plain')]: 'OK',
      [id('DecoratorTests.test_skipped')]: 'SKIPPED',
      [id('DecoratorTests.test_todoFails')]: 'TODO',
      [id('DecoratorTests.test_todoPasses')]: 'SUCCESS!?!',
      [id('DecoratorTests.test_todoWithOtherError')]: 'ERROR',
      [id('DecoratorTests.test_todoWithTypeFailsAsExpected')]: 'TODO',
      [id('MethodWinsTests.test_classTimeoutApplies')]: 'ERROR',
      [id('MethodWinsTests.test_methodTimeoutWins')]: 'OK',
      [id('SkippedClassTests.test_one')]: 'SKIPPED',
      [id('SkippedClassTests.test_two')]: 'SKIPPED',
      [id('StaticFieldTests.test_failsAsExpected')]: 'TODO',
    });
    this.assertNotIn('setUpClass must not run', result.stdout);
    this.assertIn("Reason: 'bug #4: should fail but does not'", result.stdout);
  }

  /** A hung promise or Deferred times out by name and phase; the next test still runs. */
  async test_timeoutsNameTheTestAndPhase() {
    const result = await runCli(['--reporter', 'verbose', 'fixtures/timeouts']);
    const file = 'fixtures/timeouts/test_timeouts.ts';
    this.assertEqual(outcomesOf(result.stdout), {
      [`${file}:SynchronousReturnsPromiseTests.test_returnsPromise`]: 'ERROR',
      [`${file}:TimeoutTests.test_hangsOnADeferred`]: 'ERROR',
      [`${file}:TimeoutTests.test_hangsOnAPromise`]: 'ERROR',
      [`${file}:TimeoutTests.test_zNextTestStillRuns`]: 'OK',
    });
    this.assertIn(`TimeoutError: ${file}:TimeoutTests.test_hangsOnAPromise still running in test after 0.2 s.`, result.stdout);
    this.assertIn('but the class extends SynchronousTestCase', result.stdout);
  }

  /** --timeout changes the default for tests without a timeout marker. */
  async test_timeoutOptionSetsTheDefault() {
    const result = await runCli(['--reporter', 'verbose', '--timeout', '0.1', `${MARKERS}:MethodWinsTests`]);
    this.assertEqual(Object.values(outcomesOf(result.stdout)), ['ERROR', 'OK']);
  }
}

export class LoggedErrorTests extends TestCase {
  /** logError, an unhandled failed Deferred and a throw in a timer fail the test that caused them. */
  async test_strayErrorsFailTheirTest() {
    const result = await runCli(['--reporter', 'verbose', 'fixtures/loggedErrors']);
    const file = 'fixtures/loggedErrors/test_loggedErrors.ts';
    this.assertEqual(outcomesOf(result.stdout), {
      [`${file}:CallbackErrorTests.test_throwInTimerDuringTest`]: 'ERROR',
      [`${file}:LoggedErrorTests.test_loggedAndFlushed`]: 'OK',
      [`${file}:LoggedErrorTests.test_loggedAndNotFlushed`]: 'ERROR',
      [`${file}:LoggedErrorTests.test_unhandledDeferredFailure`]: 'ERROR',
    });
    this.assertIn('SyntaxError: thrown in a timer callback', result.stdout);
    this.assertIn('RangeError: logged, not raised', result.stdout);
    this.assertIn('TypeError: nobody handled me', result.stdout);
  }
}
