/**
 * Runs work units in this thread: load each file, collect its classes, and for each class
 * acquire its sidecars, run `setUpClass`, its tests one by one, then `tearDownClass`.
 * Used unchanged by the in-process path and by every worker.
 *
 * @packageDocumentation
 */
import { activateSidecars, installSidecarConnection } from '../sidecar/sidecarRegistry';
import { classSkipOf, markersOf } from '../unittest/markers';
import { collectTests, testFileSource, type CollectedClass } from './collect';
import { collectWarnings, exportsNoTestClass, NoExportedTestsError, warningsForUnit } from './collectWarnings';
import type { EventSink, SerializedError, TestDescription } from './events';
import type { WorkUnit } from './interfaces';
import { importTestFile } from './loader/registerTypeScript';
import { logTestFileModules } from './moduleGraphLog';
import { messages } from './messages';
import { nextTurn, realTimers } from './realTimers';
import { declaredSidecars, runCase, timeoutMsOf } from './runCase';
import { guardProcessExit } from './processExitGuard';
import { serializeError } from './serializeError';
import { relativePath } from './stack';
import { snapshotStore } from '../unittest/snapshotStore';
import type { WorkerState } from './workerState';

type ClassHook = () => unknown;

/** Longest stretch of tests run without letting the event loop turn. */
const YIELD_EVERY_MS = 50;

/**
 * Report every test of a class with the same outcome, without running it. A skipped
 * test's reason is its own `skip` when it has one: the method's marker beats the class's.
 */
function reportAll(entry: CollectedClass, state: WorkerState, emit: EventSink, outcome: 'skip' | 'error', detail: { reason?: string; error?: SerializedError; notRun?: boolean }): void {
  for (const test of entry.tests) {
    const markers = markersOf(entry.cls, test.methodName);
    const reason = outcome === 'skip' ? markers.skip ?? detail.reason : detail.reason;
    // A test skipped by its own marker would not have run anyway: a plain skip, not "not run".
    const notRun = detail.notRun === true && markers.skip === undefined;
    emit({ type: 'test:start', test, worker: state.config.workerIndex, timeoutMs: timeoutMsOf(markers, state) });
    emit({
      type: 'test:end',
      test,
      worker: state.config.workerIndex,
      outcome,
      durationMs: 0,
      errors: detail.error === undefined ? [] : [detail.error],
      ...(reason === undefined ? {} : { reason }),
      ...(notRun ? { notRun } : {}),
    });
  }
}

/** A sidecar's start failure, as the broker reports it to a class (in this thread or from the main process). */
function isSidecarUnavailable(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'SidecarUnavailableError';
}

/** Run a static class hook at suite level; returns the error it raised, if any. */
async function runClassHook(entry: CollectedClass, name: 'setUpClass' | 'tearDownClass', state: WorkerState): Promise<unknown> {
  const hook = (entry.cls as unknown as Record<string, unknown>)[name] as ClassHook | undefined;
  if (typeof hook !== 'function') return undefined;
  state.beforeClassHook?.();
  try {
    await state.janitor.runInSuite(() => hook.call(entry.cls));
    return undefined;
  } catch (error) {
    return error ?? new Error(`${name} failed`);
  }
}

/** Make the class's declared sidecars (`static sidecars = ['db']`) available in this thread. */
async function acquireSidecars(entry: CollectedClass, state: WorkerState): Promise<void> {
  const names = declaredSidecars(entry.cls);
  activateSidecars(names);
  for (const name of names) {
    const known = state.sidecars.get(name);
    if (known !== undefined) {
      installSidecarConnection(name, known); // a per-test connection may be installed
      continue;
    }
    const connection = await state.requestSidecar(name);
    installSidecarConnection(name, connection);
    state.sidecars.set(name, connection);
  }
}

async function runClass(entry: CollectedClass, state: WorkerState, emit: EventSink, shouldStop: () => boolean): Promise<void> {
  const cwd = state.config.cwd;
  if (state.config.dryRun) {
    for (const test of entry.tests) await runCase(entry.cls, test, state, emit);
    return;
  }
  const skipReason = classSkipOf(entry.cls);
  if (skipReason !== undefined) return reportAll(entry, state, emit, 'skip', { reason: skipReason });
  try {
    await acquireSidecars(entry, state);
  } catch (error) {
    // A sidecar that could not start: its tests are not run (the run still fails, exit 3).
    if (isSidecarUnavailable(error)) return reportAll(entry, state, emit, 'skip', { reason: (error as Error).message, notRun: true });
    reportAll(entry, state, emit, 'error', { error: serializeError(error, cwd) });
    return;
  }
  const setUpError = await runClassHook(entry, 'setUpClass', state);
  if (setUpError !== undefined) {
    const serialized = serializeError(setUpError, cwd);
    serialized.message = `${messages.setUpClassFailed(entry.name)}\n${serialized.message}`;
    reportAll(entry, state, emit, 'error', { error: serialized });
  } else {
    let lastTurn = realTimers.now();
    for (const test of entry.tests) {
      if (shouldStop()) break;
      await runCase(entry.cls, test, state, emit);
      // Synchronous tests never give the loop a turn; without one now and then a child
      // process would not hear -x or Ctrl-C from the main process until the file ended.
      if (realTimers.now() - lastTurn > YIELD_EVERY_MS) {
        await nextTurn();
        lastTurn = realTimers.now();
      }
    }
  }
  const tearDownError = await runClassHook(entry, 'tearDownClass', state);
  if (tearDownError !== undefined) {
    const classTest = entry.tests[0];
    const owner: TestDescription = { id: `${classTest.file}:${entry.name}`, file: classTest.file, className: entry.name, methodName: '' };
    const serialized = serializeError(tearDownError, cwd);
    serialized.message = `${messages.tearDownClassFailed(entry.name)}\n${serialized.message}`;
    emit({ type: 'test:lateError', test: owner, worker: state.config.workerIndex, error: serialized });
  }
}

/** Write the snapshots the unit's tests added; a write error is reported as the file's error. */
function flushSnapshots(unit: WorkUnit, state: WorkerState, emit: EventSink): void {
  if (state.config.dryRun) return;
  try {
    snapshotStore().flush();
  } catch (error) {
    reportLoadError(unit.file, error, state, emit);
  }
}

/** Report a file that could not be loaded as one error result with the file's id. */
function reportLoadError(file: string, error: unknown, state: WorkerState, emit: EventSink): void {
  const relative = relativePath(state.config.cwd, file);
  const test: TestDescription = { id: relative, file: relative, className: '', methodName: '' };
  // A name that is not UTF-8 reaches us with U+FFFD in it, and no file has that name:
  // say so, rather than "cannot find module" with the loader's own path.
  const serialized: SerializedError = relative.includes('\uFFFD')
    ? { name: 'InvalidFileNameError', message: messages.fileNameNotUtf8(relative), stack: '' }
    : serializeError(error, state.config.cwd);
  emit({ type: 'test:start', test, worker: state.config.workerIndex, timeoutMs: 0 });
  emit({ type: 'test:end', test, worker: state.config.workerIndex, outcome: 'error', durationMs: 0, errors: [serialized] });
}

/**
 * Attach the file's collection warnings to its first collected class. A file that
 * declares test classes but exports none is an error: it can only ever run nothing.
 */
function withCollectWarnings(classes: CollectedClass[], moduleExports: Record<string, unknown>, unit: WorkUnit, source: string): CollectedClass[] {
  const warnings = collectWarnings(moduleExports, source);
  if (warnings.length === 0) return classes;
  if (exportsNoTestClass(moduleExports)) throw new NoExportedTestsError(warnings.map((w) => w.message));
  const forUnit = warningsForUnit(warnings, moduleExports, unit.className);
  if (classes.length > 0 && forUnit.length > 0) classes[0] = { ...classes[0], warnings: forUnit };
  return classes;
}

/**
 * Load a unit's file and collect its classes; a load error is reported and yields nothing.
 */
export async function loadUnit(unit: WorkUnit, state: WorkerState, emit: EventSink): Promise<CollectedClass[]> {
  const { cwd, order, seed, grep } = state.config;
  let loaded = false;
  try {
    const moduleExports = await state.janitor.runInSuite(() => importTestFile(unit.file));
    loaded = true;
    const source = testFileSource(unit.file);
    const classes = collectTests(moduleExports, unit, { cwd, order, seed, grep }, source);
    return withCollectWarnings(classes, moduleExports, unit, source);
  } catch (error) {
    reportLoadError(unit.file, error, state, emit);
    return [];
  } finally {
    if (state.config.moduleGraphDir !== undefined) logTestFileModules(state.config.moduleGraphDir, unit.file, loaded);
  }
}

/** A sink that adds `warnings` to the first `test:end` passing through it. */
function warnOnFirstEnd(emit: EventSink, warnings: string[]): EventSink {
  let pending = true;
  return (event) => {
    if (pending && event.type === 'test:end') {
      pending = false;
      return emit({ ...event, warnings: [...warnings, ...(event.warnings ?? [])] });
    }
    emit(event);
  };
}

/**
 * Run the units in order in this thread, emitting `test:start`/`test:end` for each test.
 *
 * @param units - files (optionally narrowed to a class and methods).
 * @param state - this thread's state.
 * @param emit - where events go.
 * @param shouldStop - checked between tests (`-x`, Ctrl-C).
 */
export async function runUnits(units: readonly WorkUnit[], state: WorkerState, emit: EventSink, shouldStop: () => boolean): Promise<void> {
  state.emit = emit;
  const restoreExit = guardProcessExit();
  try {
    for (const unit of units) {
      if (shouldStop()) return;
      try {
        for (const entry of await loadUnit(unit, state, emit)) {
          if (shouldStop()) return;
          await runClass(entry, state, entry.warnings === undefined ? emit : warnOnFirstEnd(emit, entry.warnings), shouldStop);
        }
      } finally {
        // The file's snapshots are written once it is done (or stopped), under the file's lock.
        flushSnapshots(unit, state, emit);
      }
      // Let close callbacks of the last test settle before the next file starts.
      await nextTurn();
    }
  } finally {
    restoreExit();
  }
}

/**
 * The tests the units select, without running them (for `--shard`, `-n` and planning).
 */
export async function listTests(units: readonly WorkUnit[], state: WorkerState, emit: EventSink): Promise<TestDescription[]> {
  const tests: TestDescription[] = [];
  for (const unit of units) {
    for (const entry of await loadUnit(unit, state, emit)) tests.push(...entry.tests);
  }
  return tests;
}
