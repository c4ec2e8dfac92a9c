/**
 * End to end: `trial-ts` over the leak fixtures. For each kind of leftover, the test that
 * left it errors with `DirtyReactorAggregateError` naming the kind and the fixture's exact
 * `file:line:column`, the next test passes, and nothing is left running after the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { LeakReport, RunnerEvent, SerializedError, TestEndEvent, TestLateErrorEvent } from '../../src/runner/events';
import { processAlive } from '../sidecar/sidecarTestSupport';
import { FIXTURES, ROOT, runCli, type CliResult } from '../support/runCli';

interface FixtureRun {
  result: CliResult;
  ends: Map<string, TestEndEvent>;
  late: TestLateErrorEvent[];
}

/** Run the CLI over one fixture folder (in-process), with the JSON events written to a file. */
async function runFixture(
  mktemp: () => string,
  fixture: string,
  options: { cwd?: string; target?: string; env?: Record<string, string> } = {},
): Promise<FixtureRun> {
  const base = mktemp();
  fs.mkdirSync(base, { recursive: true });
  const eventsFile = path.join(base, 'events.jsonl');
  const target = options.target ?? path.join(FIXTURES, fixture);
  const result = await runCli(
    ['--temp-directory', path.join(base, 'trial'), '--reporter', `json:${eventsFile}`, '--reporter', 'tree', target],
    { cwd: options.cwd, env: options.env, timeoutMs: 60_000 },
  );
  const events = fs.existsSync(eventsFile)
    ? fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunnerEvent)
    : [];
  const ends = new Map<string, TestEndEvent>();
  const late: TestLateErrorEvent[] = [];
  for (const event of events) {
    if (event.type === 'test:end') ends.set(event.test.methodName, event);
    if (event.type === 'test:lateError') late.push(event);
  }
  return { result, ends, late };
}

/**
 * The 1-based line and column of a fixture's creation site: the first line containing
 * `snippet`, at `called` (the called function's name, where V8 points) or else `snippet`.
 */
function locate(file: string, snippet: string, called = snippet): { file: string; line: number; column: number } {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(snippet));
  if (index === -1) throw new Error(`${snippet} not found in ${file}`);
  return { file, line: index + 1, column: lines[index].indexOf(called, lines[index].indexOf(snippet)) + 1 };
}

export class LeaksIntegrationTests extends TestCase {
  /** The dirty-reactor error of `method`, after checking the method errored. */
  #dirty(run: FixtureRun, method: string): SerializedError {
    const end = run.ends.get(method);
    this.assertEqual(end?.outcome, 'error', `${method}: ${JSON.stringify(end?.errors)}\n${run.result.stdout}${run.result.stderr}`);
    const error = end!.errors.find((e) => e.name === 'DirtyReactorAggregateError');
    this.assertTrue(error !== undefined, `${method} has no DirtyReactorAggregateError: ${JSON.stringify(end!.errors)}`);
    return error!;
  }

  /** One leak of `resourceType`, described with `words`, created at `snippet` in `file`. */
  #assertLeak(run: FixtureRun, method: string, resourceType: string, words: RegExp, file: string, snippet: string, called?: string): LeakReport {
    const error = this.#dirty(run, method);
    const where = locate(file, snippet, called);
    this.assertEqual(error.code, 'TRIAL_DIRTY_REACTOR');
    this.assertEqual(error.leaks?.length, 1, JSON.stringify(error.leaks));
    const leak = error.leaks![0];
    this.assertEqual(leak.resourceType, resourceType);
    this.assertTrue(words.test(leak.description), `${leak.description} does not match ${words}`);
    this.assertEqual(leak.createdAt, where);
    this.assertSubstring('Reactor was unclean.', error.message);
    // The runner writes paths in messages relative to the run's cwd (here ROOT).
    const described = leak.description.split(ROOT + path.sep).join('');
    this.assertSubstring(`${described}, created at ${where.file}:${where.line}:${where.column}.`, error.message);
    this.assertSubstring(leak.hint, error.message);
    return leak;
  }

  #assertPassed(run: FixtureRun, ...methods: string[]): void {
    for (const method of methods) {
      const end = run.ends.get(method);
      this.assertEqual(end?.outcome, 'success', `${method}: ${JSON.stringify(end?.errors)}`);
    }
  }

  /** The run ended by itself (no leftover kept it alive until the kill timeout). */
  #assertExited(run: FixtureRun, code: number): void {
    this.assertEqual(run.result.signal, null, run.result.stderr);
    this.assertEqual(run.result.code, code, run.result.stdout + run.result.stderr);
  }

  /** A 30 s setTimeout left behind errors its test; the next one passes. */
  async test_leakingTimerErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingTimer');
    const file = 'fixtures/leakingTimer/test_leakingTimer.ts';
    this.#assertLeak(run, 'test_leaksTimer', 'Timeout', /^a 30 s timer$/, file, 'setTimeout(() => undefined, 30_000)');
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
  }

  /** A setInterval is named as an interval, with its callback's name and clearInterval as the hint. */
  async test_leakingIntervalErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingInterval');
    const leak = this.#assertLeak(run, 'test_leaksInterval', 'Timeout', /^a 1 s interval calling `poll`$/, 'fixtures/leakingInterval/test_leakingInterval.ts', 'setInterval(function poll()');
    this.assertSubstring('clearInterval', leak.hint);
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** A self-rescheduling setImmediate is a leak; one pending setImmediate is not. */
  async test_leakingImmediateErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingImmediate');
    this.#assertLeak(run, 'test_leaksImmediateLoop', 'Immediate', /setImmediate calling `spin`/, 'fixtures/leakingImmediate/test_leakingImmediate.ts', 'setImmediate(spin);');
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** A listening server is named with its address and the line of `listen`. */
  async test_leakingServerErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingServer');
    this.#assertLeak(run, 'test_leaksServer', 'TCPSERVERWRAP', /^a TCP server on 127\.0\.0\.1:\d+$/, 'fixtures/leakingServer/test_leakingServer.ts', "listen(0, '127.0.0.1', resolve)");
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
  }

  /** A client socket is a leak (the suite's server and its accepted side are not). */
  async test_leakingClientSocketErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingSocket');
    this.#assertLeak(run, 'test_leaksClientSocket', 'TCPWRAP', /^a client socket to 127\.0\.0\.1:\d+$/, 'fixtures/leakingSocket/test_leakingSocket.ts', "connect(port, '127.0.0.1');");
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
  }

  /** A bound UDP socket is a leak. */
  async test_leakingUdpErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingUdp');
    this.#assertLeak(run, 'test_leaksUdpSocket', 'UDPWRAP', /^a UDP socket on 127\.0\.0\.1:\d+$/, 'fixtures/leakingUdp/test_leakingUdp.ts', "createSocket('udp4');");
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** An idle keep-alive socket is a warning only; a leaked HTTP server is an error. */
  async test_httpKeepAliveIsAWarningAndServerAnError(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingHttpKeepAlive');
    const file = 'fixtures/leakingHttpKeepAlive/test_leakingHttpKeepAlive.ts';
    this.#assertLeak(run, 'test_leaksHttpServer', 'TCPSERVERWRAP', /^an HTTP server on 127\.0\.0\.1:\d+$/, file, 'leaked.listen(0', 'listen');
    this.#assertPassed(run, 'test_keepAliveSocketIsAWarning', 'test_nextIsClean');
    const warnings = run.ends.get('test_keepAliveSocketIsAWarning')?.warnings ?? [];
    this.assertEqual(warnings.length, 1, JSON.stringify(warnings));
    this.assertSubstring('a keep-alive HTTP client socket to 127.0.0.1:', warnings[0]);
    this.#assertExited(run, 1);
  }

  /** A leaked `exec` child is reported with pid and command, and its whole tree is killed. */
  async test_leakingChildIsKilledWithItsTree(): Promise<void> {
    const pidDir = this.mktemp();
    const run = await runFixture(() => this.mktemp(), 'leakingChild', { env: { LEAK_PID_DIR: pidDir } });
    const child = Number(fs.readFileSync(path.join(pidDir, 'child.pid'), 'utf8'));
    const grandchild = Number(fs.readFileSync(path.join(pidDir, 'grandchild.pid'), 'utf8'));
    const leak = this.#assertLeak(run, 'test_leaksChildProcess', 'PROCESSWRAP', /^child process \d+ `\/bin\/sh -c sleep 100/, 'fixtures/leakingChild/test_leakingChild.ts', 'exec(`sleep 100');
    this.assertSubstring(`child process ${child} `, leak.description);
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
    this.assertEqual([child, grandchild].filter(processAlive), []);
  }

  /** fs.watch and fs.watchFile are leaks, each on its own test. */
  async test_leakingWatchersErrorTheirTests(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingWatcher');
    const file = 'fixtures/leakingWatcher/test_leakingWatcher.ts';
    this.#assertLeak(run, 'test_leaksFsWatch', 'FSEVENTWRAP', /fs\.watch\)$/, file, 'watch(dir, () => undefined)');
    this.#assertLeak(run, 'test_leaksFsWatchFile', 'STATWATCHER', /fs\.watchFile\)$/, file, 'watchFile(file,');
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
  }

  /** An open FileHandle (created with no async context by Node) is charged to its test, at the open line. */
  async test_leakingFileHandleErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingFileHandle');
    this.#assertLeak(run, 'test_leaksFileHandle', 'FILEHANDLE', /^an open file handle \(fd \d+\)$/, 'fixtures/leakingFileHandle/test_leakingFileHandle.ts', "open(file, 'r');");
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** A running worker thread is a leak and is stopped. */
  async test_leakingWorkerErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakingWorker');
    this.#assertLeak(run, 'test_leaksWorker', 'WORKER', /^worker thread \d+$/, 'fixtures/leakingWorker/test_leakingWorker.ts', "new Worker('setInterval");
    this.#assertPassed(run, 'test_nextIsClean');
    this.#assertExited(run, 1);
  }

  /** setUp's leak is its test's, also when setUp fails (both errors reported); the next class is clean. */
  async test_leakInSetUpIsChargedToItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakInSetUp');
    const file = 'fixtures/leakInSetUp/test_leakInSetUp.ts';
    this.#assertLeak(run, 'test_bodyIsClean', 'Timeout', /^a 20 s timer$/, file, 'setTimeout(() => undefined, 20_000);');
    const failing = run.ends.get('test_neverRuns');
    this.assertEqual(failing?.errors.map((e) => e.name), ['Error', 'DirtyReactorAggregateError']);
    this.assertEqual(failing?.errors[0].message, 'setUp failed');
    this.#assertPassed(run, 'test_isClean');
  }

  /** A SynchronousTestCase is checked too, and a leak is added to a real failure, not instead of it. */
  async test_leakInSyncTestCaseAndAlongsideFailure(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakInSyncTestCase');
    this.#assertLeak(run, 'test_leaksServer', 'TCPSERVERWRAP', /^a TCP server on /, 'fixtures/leakInSyncTestCase/test_leakInSyncTestCase.ts', 'listen(0)');
    this.#assertPassed(run, 'test_nextIsClean');
    const both = run.ends.get('test_failsAndLeaks');
    this.assertEqual(both?.outcome, 'failure');
    this.assertEqual(both?.errors.map((e) => e.name), ['AssertionError', 'DirtyReactorAggregateError']);
  }

  /** What a cleanup starts is its test's leak. */
  async test_leakInCleanupIsChargedToItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakInCleanup');
    this.#assertLeak(run, 'test_cleanupLeaks', 'Timeout', /^a 15 s timer$/, 'fixtures/leakInCleanup/test_leakInCleanup.ts', 'setTimeout(() => undefined, 15_000)');
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** A throw in a timer after its test ended is charged late to that test, not to the one running. */
  async test_lateThrowIsChargedToItsOwnTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'lateThrowInTimer');
    this.#assertPassed(run, 'test_b_runsWhenItFires');
    this.assertEqual(run.late.map((e) => [e.test?.methodName, e.error.message]), [['test_a_schedulesLateThrow', 'late boom from test_a']]);
    const during = run.ends.get('test_c_throwsDuringTest');
    this.assertEqual(during?.outcome, 'error');
    this.assertEqual(during?.errors.map((e) => e.message), ['boom inside test_c']);
    this.#assertExited(run, 1);
  }

  /** Unhandled rejections (immediate, or of a floating async function) error their own tests. */
  async test_unhandledRejectionsErrorTheirTests(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'unhandledRejection');
    this.assertEqual(run.ends.get('test_rejectsUnhandled')?.errors.map((e) => e.message), ['nobody handled this']);
    this.assertEqual(run.ends.get('test_floatingAsyncRejects')?.errors.map((e) => e.message), ['floating async function failed']);
    this.#assertPassed(run, 'test_nextIsClean');
    this.assertEqual(run.late, []);
  }

  /** A failed Deferred nobody handled errors its test. */
  async test_unhandledDeferredErrorsItsTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'unhandledDeferred');
    const end = run.ends.get('test_failsUnhandled');
    this.assertEqual(end?.outcome, 'error');
    this.assertSubstring('unhandled deferred failure', end!.errors.map((e) => e.message).join('\n'));
    this.#assertPassed(run, 'test_nextIsClean');
  }

  /** A suite-level server and pool of connections used by every test is not a leak. */
  async test_suitePoolIsNotALeak(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'suitePool');
    this.#assertPassed(run, 'test_firstUse', 'test_secondUse', 'test_bothConnections');
    this.assertEqual(run.ends.get('test_firstUse')?.warnings, undefined);
    this.#assertExited(run, 0);
  }

  /** An opted-out test's leftovers are not blamed on the test running while they live. */
  async test_optOutLeftoversAreNeverBlamedOnTheNextTest(): Promise<void> {
    const run = await runFixture(() => this.mktemp(), 'leakOptOut');
    this.#assertPassed(run, 'test_a_optsOutAndLeaves', 'test_b_runsWhileItIsAlive', 'test_leavesAnInterval');
    this.assertEqual(run.late, []);
    this.#assertExited(run, 0);
  }

  /** config `leaks.ignore` allows a helper module's timer; the test's own timer still errors. */
  async test_ignoreConfigAllowsByKindAndModule(): Promise<void> {
    const cwd = path.join(FIXTURES, 'leakIgnoreConfig');
    const run = await runFixture(() => this.mktemp(), 'leakIgnoreConfig', { cwd, target: 'test' });
    this.#assertPassed(run, 'test_cacheTimerIsAllowed', 'test_z_lastOutlivesCache');
    const error = this.#dirty(run, 'test_ownTimerStillFails');
    this.assertEqual(error.leaks?.map((l) => [l.description, l.createdAt?.file, l.createdAt?.line]), [['a 10 s timer', 'test/test_leakIgnoreConfig.ts', 12]]);
  }
}
