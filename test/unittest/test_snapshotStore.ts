/**
 * Tests for src/unittest/snapshotStore.ts: what each mode writes, flushing that merges
 * with what another writer put in the file meanwhile, and removal that replaces the file whole.
 */
import { SynchronousTestCase } from 'trial-ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSnapshotFile, renderSnapshotFile } from '../../src/unittest/snapshotFile';
import { removeSnapshots, SnapshotStore, snapshotStore } from '../../src/unittest/snapshotStore';

export class SnapshotStoreTests extends SynchronousTestCase {
  #file = '';

  override setUp() {
    this.#file = path.join(this.mktemp(), '__snapshots__', 'test_x.ts.snap');
  }

  /** `new` writes a missing snapshot and refuses a different one; `all` rewrites; `none` writes nothing. */
  test_modes() {
    const store = new SnapshotStore();
    this.assertEqual(store.check(this.#file, 'k 1', 'v', 'none'), { status: 'missing' });
    this.assertEqual(store.check(this.#file, 'k 1', 'v', 'new'), { status: 'written' });
    this.assertEqual(store.check(this.#file, 'k 1', 'v', 'none'), { status: 'matched' });
    this.assertEqual(store.check(this.#file, 'k 1', 'w', 'new'), { status: 'mismatch', expected: 'v' });
    this.assertEqual(store.check(this.#file, 'k 1', 'w', 'all'), { status: 'updated' });
    this.assertFalse(fs.existsSync(this.#file), 'nothing is written before flush');
    store.flush();
    this.assertEqual(parseSnapshotFile(fs.readFileSync(this.#file, 'utf8')), new Map([['k 1', 'w']]));
  }

  /** A flush keeps the entries another worker wrote after this store read the file. */
  test_flushMerges() {
    const store = new SnapshotStore();
    store.check(this.#file, 'Mine.test 1', 'mine', 'new');
    fs.mkdirSync(path.dirname(this.#file), { recursive: true });
    fs.writeFileSync(this.#file, renderSnapshotFile(new Map([['Theirs.test 1', 'theirs']])));
    store.flush();
    this.assertEqual(parseSnapshotFile(fs.readFileSync(this.#file, 'utf8')), new Map([['Mine.test 1', 'mine'], ['Theirs.test 1', 'theirs']]));
    this.assertFalse(fs.existsSync(`${this.#file}.lock`));
  }

  /**
   * Removing entries keeps the rest, in a new file renamed over the old one (a run killed
   * mid-write leaves the old file whole); removing the last deletes the file.
   */
  test_remove() {
    fs.mkdirSync(path.dirname(this.#file), { recursive: true });
    fs.writeFileSync(this.#file, renderSnapshotFile(new Map([['a 1', 'x'], ['b 1', 'y']])));
    const before = fs.statSync(this.#file).ino;
    removeSnapshots(this.#file, ['a 1']);
    this.assertEqual(parseSnapshotFile(fs.readFileSync(this.#file, 'utf8')), new Map([['b 1', 'y']]));
    this.assertNotEqual(fs.statSync(this.#file).ino, before, 'rewritten in place');
    this.assertEqual(fs.readdirSync(path.dirname(this.#file)), [path.basename(this.#file)]);
    removeSnapshots(this.#file, ['b 1']);
    this.assertFalse(fs.existsSync(this.#file));
  }

  /** Both copies of the library get the same per-thread store. */
  test_sharedStore() {
    this.assertIdentical(snapshotStore(), snapshotStore());
    this.assertIdentical(snapshotStore(), (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('trial-ts.snapshotStore')]);
  }
}
