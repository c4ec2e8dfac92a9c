/**
 * Tests for src/runner/snapshotLedger.ts: which entries of a snapshot file are obsolete
 * after a run, and removing them.
 */
import { SynchronousTestCase } from 'trial-ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Outcome, TestEndEvent } from '../../src/runner/events';
import { SnapshotLedger } from '../../src/runner/snapshotLedger';
import { parseSnapshotFile, renderSnapshotFile } from '../../src/unittest/snapshotFile';

const FILE = 'test/test_x.ts';

function end(methodName: string, outcome: Outcome, keys: string[]): TestEndEvent {
  const test = { id: `${FILE}:T.${methodName}`, file: FILE, className: 'T', methodName };
  return { type: 'test:end', test, worker: 0, outcome, durationMs: 1, errors: [], ...(keys.length > 0 ? { snapshots: { file: 'x', keys } } : {}) };
}

export class SnapshotLedgerTests extends SynchronousTestCase {
  #cwd = '';

  override setUp() {
    this.#cwd = this.mktemp();
    const snapshots = path.join(this.#cwd, 'test', '__snapshots__');
    fs.mkdirSync(snapshots, { recursive: true });
    const entries = ['T.test_a 1', 'T.test_a 2', 'T.test_failed 1', 'T.test_gone 1'].map((key): [string, string] => [key, 'v']);
    fs.writeFileSync(path.join(snapshots, 'test_x.ts.snap'), renderSnapshotFile(new Map(entries)));
  }

  #ledger(): SnapshotLedger {
    const ledger = new SnapshotLedger();
    ledger.observe(end('test_a', 'success', ['T.test_a 1']));
    ledger.observe(end('test_failed', 'failure', []));
    return ledger;
  }

  /** A passing test's unchecked entry is obsolete; a failing test's is not; a test that did not run counts only in a complete run. */
  test_obsoleteRules() {
    const file = 'test/__snapshots__/test_x.ts.snap';
    this.assertEqual(this.#ledger().obsolete(this.#cwd, false), [{ file, keys: ['T.test_a 2'] }]);
    this.assertEqual(this.#ledger().obsolete(this.#cwd, true), [{ file, keys: ['T.test_a 2', 'T.test_gone 1'] }]);
  }

  /** With remove, the obsolete entries leave the file and are marked removed. */
  test_remove() {
    const found = this.#ledger().obsolete(this.#cwd, true, true);
    this.assertEqual(found[0].removed, true);
    const left = parseSnapshotFile(fs.readFileSync(path.join(this.#cwd, 'test', '__snapshots__', 'test_x.ts.snap'), 'utf8'));
    this.assertEqual([...left.keys()], ['T.test_a 1', 'T.test_failed 1']);
  }

  /** After reset, nothing of the previous pass counts. */
  test_reset() {
    const ledger = this.#ledger();
    ledger.reset();
    this.assertEqual(ledger.obsolete(this.#cwd, true), []);
  }
}
