/** Which test a stray error belongs to: its async context first, then the resource it came from, then the running test. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SynchronousTestCase } from 'trial-ts';
import { attributeError, installErrorCapture, type AttributionSource } from '../../src/janitor/errorCapture';
import type { TestRecord } from '../../src/janitor/records';

const owner = {};
const record = (id: string): TestRecord =>
  ({ kind: 'test', owner, id, scope: { id, logError: () => undefined }, state: 'running', optedOut: false, tracked: [], closedByJanitor: false, madePromise: false }) as TestRecord;

function source(als: AsyncLocalStorage<object>, byResource: TestRecord | undefined, running: TestRecord | null): AttributionSource {
  return { als, owner, recordOfAsyncId: () => byResource, runningTest: () => running };
}

export class AttributeErrorTests extends SynchronousTestCase {
  /** The async context's test wins over the resource's and the running one. */
  test_contextFirst(): void {
    const als = new AsyncLocalStorage<object>();
    const a = record('a');
    const got = als.run(a, () => attributeError(source(als, record('b'), record('c'))));
    this.assertIdentical(got, a);
  }

  /** With no context, the test that created the current resource; else the running test; else none. */
  test_fallbacks(): void {
    const als = new AsyncLocalStorage<object>();
    const b = record('b');
    const c = record('c');
    this.assertIdentical(attributeError(source(als, b, c)), b);
    this.assertIdentical(attributeError(source(als, undefined, c)), c);
    this.assertIdentical(attributeError(source(als, undefined, null)), null);
  }

  /** Another janitor's records are not this one's: they count as no context. */
  test_foreignStoreIgnored(): void {
    const als = new AsyncLocalStorage<object>();
    const foreign = { ...record('x'), owner: {} };
    this.assertIdentical(als.run(foreign, () => attributeError(source(als, undefined, null))), null);
  }
}

export class InstallErrorCaptureTests extends SynchronousTestCase {
  /** Installing adds one listener per process event, and the returned function removes exactly those. */
  test_listenersAddedAndRemoved(): void {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const remove = installErrorCapture(source(new AsyncLocalStorage<object>(), undefined, null), () => undefined);
    this.assertEqual([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')], [before[0] + 1, before[1] + 1]);
    remove();
    this.assertEqual([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')], before);
  }
}
