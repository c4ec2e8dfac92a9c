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
 *    never a leak and never closed, whichever test triggered it, and neither is what it
 *    creates after that test ended (the late sweep applies the same policy).
 * 6. A leak never replaces a real failure: `collect` returns data, and the runner adds
 *    the `DirtyReactorAggregateError` alongside the test's other errors.
 * 7. Errors are charged by async context; once the test is collected they go to the
 *    late-error handler with the test's id (or `null` for `<not in test>`). Errors of a
 *    test whose leaks the janitor closed are the closing's echo and are dropped.
 * 8. Timer globals, the cwd and `process.env` are compared and put back (globalState.ts).
 *
 * @packageDocumentation
 */
import { realTimers } from '../runner/realTimers';
import { closeAndWait, immediateTurn, timerTurn } from './closeAndWait';
import { dirtyReactorError } from './dirtyReactorError';
import { installErrorCapture } from './errorCapture';
import type { CollectResult, Janitor, LateErrorHandler, LeakPolicy, TestScope } from './interfaces';
import { restoreGlobals, snapshotGlobals, watchEnv } from './globalState';
import { judgeLeftovers, type JudgeContext } from './judge';
import { LateErrors } from './lateErrors';
import { isClosing, isLive } from './liveness';
import { isProcessWideTracked } from './processWide';
import { isContextRecord, type SuiteRecord, type TestRecord, type Tracked } from './records';
import { isIgnored } from './report';
import { ResourceLedger } from './resourceLedger';
import { selfCheck } from './selfCheck';
import { settle } from './settle';
import { getTracker, type Tracker } from './tracker';

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
  return new ThreadJanitor(options);
}

/** What a collected test changed in the globals, by name. */
type GlobalChanges = Pick<CollectResult, 'changedGlobals' | 'changedEnv'>;

/** The janitor of one thread: {@link Janitor}'s contract, on a {@link ResourceLedger}. */
class ThreadJanitor implements Janitor {
  readonly #cwd: string;
  readonly #bounds: { turns: number; windowMs: number };
  readonly #checkGlobals: boolean;
  readonly #env: ReturnType<typeof watchEnv> | null;
  readonly #closeTimeoutMs: number;
  readonly #tracker: Tracker;
  readonly #track: boolean;
  readonly #owner: object = {};
  readonly #suiteRecord: SuiteRecord = { kind: 'suite', owner: this.#owner };
  readonly #ledger: ResourceLedger;
  readonly #late = new LateErrors();
  readonly #judging: JudgeContext;
  readonly #removeCapture: () => void;

  constructor(options: JanitorOptions) {
    this.#cwd = options.cwd;
    this.#bounds = { turns: options.settleTurns ?? 4, windowMs: options.settleWindowMs ?? 1000 };
    this.#checkGlobals = options.checkGlobals ?? true;
    this.#env = this.#checkGlobals ? watchEnv() : null;
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    this.#tracker = getTracker();
    const ledger = (this.#ledger = new ResourceLedger(this.#tracker.als, this.#owner, options.stackFrames ?? 12));
    this.#judging = { cwd: this.#cwd, lookup: ledger.lookup, closeAll: (list) => this.#closeAll(list), remember: (t) => ledger.remember(t) };
    this.#removeCapture = installErrorCapture(
      { als: this.#tracker.als, owner: this.#owner, recordOfAsyncId: (asyncId) => ledger.recordOf(asyncId), runningTest: () => ledger.running },
      (record, error) => {
        if (record?.closedByJanitor === true) return;
        if (record !== null && record.state !== 'ended') record.scope.logError(error);
        else this.#late.deliver(record === null ? null : record.id, error);
      },
    );
    // Materialise the lazily created stdio handles now, outside any test.
    void process.stdout;
    void process.stderr;
    this.#track = options.track ?? true;
    if (this.#track) {
      selfCheck();
      this.#tracker.pushSink(ledger.sink);
    }
  }

  runInTest<T>(scope: TestScope, fn: () => T): T {
    let running = this.#ledger.running;
    if (running === null || running.id !== scope.id) {
      running = { kind: 'test', owner: this.#owner, id: scope.id, scope, state: 'running', optedOut: false, tracked: [], closedByJanitor: false, madePromise: false };
      if (this.#checkGlobals) {
        running.globals = snapshotGlobals();
        this.#env?.begin();
      }
      this.#ledger.begin(running);
    }
    return this.#tracker.als.run(running, fn);
  }

  runInSuite<T>(fn: () => T): T {
    return this.#tracker.als.run(this.#suiteRecord, fn);
  }

  collect(testId: string, policy: LeakPolicy): CollectResult | Promise<CollectResult> {
    const running = this.#ledger.running;
    const record = running !== null && running.id === testId ? running : null;
    if (record === null) return this.#collectWithoutTest(policy);
    record.state = 'collecting';
    // Node reports an unhandled rejection only once it leaves the microtask queue: one
    // immediate turn, so that `void Promise.reject(e)` in a sync test fails that test.
    // Only a test that made a promise can have one; the others keep the fast path.
    if (record.madePromise) return this.#tracker.als.exit(immediateTurn).then(() => this.#collectRecord(record, policy));
    return this.#collectRecord(record, policy);
  }

  async #collectWithoutTest(policy: LeakPolicy): Promise<CollectResult> {
    return { leaks: [], unrefLeaks: [], needsRecycle: !(await this.#sweepLate(policy)), changedGlobals: [], changedEnv: [] };
  }

  #collectRecord(record: TestRecord, policy: LeakPolicy): CollectResult | Promise<CollectResult> {
    const changes = this.#globalChanges(record);
    if (!this.#ledger.hasLate && record.tracked.length === 0) {
      // The common case: the test created nothing the janitor tracks, and costs no promise.
      this.#ledger.end(record);
      this.#ledger.forgetTest(record);
      return { leaks: [], unrefLeaks: [], needsRecycle: false, ...changes };
    }
    return this.#collectTracked(record, policy).then((result) => ({ ...result, ...changes }));
  }

  async #collectTracked(record: TestRecord, policy: LeakPolicy): Promise<Omit<CollectResult, keyof GlobalChanges>> {
    let needsRecycle = !(await this.#sweepLate(policy));
    record.optedOut = !policy.check;
    // An opted-out test's leftovers are remembered whatever their state: no need to wait.
    if (!record.optedOut) await settle(this.#settleSource(record), this.#bounds);
    const live = record.tracked.filter((t) => isLive(t.type, t.resource));
    this.#ledger.end(record);
    this.#ledger.pruneRemembered();
    const judged: Tracked[] = [];
    for (const t of live) {
      if (record.optedOut || isIgnored(t, policy.ignore, this.#ledger.lookup) || isProcessWideTracked(t)) this.#ledger.remember(t);
      else judged.push(t);
    }
    if (judged.length > 0) record.closedByJanitor = true;
    const result = await judgeLeftovers(judged, this.#judging);
    if (!result.closed) needsRecycle = true;
    this.#ledger.forgetTest(record);
    return { leaks: result.leaks, unrefLeaks: result.unrefLeaks, needsRecycle };
  }

  /**
   * Close what ended tests created after they were collected, and report it against them.
   * The collect policy holds here too: a socket undici's global pool keeps (process-wide,
   * so remembered) goes on making timers in the context of the test that opened it each
   * time a later test's fetch reuses it; those are the pool's, not that test's.
   */
  async #sweepLate(policy: LeakPolicy): Promise<boolean> {
    if (!this.#ledger.hasLate) return true;
    const byTest = new Map<string, Tracked[]>();
    for (const t of this.#ledger.takeLate()) {
      if (!isLive(t.type, t.resource)) continue;
      if (isIgnored(t, policy.ignore, this.#ledger.lookup) || isProcessWideTracked(t)) this.#ledger.remember(t);
      else {
        const list = byTest.get(t.record.id);
        if (list === undefined) byTest.set(t.record.id, [t]);
        else list.push(t);
      }
    }
    let closed = true;
    for (const [testId, list] of byTest) {
      const result = await judgeLeftovers(list, this.#judging);
      if (!result.closed) closed = false;
      // Late, even an unreferenced leftover of the test's own code is an error: the test
      // has no outcome left to carry a warning.
      const leaks = [...result.leaks, ...result.unrefLeaks];
      if (leaks.length > 0) this.#late.deliver(testId, dirtyReactorError(leaks));
    }
    return closed;
  }

  /** Put back the globals the test changed: names of what differed. */
  #globalChanges(record: TestRecord): GlobalChanges {
    const changedGlobals = record.globals === undefined ? [] : restoreGlobals(record.globals);
    return { changedGlobals, changedEnv: this.#env === null ? [] : this.#env.end() };
  }

  #settleSource(record: TestRecord) {
    const als = this.#tracker.als;
    return {
      items: () => record.tracked,
      isLive: (t: Tracked) => isLive(t.type, t.resource),
      isClosing: (t: Tracked) => isClosing(t.type, t.resource),
      turn: (kind: 'immediate' | 'timer', ms: number) => als.exit(() => (kind === 'immediate' ? immediateTurn() : timerTurn(ms))),
      now: () => realTimers.now(),
    };
  }

  #closeAll(list: readonly Tracked[]): Promise<boolean> {
    return closeAndWait(list, this.#tracker.als, this.#closeTimeoutMs);
  }

  currentScope(): TestScope | undefined {
    const store = this.#tracker.als.getStore();
    if (!isContextRecord(store, this.#owner) || store.kind !== 'test') return undefined;
    if (store.state !== 'ended') return store.scope;
    const id = store.id;
    return { id, logError: (error) => this.#late.deliver(id, error) };
  }

  onLateError(handler: LateErrorHandler): void {
    this.#late.onLateError(handler);
  }

  close(): void {
    if (this.#track) this.#tracker.removeSink(this.#ledger.sink);
    this.#removeCapture();
    this.#env?.uninstall();
    this.#ledger.clear();
  }
}
