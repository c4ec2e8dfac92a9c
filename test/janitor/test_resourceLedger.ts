/**
 * Tests for src/janitor/resourceLedger.ts, driving its sink by hand: a resource is charged
 * to the test whose context made it (or whose resource triggered it), never to the suite;
 * a FileHandle goes to the running test; what an ended test makes is late.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SynchronousTestCase } from 'trial-ts';
import type { TestRecord, SuiteRecord } from '../../src/janitor/records';
import { ResourceLedger } from '../../src/janitor/resourceLedger';

/** A stand-in for an open native handle (liveness asks for its async id). */
function openHandle(asyncId: number): object {
  return { getAsyncId: () => asyncId };
}

/** Tests of charging resources to tests. */
export class ResourceLedgerTests extends SynchronousTestCase {
  readonly #als = new AsyncLocalStorage<object>();
  readonly #owner = {};

  #ledger(): ResourceLedger {
    return new ResourceLedger(this.#als, this.#owner, 4);
  }

  #record(id: string): TestRecord {
    return { kind: 'test', owner: this.#owner, id, scope: { id, logError: () => undefined }, state: 'running', optedOut: false, tracked: [], closedByJanitor: false, madePromise: false };
  }

  /** Made in a test's context: the test's; made by its socket with no context: the test's too; at suite level: nobody's. */
  test_chargesByContextAndTrigger() {
    const ledger = this.#ledger();
    const record = this.#record('t1');
    ledger.begin(record);
    this.#als.run(record, () => ledger.sink(10, 'TCPWRAP', 1, openHandle(10)));
    ledger.sink(11, 'TCPWRAP', 10, openHandle(11));
    const suite: SuiteRecord = { kind: 'suite', owner: this.#owner };
    this.#als.run(suite, () => ledger.sink(12, 'TCPWRAP', 1, openHandle(12)));
    this.assertEqual(record.tracked.map((t) => t.asyncId), [10, 11]);
    this.assertIdentical(ledger.recordOf(11), record);
    this.assertIdentical(ledger.recordOf(12), undefined);
    this.assertNotIdentical(ledger.lookup(10), undefined);
  }

  /** A FileHandle has no context: it is the running test's, triggered by its latest fs.promises request. */
  test_fileHandleGoesToRunningTest() {
    const ledger = this.#ledger();
    const record = this.#record('t1');
    ledger.begin(record);
    this.#als.run(record, () => ledger.sink(20, 'FSREQPROMISE', 1, {}));
    ledger.sink(21, 'FILEHANDLE', 0, { fd: 3 });
    this.assertEqual(record.tracked.map((t) => [t.asyncId, t.triggerAsyncId]), [[21, 20]]);
    ledger.end(record);
    ledger.sink(22, 'FILEHANDLE', 0, { fd: 4 });
    this.assertEqual(record.tracked.length, 1);
  }

  /** What an ended test's context makes is late: taken once, then forgotten. */
  test_lateResourcesTakenOnce() {
    const ledger = this.#ledger();
    const record = this.#record('t1');
    ledger.begin(record);
    ledger.end(record);
    this.assertEqual([record.state, ledger.running], ['ended', null]);
    this.#als.run(record, () => ledger.sink(30, 'TCPWRAP', 1, openHandle(30)));
    this.assertTrue(ledger.hasLate);
    this.assertEqual(ledger.takeLate().map((t) => t.asyncId), [30]);
    this.assertFalse(ledger.hasLate);
    this.assertIdentical(ledger.recordOf(30), undefined);
  }

  /** forgetTest forgets the test's resources but those remembered. */
  test_forgetTestKeepsRemembered() {
    const ledger = this.#ledger();
    const record = this.#record('t1');
    ledger.begin(record);
    this.#als.run(record, () => {
      ledger.sink(40, 'TCPWRAP', 1, openHandle(40));
      ledger.sink(41, 'TCPWRAP', 1, openHandle(41));
    });
    ledger.remember(record.tracked[1]!);
    ledger.end(record);
    ledger.forgetTest(record);
    this.assertEqual(record.tracked, []);
    this.assertIdentical(ledger.recordOf(40), undefined);
    this.assertIdentical(ledger.recordOf(41), record);
  }

  /** A promise made in the running test's context marks it (only such a test can leave a rejection unheard). */
  test_promiseMarksRunningTest() {
    const ledger = this.#ledger();
    const record = this.#record('t1');
    ledger.begin(record);
    ledger.sink.promise!();
    this.assertFalse(record.madePromise);
    this.#als.run(record, () => ledger.sink.promise!());
    this.assertTrue(record.madePromise);
  }
}
