/**
 * End to end: `assertMatchesSnapshot` through the real CLI over a copy of
 * fixtures/snapshots — the first run writes, a change fails with a diff,
 * `--update-snapshots` rewrites, `CI` forbids writing, obsolete entries are listed (and
 * removed by --update-snapshots), and workers that share a file merge their entries.
 */
import { TestCase } from 'trial-ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSnapshotFile, renderSnapshotFile } from '../../src/unittest/snapshotFile';
import { ROOT, runCli } from '../support/runCli';

const KEYS = ['AsyncRenderTests.test_later 1', 'RenderTests.test_named: answer', 'RenderTests.test_object 1', 'RenderTests.test_object 2', 'RenderTests.test_page 1'];

export class SnapshotsIntegrationTests extends TestCase {
  #dir = '';
  #file = '';
  #snap = '';

  override setUp() {
    this.#dir = path.relative(ROOT, this.mktemp());
    fs.mkdirSync(path.join(ROOT, this.#dir), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'snapshots', 'test_snapshots.ts'), path.join(ROOT, this.#dir, 'test_snapshots.ts'));
    // Named as a file: folders under the temp directory are not searched for tests.
    this.#file = `${this.#dir}/test_snapshots.ts`;
    this.#snap = path.join(ROOT, this.#dir, '__snapshots__', 'test_snapshots.ts.snap');
  }

  #entries(): Map<string, string> {
    return parseSnapshotFile(fs.readFileSync(this.#snap, 'utf8'));
  }

  /** The first run writes every snapshot, readable; the second compares and passes without rewriting. */
  async test_firstRunWritesThenMatches() {
    const first = await runCli([this.#file], { env: { CI: undefined } });
    this.assertEqual(first.code, 0, first.stdout);
    this.assertEqual([...this.#entries().keys()], KEYS);
    this.assertEqual(this.#entries().get('RenderTests.test_page 1'), '<h1>Hello</h1>\n\n<p>world</p>');
    this.assertIn('== RenderTests.test_page 1\n| <h1>Hello</h1>\n|\n| <p>world</p>', fs.readFileSync(this.#snap, 'utf8'));
    const written = fs.statSync(this.#snap).mtimeMs;
    const second = await runCli([this.#file], { env: { CI: '1' } });
    this.assertEqual(second.code, 0, second.stdout);
    this.assertEqual(fs.statSync(this.#snap).mtimeMs, written);
  }

  /** A changed value fails with the key, the file and a diff; --update-snapshots rewrites it. */
  async test_mismatchThenUpdate() {
    await runCli([this.#file], { env: { CI: undefined } });
    const changed = await runCli([this.#file], { env: { CI: undefined, SNAPSHOT_VARIANT: 'changed' } });
    this.assertEqual(changed.code, 1);
    this.assertIn('snapshot "RenderTests.test_page 1" in', changed.stdout);
    this.assertIn("+ '<h1>Hello</h1>\\n\\n<p>there</p>'", changed.stdout);
    this.assertIn("- '<h1>Hello</h1>\\n\\n<p>world</p>'", changed.stdout);
    this.assertIn('FAILED (failures=1, successes=3)', changed.stdout);
    const updated = await runCli(['--update-snapshots', this.#file], { env: { CI: undefined, SNAPSHOT_VARIANT: 'changed' } });
    this.assertEqual(updated.code, 0, updated.stdout);
    this.assertEqual(this.#entries().get('RenderTests.test_page 1'), '<h1>Hello</h1>\n\n<p>there</p>');
  }

  /** With CI set, a missing snapshot fails and no file is written. */
  async test_ciDoesNotWrite() {
    const result = await runCli([this.#file], { env: { CI: 'true' } });
    this.assertEqual(result.code, 1);
    this.assertIn('is missing from', result.stdout);
    this.assertIn('and CI is set, so it was not written', result.stdout);
    this.assertFalse(fs.existsSync(this.#snap));
  }

  /** An entry no test checks is listed after the summary; --update-snapshots removes it; a -k run does not blame tests it did not run. */
  async test_obsoleteListedAndRemoved() {
    await runCli([this.#file], { env: { CI: undefined } });
    const entries = this.#entries();
    entries.set('RenderTests.test_removed 1', 'old');
    fs.writeFileSync(this.#snap, renderSnapshotFile(entries));
    const listed = await runCli([this.#file], { env: { CI: undefined } });
    this.assertEqual(listed.code, 0);
    this.assertIn('Obsolete snapshots: 1 (no test checks them;', listed.stdout);
    this.assertIn(`${this.#dir}/__snapshots__/test_snapshots.ts.snap: RenderTests.test_removed 1`, listed.stdout);
    const filtered = await runCli(['-k', 'test_page', this.#file], { env: { CI: undefined } });
    this.assertNotIn('Obsolete', filtered.stdout);
    const removed = await runCli(['--update-snapshots', this.#file], { env: { CI: undefined } });
    this.assertIn('Removed 1 obsolete snapshots', removed.stdout);
    this.assertEqual([...this.#entries().keys()], KEYS);
  }

  /** Workers running the classes of one file each write their own entries; none is lost. */
  async test_workersMergeOneFile() {
    for (const pool of ['threads', 'processes']) {
      fs.rmSync(path.dirname(this.#snap), { recursive: true, force: true });
      const result = await runCli(['-j', '2', '--pool', pool, `${this.#file}:RenderTests`, `${this.#file}:AsyncRenderTests`], { env: { CI: undefined } });
      this.assertEqual(result.code, 0, result.stdout);
      this.assertEqual([...this.#entries().keys()], KEYS, pool);
      this.assertFalse(fs.existsSync(`${this.#snap}.lock`));
    }
  }
}
