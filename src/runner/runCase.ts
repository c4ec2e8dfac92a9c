/**
 * Runs one test, as named steps: setUp → test method → cleanups → tearDown → janitor,
 * then {@link classify} decides the one outcome and a single `test:end` is emitted.
 * Every step runs in the test's async context, so whatever it starts is charged to it.
 *
 * @packageDocumentation
 */
import { drainUnhandledErrors, isDeferred, TimeoutError } from '@trial-ts/runtime/internal';
import { markersOf, type Markers } from '../unittest/markers';
import { TEST_INTERNALS, type TestInternals } from '../unittest/synchronousTestCase';
import { ChangedGlobalsError } from '../janitor/changedGlobalsError';
import { dirtyReactorError } from '../janitor/dirtyReactorError';
import { formatChangedEnv } from '../janitor/messages';
import type { CollectResult, TestScope } from '../janitor/interfaces';
import type { CapturedOutput, EventSink, TestDescription, TestEndEvent } from './events';
import { retriesOf, runAttempts } from './runAttempts';
import { caseArgsOf, splitCaseName } from '../unittest/parametrize';
import type { SnapshotContext } from '../unittest/matchSnapshot';
import { snapshotPathOf } from '../unittest/snapshotFile';
import * as path from 'node:path';
import { classify, type Phase, type Problem } from './outcome';
import { nextTurn, realTimers } from './realTimers';
import { serializeError } from './serializeError';
import type { WorkerState } from './workerState';
import { messages } from './messages';
import { afterSidecarTest, beforeSidecarTest } from '../sidecar/transactionIsolation';
import { installSidecarConnection } from '../sidecar/sidecarRegistry';
import type { SidecarConnection } from '../sidecar/interfaces';

/** Fresh databases for the sidecars among `names` whose isolation is `database-per-test`. */
async function perTestConnections(names: readonly string[], state: WorkerState): Promise<[string, SidecarConnection][]> {
  const wanted = names.filter((name) => state.sidecars.get(name)?.isolation === 'database-per-test');
  return Promise.all(wanted.map(async (name): Promise<[string, SidecarConnection]> => [name, await state.requestSidecarForTest(name)]));
}

/** Give back a test's own databases and put the worker's connections back in place. */
async function releasePerTest(perTest: ReadonlyMap<string, SidecarConnection>, state: WorkerState): Promise<void> {
  for (const [name, connection] of perTest) {
    installSidecarConnection(name, state.sidecars.get(name)!);
    await state.releaseSidecarForTest(name, connection);
  }
}

/** The class's `static sidecars` (names of the sidecars its tests use). */
export function declaredSidecars(cls: Function): string[] {
  const names = (cls as unknown as { sidecars?: unknown }).sidecars;
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

/** Trial's default timeout for each phase, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

interface TestInstance {
  [TEST_INTERNALS](): TestInternals;
  setUp(): unknown;
  tearDown(): unknown;
  [method: string]: unknown;
}

interface RunningTest {
  test: TestDescription;
  instance: TestInstance;
  internals: TestInternals;
  scope: TestScope;
  timeoutMs: number;
  problems: Problem[];
  state: WorkerState;
  /** Where the test's snapshots live, and which it checked (also on `internals.snapshot`). */
  snapshot: SnapshotContext;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The test's timeout in ms: its marker, else `--timeout`, else 120 s. */
export function timeoutMsOf(markers: Markers, state: WorkerState): number {
  return (markers.timeout ?? state.config.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/**
 * Call one phase in the test's async context and, when it returns a promise or a
 * Deferred, wait for it, up to the timeout. Records a problem instead of throwing. A
 * phase that returns anything else is done at once: no promise is made for it (most
 * phases of most tests; each promise costs the leak checker's hook a call).
 *
 * @returns true when the phase succeeded; a promise of that when it returned a thenable.
 */
function runPhase(running: RunningTest, phase: Phase, fn: () => unknown): boolean | Promise<boolean> {
  const { state, scope } = running;
  let result: unknown;
  try {
    result = state.janitor.runInTest(scope, fn);
  } catch (error) {
    running.problems.push({ phase, error });
    return false;
  }
  if (!isThenable(result)) return true;
  if (running.internals.synchronous) {
    // Awaiting would hide that the class is synchronous; not awaiting would let it pass silently.
    Promise.resolve(result).catch(() => undefined);
    running.problems.push({ phase, error: new TypeError(messages.synchronousReturnedPromise(running.test.id, phase)) });
    return false;
  }
  return awaitPhase(running, phase, result);
}

/** The phase returned a thenable: wait for it, up to the timeout. */
async function awaitPhase(running: RunningTest, phase: Phase, result: PromiseLike<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = realTimers.setTimeout(() => resolve('timeout'), running.timeoutMs);
  });
  const finished = Promise.resolve(result).then(() => 'done' as const);
  try {
    const settled = await Promise.race([finished, timedOut]);
    if (settled === 'timeout') return await timeOut(running, phase, result, finished);
    return true;
  } catch (error) {
    running.problems.push({ phase, error });
    return false;
  } finally {
    realTimers.clearTimeout(timer);
  }
}

/**
 * A phase ran out of time. As in Trial, a Deferred it returned that has not fired is
 * errbacked with the `TimeoutError`, so the test's own errbacks see it (and may even
 * recover); the phase's outcome is then what the Deferred ends with. A promise cannot be
 * rejected from outside, and a Deferred that fired but waits on another one cannot fire
 * again: those time out as they are. A Deferred still unsettled one loop turn after the
 * errback is stuck on another one, and times out too.
 *
 * @throws what the Deferred ends with after the errback, for the caller to record.
 */
async function timeOut(running: RunningTest, phase: Phase, result: PromiseLike<unknown>, finished: Promise<'done'>): Promise<boolean> {
  const error = new TimeoutError(messages.phaseTimedOut(running.test.id, phase, running.timeoutMs));
  if (isDeferred(result) && !result.called) {
    running.state.janitor.runInTest(running.scope, () => result.errback(error));
    const afterErrback = await Promise.race([finished, nextTurn().then(() => 'stuck' as const)]);
    if (afterErrback === 'done') return true;
  }
  running.problems.push({ phase, error });
  return false;
}

/** Generator functions of both kinds: calling one runs none of its body. */
function isGeneratorFunction(fn: unknown): boolean {
  const tag = Object.prototype.toString.call(fn);
  return tag === '[object GeneratorFunction]' || tag === '[object AsyncGeneratorFunction]';
}

/**
 * Run the test method (with its case's arguments when it is parametrized), unless it is a
 * generator function (Trial's error: it would pass unrun).
 */
function runMethod(running: RunningTest): boolean | Promise<boolean> {
  const { instance, test } = running;
  const { method: methodName, caseName } = splitCaseName(test.methodName);
  const method = instance[methodName] as (...args: unknown[]) => unknown;
  if (isGeneratorFunction(method)) {
    running.problems.push({ phase: 'method', error: new TypeError(messages.generatorMethod(test.id, methodName)) });
    return false;
  }
  let args: readonly unknown[];
  try {
    args = caseArgsOf(method, caseName);
  } catch (error) {
    running.problems.push({ phase: 'method', error });
    return false;
  }
  return runPhase(running, 'test', () => method.apply(instance, args as unknown[]));
}

async function runCleanups(running: RunningTest): Promise<void> {
  const { cleanups } = running.internals;
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await runPhase(running, 'cleanup', () => (cleanup.fn as (...args: unknown[]) => unknown)(...cleanup.args));
  }
}

/** Leaks found after the test; a problem unless `--unclean-warnings`. A promise only when the janitor needed one. */
function runJanitor(running: RunningTest, markers: Markers, warnings: string[]): void | Promise<void> {
  const { state, test } = running;
  for (const error of drainUnhandledErrors()) running.internals.loggedErrors.push(error);
  const result = state.janitor.collect(test.id, {
    check: state.config.cleanReactor && markers.cleanReactor,
    ignore: state.config.leakIgnore,
  });
  if (result instanceof Promise) return result.then((collected) => judgeCollected(running, collected, warnings));
  judgeCollected(running, result, warnings);
}

/** What the janitor found becomes the test's problems and warnings. */
function judgeCollected(running: RunningTest, result: CollectResult, warnings: string[]): void {
  const { state } = running;
  if (result.needsRecycle) state.needsRecycle = true;
  if (result.changedGlobals.length > 0) running.problems.push({ phase: 'janitor', error: new ChangedGlobalsError(result.changedGlobals) });
  if (result.changedEnv.length > 0) warnings.push(formatChangedEnv(result.changedEnv));
  for (const leak of result.unrefLeaks) warnings.push(messages.unrefLeak(leak));
  if (result.leaks.length === 0) return;
  if (state.config.uncleanWarnings) {
    for (const leak of result.leaks) warnings.push(messages.leakWarning(leak));
    return;
  }
  running.problems.push({ phase: 'janitor', error: dirtyReactorError(result.leaks) });
}

/**
 * Each test file's snapshot file, absolute and as displayed, by test file and for one cwd
 * (asked once per test: keyed by the description's own string, whose hash V8 keeps).
 */
const snapshotFiles = new Map<string, { cwd: string; file: string; displayFile: string }>();

/** Where the test's snapshots live (`__snapshots__/<file>.snap` beside it) and what may be written. */
function snapshotContext(test: TestDescription, state: WorkerState): SnapshotContext {
  const cwd = state.config.cwd;
  let files = snapshotFiles.get(test.file);
  if (files === undefined || files.cwd !== cwd) {
    files = { cwd, file: snapshotPathOf(path.resolve(cwd, test.file)), displayFile: snapshotPathOf(test.file).split(path.sep).join('/') };
    snapshotFiles.set(test.file, files);
  }
  return {
    file: files.file,
    displayFile: files.displayFile,
    testName: `${test.className}.${test.methodName}`,
    mode: state.config.snapshotMode ?? 'new',
    checked: [],
  };
}

function endEvent(test: TestDescription, state: WorkerState, started: number, fields: Partial<TestEndEvent>): TestEndEvent {
  return {
    type: 'test:end',
    test,
    worker: state.config.workerIndex,
    outcome: 'success',
    durationMs: realTimers.now() - started,
    errors: [],
    ...fields,
  };
}

/**
 * Run one test of `cls` and emit its `test:start` and `test:end`.
 *
 * @param cls - the test class.
 * @param test - the test's description.
 * @param state - this thread's runner state.
 * @param emit - where events go.
 * @returns the `test:end` event.
 */
export async function runCase(cls: new (methodName: string) => object, test: TestDescription, state: WorkerState, emit: EventSink): Promise<TestEndEvent> {
  const markers = markersOf(cls, test.methodName);
  const timeoutMs = timeoutMsOf(markers, state);
  const retries = retriesOf(markers, state);
  const started = realTimers.now();
  state.tests.set(test.id, test);
  emit({ type: 'test:start', test, worker: state.config.workerIndex, timeoutMs: timeoutMs * (retries + 1), time: realTimers.dateNow() });
  let end: TestEndEvent;
  if (state.config.dryRun) end = endEvent(test, state, started, {});
  else if (markers.skip !== undefined) end = endEvent(test, state, started, { outcome: 'skip', reason: markers.skip });
  else if (retries === 0) end = await runInstance(cls, test, markers, timeoutMs, state, realTimers.now());
  else end = await runAttempts(() => runInstance(cls, test, markers, timeoutMs, state, realTimers.now()), retries);
  emit(end);
  return end;
}


/** One attempt at a test: a fresh instance through every step, then its one `test:end`. */
async function runInstance(
  cls: new (methodName: string) => object,
  test: TestDescription,
  markers: Markers,
  timeoutMs: number,
  state: WorkerState,
  started: number,
): Promise<TestEndEvent> {
  let instance: TestInstance;
  try {
    instance = new cls(test.methodName) as TestInstance;
  } catch (error) {
    return endEvent(test, state, started, { outcome: 'error', errors: [serializeError(error, state.config.cwd)] });
  }
  const running = startRunning(instance, test, timeoutMs, state);
  const { internals } = running;
  const output: CapturedOutput = { stdout: '', stderr: '' };
  const warnings: string[] = [];
  state.capture.start({
    captureOutput: state.config.captureOutput,
    output,
    onWarning: (name, message) => internals.warnings.push({ name, message }),
  });
  const perTest = new Map<string, SidecarConnection>();
  try {
    await runSteps(running, declaredSidecarsIn(cls, state), perTest, markers, warnings);
  } finally {
    state.capture.stop();
    if (perTest.size > 0) await releasePerTest(perTest, state);
  }
  for (const error of internals.loggedErrors) running.problems.push({ phase: 'logged', error });
  internals.loggedErrors.length = 0;
  for (const warning of internals.warnings) warnings.push(`${warning.name}: ${warning.message}`);
  state.collectGarbage?.();
  return endEvent(test, state, started, resultFields(running, markers, warnings, output));
}

/** Hand the instance its id, temp dir and snapshot context; the test's scope collects logged errors. */
function startRunning(instance: TestInstance, test: TestDescription, timeoutMs: number, state: WorkerState): RunningTest {
  const internals = instance[TEST_INTERNALS]();
  internals.id = test.id;
  internals.tempDir = state.config.tempDir;
  const snapshot = snapshotContext(test, state);
  internals.snapshot = snapshot;
  return {
    test,
    instance,
    internals,
    timeoutMs,
    problems: [],
    state,
    snapshot,
    scope: { id: test.id, logError: (error) => internals.loggedErrors.push(error) },
  };
}

/** The sidecars of `cls` this thread holds connections to (none without sidecars). */
function declaredSidecarsIn(cls: Function, state: WorkerState): string[] {
  return state.sidecars.size > 0 ? declaredSidecars(cls) : [];
}

/** setUp → test method → cleanups → tearDown → janitor, inside the sidecars' per-test isolation. */
async function runSteps(running: RunningTest, sidecars: readonly string[], perTest: Map<string, SidecarConnection>, markers: Markers, warnings: string[]): Promise<void> {
  const { state, instance } = running;
  // Sidecar isolation (a transaction per test) is runner-owned work: outside the test's context.
  if (sidecars.length > 0) {
    await state.janitor.runInSuite(async () => {
      for (const [name, connection] of await perTestConnections(sidecars, state)) {
        perTest.set(name, connection);
        installSidecarConnection(name, connection);
      }
      await beforeSidecarTest(sidecars);
    });
  }
  // A step that returns no thenable costs no promise of its own; the await after it still
  // lets the microtasks it queued run before the next step, as they always have. Most
  // tests add no cleanup: they skip that step's promise too.
  const setUpOk = await runPhase(running, 'setUp', () => instance.setUp());
  if (setUpOk) await runMethod(running);
  if (running.internals.cleanups.length > 0) await runCleanups(running);
  if (setUpOk) await runPhase(running, 'tearDown', () => instance.tearDown());
  if (sidecars.length > 0) await state.janitor.runInSuite(() => afterSidecarTest(sidecars));
  const janitor = runJanitor(running, markers, warnings);
  if (janitor !== undefined) await janitor;
}

/** The `test:end` fields of a finished attempt: the one outcome {@link classify} decides, and what the test left. */
function resultFields(running: RunningTest, markers: Markers, warnings: string[], output: CapturedOutput): Partial<TestEndEvent> {
  const decided = classify(running.problems, markers.todo);
  const fields: Partial<TestEndEvent> = {
    outcome: decided.outcome,
    errors: decided.problems.map((problem) => serializeError(problem.error, running.state.config.cwd)),
  };
  if (decided.reason !== undefined) fields.reason = decided.reason;
  if (markers.todo !== undefined && markers.todo.errors.length > 0 && (decided.outcome === 'expectedFailure' || decided.outcome === 'unexpectedSuccess')) {
    fields.expectedErrors = markers.todo.errors.map((type) => (typeof type === 'string' ? type : type.name));
  }
  if (warnings.length > 0) fields.warnings = warnings;
  if (output.stdout !== '' || output.stderr !== '') fields.output = output;
  const snapshot = running.snapshot;
  if (snapshot.checked.length > 0) fields.snapshots = { file: snapshot.displayFile, keys: snapshot.checked };
  return fields;
}
