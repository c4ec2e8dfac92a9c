/**
 * Stray errors — a throw in a timer or socket callback, an unhandled promise rejection
 * — are charged to the test in whose async context they started, never to whichever
 * test happens to run (measured on Node 20 before the janitor was written). The order:
 * 1. the rejected promise's own async-context store (a rejection);
 * 2. the current async-context store;
 * 3. the test that created the current (or triggering) async resource — natives that
 *    start with no context, such as a net server's accepted sockets;
 * 4. the test running right now (a `queueMicrotask` throw has no context at all);
 * 5. otherwise no test: `<not in test>`.
 * Before all that, an error raised in the runner's own context (runnerContext.ts) is
 * trial-ts's, not a test's: it goes to the runner-error handler.
 * The process never crashes on them: both process events always have a listener.
 *
 * @packageDocumentation
 */
import { executionAsyncId, triggerAsyncId, type AsyncLocalStorage } from 'node:async_hooks';
import { isContextRecord, type TestRecord } from './records';
import { isRunnerContext, reportRunnerError } from './runnerContext';

/** What error attribution needs from the janitor. */
export interface AttributionSource {
  readonly als: AsyncLocalStorage<object>;
  /** The brand of this janitor's context records. */
  readonly owner: object;
  /** The test that created the tracked resource with this async id. */
  recordOfAsyncId(asyncId: number): TestRecord | undefined;
  /** The test running now (from `runInTest` until `collect` ends it), or null. */
  runningTest(): TestRecord | null;
}

function storeOfPromise(source: AttributionSource, promise: unknown): unknown {
  if (typeof promise !== 'object' || promise === null) return undefined;
  const key = (source.als as unknown as { kResourceStore?: unknown }).kResourceStore;
  if (typeof key !== 'symbol') return undefined;
  return (promise as Record<symbol, unknown>)[key];
}

function fromStore(source: AttributionSource, store: unknown): TestRecord | null | undefined {
  if (!isContextRecord(store, source.owner)) return undefined;
  return store.kind === 'test' ? store : null;
}

/**
 * The test an error belongs to, or null for none.
 *
 * @param source - the janitor's view of tests and resources.
 * @param promise - the rejected promise, for an unhandled rejection.
 */
export function attributeError(source: AttributionSource, promise?: unknown): TestRecord | null {
  let suiteLevel = false;
  for (const store of [storeOfPromise(source, promise), source.als.getStore()]) {
    const record = fromStore(source, store);
    if (record !== undefined && record !== null) return record;
    if (record === null) suiteLevel = true;
  }
  if (!suiteLevel) {
    const byResource = source.recordOfAsyncId(executionAsyncId()) ?? source.recordOfAsyncId(triggerAsyncId());
    if (byResource !== undefined) return byResource;
  }
  return source.runningTest();
}

/** Where an attributed error goes: to its test, or to no test (`null`). */
export type ErrorDelivery = (record: TestRecord | null, error: unknown) => void;

/**
 * Install the process's `uncaughtException` and `unhandledRejection` listeners.
 *
 * @param source - attribution (see {@link attributeError}).
 * @param deliver - receives each error with its test.
 * @returns a function that removes both listeners.
 */
export function installErrorCapture(source: AttributionSource, deliver: ErrorDelivery): () => void {
  const handle = (error: unknown, promise?: unknown): void => {
    try {
      if (isRunnerContext(storeOfPromise(source, promise) ?? source.als.getStore()) && reportRunnerError(error)) return;
      deliver(attributeError(source, promise), error);
    } catch {
      // Reporting an error must never become a crash of its own.
    }
  };
  const onException = (error: Error): void => handle(error);
  const onRejection = (reason: unknown, promise: Promise<unknown>): void => handle(reason, promise);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
  };
}
