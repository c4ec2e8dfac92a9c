/**
 * The janitor's ledger of one thread: every resource a test creates, charged to the test
 * whose async context created it (or to the test that created the resource that did), the
 * creation stacks that link resources back to the test's code, and the leftovers it must
 * remember but never blame. Its {@link ResourceLedger.sink} is the thread's init hook sink.
 *
 * @packageDocumentation
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { isLive, TRACKED_TYPES, watchWorkerStop } from './liveness';
import { isContextRecord, type TestRecord, type Tracked } from './records';
import type { StackLink } from './report';
import { captureCreationStack, type InitSink } from './tracker';

/** Most creation stacks of `process.nextTick` callbacks kept per test (they only link resources to user code). */
const MAX_TICK_LINKS = 4096;

/** Frames captured for a callback's creation stack (a link, never reported itself). */
const LINK_FRAMES = 10;

/** Tracked resources, by test, of one janitor. */
export class ResourceLedger {
  readonly #als: AsyncLocalStorage<object>;
  /** Brand of the janitor's context records. */
  readonly #owner: object;
  readonly #stackFrames: number;
  /** Native handles created in tests, by async id: accepted sockets and errors find their test here. */
  readonly #byAsyncId = new Map<number, Tracked>();
  /** Creation stacks of `process.nextTick` callbacks run in the current test. */
  readonly #ticks = new Map<number, StackLink>();
  /** Leftovers of opted-out tests and allow-listed leftovers: never blamed, dropped once closed. */
  #remembered: Tracked[] = [];
  /** Resources created in a test's context after it was collected. */
  #lateTracked: Tracked[] = [];
  #running: TestRecord | null = null;
  #lastFsRequest = 0;

  /**
   * @param als - the thread's async-context store.
   * @param owner - the brand of this janitor's context records.
   * @param stackFrames - frames captured when a resource is created.
   */
  constructor(als: AsyncLocalStorage<object>, owner: object, stackFrames: number) {
    this.#als = als;
    this.#owner = owner;
    this.#stackFrames = stackFrames;
    this.sink.promise = () => {
      const running = this.#running;
      if (running !== null && !running.madePromise && this.#als.getStore() === running) running.madePromise = true;
    };
  }

  /** Receives each resource the thread's hook sees: charges it to a test, or links a callback. */
  readonly sink: InitSink = (asyncId, type, triggerAsyncId, resource) => {
    if (!TRACKED_TYPES.has(type)) return this.#link(asyncId, type, triggerAsyncId);
    const store = this.#als.getStore();
    let record: TestRecord | null | undefined;
    let trigger = triggerAsyncId;
    if (isContextRecord(store, this.#owner)) {
      record = store.kind === 'suite' ? undefined : store;
    } else if (type === 'FILEHANDLE') {
      // A FileHandle is created with no async context at all: it belongs to the running
      // test, and was most likely opened by the test's latest fs.promises request.
      record = this.#running;
      trigger = this.#lastFsRequest;
    } else {
      record = this.#byAsyncId.get(triggerAsyncId)?.record;
    }
    if (record === undefined || record === null) return;
    this.#track({ asyncId, type, triggerAsyncId: trigger, resource, stack: captureCreationStack(this.sink, this.#stackFrames), record });
  };

  /** Keep the creation stacks of callbacks the running test schedules: they lead leaks back to its code. */
  #link(asyncId: number, type: string, triggerAsyncId: number): void {
    const running = this.#running;
    if (running === null || this.#als.getStore() !== running || this.#ticks.size >= MAX_TICK_LINKS) return;
    if (type === 'TickObject') {
      this.#ticks.set(asyncId, { stack: captureCreationStack(this.sink, LINK_FRAMES), triggerAsyncId });
    } else if (type === 'FSREQPROMISE') {
      this.#ticks.set(asyncId, { stack: captureCreationStack(this.sink, LINK_FRAMES), triggerAsyncId });
      this.#lastFsRequest = asyncId;
    }
  }

  #track(tracked: Tracked): void {
    const { record, type } = tracked;
    if (type !== 'Timeout' && type !== 'Immediate') this.#byAsyncId.set(tracked.asyncId, tracked);
    // A worker being terminated is closing, not leaked; Node shows no such state (liveness.ts).
    if (type === 'WORKER') watchWorkerStop(tracked.resource);
    if (record.state !== 'ended') record.tracked.push(tracked);
    else if (record.optedOut) this.#remembered.push(tracked);
    else this.#lateTracked.push(tracked);
  }

  /** The test running now (from `runInTest` until it is collected), or null. */
  get running(): TestRecord | null {
    return this.#running;
  }

  /**
   * A test starts running: what its context creates is charged to it.
   *
   * @param record - the test's record.
   */
  begin(record: TestRecord): void {
    this.#running = record;
  }

  /**
   * The running test is collected: nothing more is charged to it as running.
   *
   * @param record - the test's record, marked ended.
   */
  end(record: TestRecord): void {
    record.state = 'ended';
    this.#running = null;
  }

  /**
   * Where a resource or callback came from, for leak reports.
   *
   * @param asyncId - a tracked resource's or linked callback's async id.
   * @returns its creation stack and trigger, if known.
   */
  readonly lookup = (asyncId: number): StackLink | undefined => this.#byAsyncId.get(asyncId) ?? this.#ticks.get(asyncId);

  /**
   * The test that created a tracked resource.
   *
   * @param asyncId - the resource's async id.
   */
  recordOf(asyncId: number): TestRecord | undefined {
    return this.#byAsyncId.get(asyncId)?.record;
  }

  /** Whether ended tests created resources since they were collected. */
  get hasLate(): boolean {
    return this.#lateTracked.length > 0;
  }

  /** Take the resources ended tests created after they were collected, and forget them. */
  takeLate(): Tracked[] {
    const late = this.#lateTracked;
    this.#lateTracked = [];
    this.#forget(late);
    return late;
  }

  /**
   * Remember a leftover that is never blamed (opted out, allowed, process-wide, Node's own).
   *
   * @param tracked - the leftover.
   */
  remember(tracked: Tracked): void {
    this.#remembered.push(tracked);
  }

  /** Drop remembered leftovers that have closed since. */
  pruneRemembered(): void {
    this.#remembered = this.#remembered.filter((t) => isLive(t.type, t.resource) || (this.#byAsyncId.delete(t.asyncId), false));
  }

  /**
   * Forget a collected test's resources (but the remembered ones) and the callbacks it linked.
   *
   * @param record - the collected test.
   */
  forgetTest(record: TestRecord): void {
    if (record.tracked.length > 0) {
      const keep = new Set(this.#remembered);
      this.#forget(record.tracked.filter((t) => !keep.has(t)));
      record.tracked = [];
    }
    if (this.#ticks.size > 0) this.#ticks.clear();
    this.#lastFsRequest = 0;
  }

  #forget(list: readonly Tracked[]): void {
    for (const t of list) this.#byAsyncId.delete(t.asyncId);
  }

  /** Forget everything (the janitor closes). */
  clear(): void {
    this.#running = null;
    this.#byAsyncId.clear();
    this.#ticks.clear();
    this.#remembered = [];
    this.#lateTracked = [];
  }
}
