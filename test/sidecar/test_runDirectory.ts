/**
 * Tests for src/sidecar/runDirectory.ts: run directories, their owner file, and the sweeper.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { RUN_DIR_PREFIX, createRunDirectory, firstUnsearchable, sweepRunDirectories, writeOwner } from '../../src/sidecar/runDirectory';

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** Tests for `createRunDirectory` and `sweepRunDirectories`. */
export class RunDirectoryTests extends SynchronousTestCase {
  #root(): string {
    const root = this.mktemp();
    fs.mkdirSync(root, { recursive: true });
    return root;
  }

  /** Each run directory is new, mode 0711, and records its runner. */
  test_create() {
    const root = this.#root();
    const a = createRunDirectory(root);
    const b = createRunDirectory(root);
    this.assertNotEqual(a, b);
    this.assertTrue(path.basename(a).startsWith(RUN_DIR_PREFIX));
    this.assertEqual(fs.statSync(a).mode & 0o777, 0o711);
    this.assertEqual(JSON.parse(fs.readFileSync(path.join(a, 'owner.json'), 'utf8')).runnerPid, process.pid);
  }

  /** The sweeper removes directories of dead runners and leaves live runners' ones alone. */
  test_sweepDeadOnly() {
    const root = this.#root();
    const live = createRunDirectory(root);
    const dead = createRunDirectory(root);
    writeOwner(dead, { runnerPid: deadPid(), hostname: os.hostname(), createdAt: 0 });
    this.assertEqual(sweepRunDirectories(root), [dead]);
    this.assertTrue(fs.existsSync(live));
    this.assertFalse(fs.existsSync(dead));
  }

  /** Directories of another host (a shared /tmp) are never touched. */
  test_sweepOtherHost() {
    const root = this.#root();
    const other = createRunDirectory(root);
    writeOwner(other, { runnerPid: deadPid(), hostname: 'elsewhere', createdAt: 0 });
    this.assertEqual(sweepRunDirectories(root), []);
  }

  /** A folder closed to others is reported as the one a server user cannot enter. */
  test_firstUnsearchable() {
    const root = this.#root();
    const closed = path.join(root, 'closed');
    fs.mkdirSync(path.join(closed, 'inner'), { recursive: true });
    fs.chmodSync(closed, 0o700);
    this.addCleanup(() => fs.chmodSync(closed, 0o755));
    const st = fs.statSync(closed);
    this.assertEqual(firstUnsearchable(path.join(closed, 'inner'), st.uid + 1, st.gid + 1), closed);
    this.assertIdentical(firstUnsearchable(path.join(closed, 'inner'), st.uid, st.gid), null);
  }
}
