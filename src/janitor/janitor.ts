/**
 * The per-thread janitor: it proves each test left nothing running, names what it left
 * and where, closes it, and charges stray errors to the test they belong to.
 *
 * Policy (each point has a fixture under fixtures/ and an end-to-end test in
 * test/janitor/test_leaksIntegration.ts):
 * 1. Resources created at suite level (module top level, `setUpClass`, sidecar
 *    clients) are the baseline and never leaks: only what is created in a test's async
 *    context (or by a resource the test created) is charged to it.
 * 2. Leaks of a test that opted out, or allowed by `leaks.ignore`, are remembered and
 *    never charged to a later test, nor closed.
 * 3. Before judging, the loop settles (settle.ts): at most `settleTurns` turns while
 *    something the test created is still open, then up to `settleWindowMs` while
 *    something is already closing by itself; a test that left nothing costs one
 *    immediate turn (so that an unhandled rejection reaches it, see `collect`).
 * 4. Process-wide state (processWide.ts: the HTTP date cache, undici's global pool) is
 *    never a leak and never closed, whichever test triggered it.
 * 6. A leak never replaces a real failure: `collect` returns data, and the runner adds
 *    the `DirtyReactorAggregateError` alongside the test's other errors.
 * 7. Errors are charged by async context; once the test is collected they go to the
 *    late-error handler with the test's id (or `null` for `<not in test>`). Errors of a
 *    test whose leaks the janitor closed are the closing's echo and are dropped.
 * 8. Timer globals, the cwd and `process.env` are compared and put back (globalState.ts).
 *
 * @packageDocumentation
 */
import type { LeakReport } from '../runner/events';
import { realTimers } from '../runner/realTimers';
import { closeAndWait, immediateTurn, timerTurn } from './closeAndWait';
import { dependents } from './dependents';
import { dirtyReactorError } from './dirtyReactorError';
import { installErrorCapture } from './errorCapture';
import type { CollectResult, Janitor, LateErrorHandler, LeakPolicy, TestScope } from './interfaces';
import { restoreGlobals, snapshotGlobals, watchEnv } from './globalState';
import { isClosing, isLive, isRefed, TRACKED_TYPES } from './liveness';
import { isProcessWideTracked } from './processWide';
import { isContextRecord, type SuiteRecord, type TestRecord, type Tracked } from './records';
import { buildReport, groupReports, isIgnored, type StackLink } from './report';
import { selfCheck } from './selfCheck';
import { settle } from './settle';
import { captureCreationStack, getTracker } from './tracker';

/** Options of {@link createJanitor}. */
export interface JanitorOptions {
  /** The run's working directory: creation sites are reported relative to it. */
  cwd: string;
  /** Most loop turns to let pending work settle before judging (default 4). */
  settleTurns?: number;
  /** Longest wait for resources that are already closing by themselves (default 1000 ms). */
  settleWindowMs?: number;
  /** Compare and restore timer globals, the cwd and `process.env` after every test (default true). */
  checkGlobals?: boolean;
  /** How long closed resources may take to go away before the worker must be recycled (default 2000 ms). */
  closeTimeoutMs?: number;
  /** Stack frames captured when a resource is created (default 12). */
  stackFrames?: number;
  /**
   * Track resources at all (default true). With `false` (a run with `--no-clean-reactor`)
   * no async hook is installed and `collect` finds nothing; errors are still attributed.
   */
  track?: boolean;
}

/** Most creation stacks of `process.nextTick` callbacks kept per test (they only link resources to user code). */
const MAX_TICK_LINKS = 4096;

/**
 * Create the janitor of this thread. Call once, before the first test: it installs the
 * thread's async hook and the process's error listeners, and touches `process.stdout`
 * and `process.stderr` so that their lazily created pipes are never blamed on a test.
 *
 * @param options - see {@link JanitorOptions}.
 * @returns the janitor; `close()` it when the thread is done with tests.
 * @example
 * ```ts
 * const janitor = createJanitor({ cwd: process.cwd() });
 * await janitor.runInTest(scope, () => runTestPhases());
 * const { leaks, unrefLeaks, needsRecycle } = await janitor.collect(test.id, { check: true, ignore: [] });
 * ```
 */
export function createJanitor(options: JanitorOptions): Janitor {
  const cwd = options.cwd;
  const bounds = { turns: options.settleTurns ?? 4, windowMs: options.settleWindowMs ?? 1000 };
  const checkGlobals = options.checkGlobals ?? true;
  const env = checkGlobals ? watchEnv() : null;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const stackFrames = options.stackFrames ?? 12;
  const tracker = getTracker();
  const als = tracker.als;
  const owner: object = {};
  const suiteRecord: SuiteRecord = { kind: 'suite', owner };
  /** Native handles created in tests, by async id: accepted sockets and errors find their test here. */
  const byAsyncId = new Map<number, Tracked>();
  /** Creation stacks of `process.nextTick` callbacks run in the current test. */
  const ticks = new Map<number, StackLink>();
  /** Leftovers of opted-out tests and allow-listed leftovers: never blamed, dropped once closed. */
  let remembered: Tracked[] = [];
  /** Resources created in a test's context after it was collected. */
  let lateTracked: Tracked[] = [];
  let running: TestRecord | null = null;
  let lastFsRequest = 0;
  let lateHandler: LateErrorHandler | null = null;
  const pendingLate: Array<[string | null, unknown]> = [];

  const lookup = (asyncId: number): StackLink | undefined => byAsyncId.get(asyncId) ?? ticks.get(asyncId);

  function sink(asyncId: number, type: string, trigger: number, resource: object): void {
    let triggerAsyncId = trigger;
    const store = als.getStore();
    if (!TRACKED_TYPES.has(type)) {
      if (store !== running || running === null || ticks.size >= MAX_TICK_LINKS) return;
      if (type === 'TickObject') ticks.set(asyncId, { stack: captureCreationStack(sink, 10), triggerAsyncId });
      else if (type === 'FSREQPROMISE') {
        ticks.set(asyncId, { stack: captureCreationStack(sink, 10), triggerAsyncId });
        lastFsRequest = asyncId;
      }
      return;
    }
    let record: TestRecord | undefined;
    if (isContextRecord(store, owner)) {
      if (store.kind === 'suite') return;
      record = store;
    } else if (type === 'FILEHANDLE') {
      // A FileHandle is created with no async context at all: it belongs to the running
      // test, and was most likely opened by the test's latest fs.promises request.
      if (running === null) return;
      record = running;
      triggerAsyncId = lastFsRequest;
    } else {
      record = byAsyncId.get(triggerAsyncId)?.record;
      if (record === undefined) return;
    }
    const tracked: Tracked = {
      asyncId,
      type,
      triggerAsyncId,
      resource,
      stack: captureCreationStack(sink, stackFrames),
      record,
    };
    if (type !== 'Timeout' && type !== 'Immediate') byAsyncId.set(asyncId, tracked);
    if (record.state !== 'ended') record.tracked.push(tracked);
    else if (record.optedOut) remembered.push(tracked);
    else lateTracked.push(tracked);
  }

  function deliverLate(testId: string | null, error: unknown): void {
    if (lateHandler === null) pendingLate.push([testId, error]);
    else lateHandler(testId, error);
  }

  const removeCapture = installErrorCapture(
    {
      als,
      owner,
      recordOfAsyncId: (asyncId) => byAsyncId.get(asyncId)?.record,
      runningTest: () => running,
    },
    (record, error) => {
      if (record?.closedByJanitor === true) return;
      if (record !== null && record.state !== 'ended') record.scope.logError(error);
      else deliverLate(record === null ? null : record.id, error);
    },
  );

  // Materialise the lazily created stdio handles now, outside any test.
  void process.stdout;
  void process.stderr;
  sink.promise = (): void => {
    if (running !== null && !running.madePromise && als.getStore() === running) running.madePromise = true;
  };
  const track = options.track ?? true;
  if (track) {
    selfCheck();
    tracker.pushSink(sink);
  }

  const settleSource = (record: TestRecord) => ({
    items: () => record.tracked,
    isLive: (t: Tracked) => isLive(t.type, t.resource),
    isClosing: (t: Tracked) => isClosing(t.type, t.resource),
    turn: (kind: 'immediate' | 'timer', ms: number) => als.exit(() => (kind === 'immediate' ? immediateTurn() : timerTurn(ms))),
    now: () => realTimers.now(),
  });

  const closeAll = (list: readonly Tracked[]): Promise<boolean> => closeAndWait(list, als, closeTimeoutMs);

  function forget(list: readonly Tracked[]): void {
    for (const t of list) byAsyncId.delete(t.asyncId);
  }

  /** Close what ended tests created after they were collected, and report it against them. */
  async function sweepLate(): Promise<boolean> {
    if (lateTracked.length === 0) return true;
    const live = lateTracked.filter((t) => isLive(t.type, t.resource));
    forget(lateTracked);
    lateTracked = [];
    const byTest = new Map<string, LeakReport[]>();
    for (const t of live) {
      const reports = byTest.get(t.record.id) ?? [];
      reports.push(buildReport(t, cwd, lookup));
      byTest.set(t.record.id, reports);
    }
    const closed = await closeAll(live);
    for (const [testId, leaks] of byTest) deliverLate(testId, dirtyReactorError(leaks));
    return closed;
  }

  /** Put back the globals the test changed: names of what differed. */
  function globalChanges(record: TestRecord): { changedGlobals: string[]; changedEnv: string[] } {
    const changedGlobals = record.globals === undefined ? [] : restoreGlobals(record.globals);
    return { changedGlobals, changedEnv: env === null ? [] : env.end() };
  }

  async function collect(testId: string, policy: LeakPolicy): Promise<CollectResult> {
    const record = running !== null && running.id === testId ? running : null;
    if (record === null) return { leaks: [], unrefLeaks: [], needsRecycle: !(await sweepLate()), changedGlobals: [], changedEnv: [] };
    record.state = 'collecting';
    // Node reports an unhandled rejection only once it leaves the microtask queue: one
    // immediate turn, so that `void Promise.reject(e)` in a sync test fails that test.
    // Only a test that made a promise can have one; the others keep the fast path.
    if (record.madePromise) await als.exit(immediateTurn);
    const changes = globalChanges(record);
    if (lateTracked.length === 0 && record.tracked.length === 0) {
      // The common case: the test created nothing the janitor tracks.
      record.state = 'ended';
      running = null;
      if (ticks.size > 0) ticks.clear();
      lastFsRequest = 0;
      return { leaks: [], unrefLeaks: [], needsRecycle: false, ...changes };
    }
    return { ...(await collectTracked(record, policy)), ...changes };
  }

  async function collectTracked(record: TestRecord, policy: LeakPolicy): Promise<Omit<CollectResult, 'changedGlobals' | 'changedEnv'>> {
    let needsRecycle = !(await sweepLate());
    record.optedOut = !policy.check;
    // An opted-out test's leftovers are remembered whatever their state: no need to wait.
    if (!record.optedOut) await settle(settleSource(record), bounds);
    const live = record.tracked.filter((t) => isLive(t.type, t.resource));
    record.state = 'ended';
    running = null;
    remembered = remembered.filter((t) => isLive(t.type, t.resource) || (byAsyncId.delete(t.asyncId), false));
    const judged: Tracked[] = [];
    for (const t of live) {
      if (record.optedOut || isIgnored(t, policy.ignore, lookup) || isProcessWideTracked(t)) remembered.push(t);
      else judged.push(t);
    }
    if (judged.length > 0) record.closedByJanitor = true;
    const result = await judge(judged);
    if (!result.closed) needsRecycle = true;
    const keep = new Set(remembered);
    forget(record.tracked.filter((t) => !keep.has(t)));
    record.tracked = [];
    ticks.clear();
    lastFsRequest = 0;
    return { leaks: result.leaks, unrefLeaks: result.unrefLeaks, needsRecycle };
  }

  /** Report and close the live leftovers of a test. */
  async function judge(judged: readonly Tracked[]): Promise<{ leaks: LeakReport[]; unrefLeaks: LeakReport[]; closed: boolean }> {
    if (judged.length === 0) return { leaks: [], unrefLeaks: [], closed: true };
    const refed = judged.filter((t) => isRefed(t.type, t.resource));
    const hidden = dependents(refed);
    const leaks = groupReports(refed.filter((t) => !hidden.has(t)).map((t) => buildReport(t, cwd, lookup)));
    let closed = await closeAll(refed);
    // Closing a server or a socket also clears its own unreferenced helpers (idle
    // timers): judge handles after the referenced leaks are closed, and timers last.
    const unrefLeaks: LeakReport[] = [];
    const rest = judged.filter((t) => !refed.includes(t));
    for (const timers of [false, true]) {
      const unref: Tracked[] = [];
      for (const t of rest) {
        if ((t.type === 'Timeout') !== timers || !isLive(t.type, t.resource)) continue;
        const report = buildReport(t, cwd, lookup);
        // Node's own lazy caches (http's date timer) are unreferenced and made with no frame
        // of the test on the stack: not the test's doing, and closing them would break Node.
        if (report.createdAt === undefined) {
          remembered.push(t);
          continue;
        }
        unref.push(t);
        unrefLeaks.push(report);
      }
      if (!(await closeAll(unref))) closed = false;
    }
    return { leaks, unrefLeaks: groupReports(unrefLeaks), closed };
  }

  return {
    runInTest<T>(scope: TestScope, fn: () => T): T {
      if (running === null || running.id !== scope.id) {
        running = { kind: 'test', owner, id: scope.id, scope, state: 'running', optedOut: false, tracked: [], closedByJanitor: false, madePromise: false };
        if (checkGlobals) {
          running.globals = snapshotGlobals();
          env?.begin();
        }
      }
      return als.run(running, fn);
    },
    runInSuite<T>(fn: () => T): T {
      return als.run(suiteRecord, fn);
    },
    collect,
    currentScope(): TestScope | undefined {
      const store = als.getStore();
      if (!isContextRecord(store, owner) || store.kind !== 'test') return undefined;
      if (store.state !== 'ended') return store.scope;
      const id = store.id;
      return { id, logError: (error) => deliverLate(id, error) };
    },
    onLateError(handler: LateErrorHandler): void {
      lateHandler = handler;
      for (const [testId, error] of pendingLate.splice(0)) handler(testId, error);
    },
    close(): void {
      if (track) tracker.removeSink(sink);
      removeCapture();
      env?.uninstall();
      running = null;
      byAsyncId.clear();
      ticks.clear();
      remembered = [];
      lateTracked = [];
    },
  };
}
