/**
 * Tests for src/cli/tempDir.ts: the run's temp directory is created with its marker,
 * emptied on the next run, refused when not ours, locked while in use (a busy default
 * moves to `-1`, a busy explicit one is an error), stale locks are taken over, and
 * `close()` releases the lock (the lock's own races: test_folderLock.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { startTempDir } from '../../src/cli/tempDir';
import { UsageError } from '../../src/cli/usageError';

/** The pid of a process that has exited (a child we started and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

export class TempDirTests extends TestCase {
  #cwd = '';

  override setUp(): void {
    this.#cwd = this.mktemp();
    fs.mkdirSync(this.#cwd);
  }

  #lock(dir: string, content: string): void {
    fs.writeFileSync(`${dir}.lock`, content);
  }

  /** The default _trial_temp is created with its marker and locked with this process's pid. */
  async test_createsWithMarker(): Promise<void> {
    const started = startTempDir(undefined, this.#cwd);
    this.addCleanup(() => started.close());
    const dir = path.join(this.#cwd, '_trial_temp');
    this.assertEqual(started.path, dir);
    this.assertTrue(fs.existsSync(path.join(dir, '_trial_marker')));
    this.assertEqual(fs.readFileSync(`${dir}.lock`, 'utf8'), String(process.pid));
  }

  /** A second run empties the folder and keeps the marker. */
  async test_emptiedOnRestart(): Promise<void> {
    const first = startTempDir(undefined, this.#cwd);
    fs.writeFileSync(path.join(first.path, 'old.log'), 'x');
    fs.mkdirSync(path.join(first.path, 'sub'));
    await first.close();
    const second = startTempDir(undefined, this.#cwd);
    this.addCleanup(() => second.close());
    this.assertEqual(second.path, first.path);
    this.assertEqual(fs.readdirSync(second.path), ['_trial_marker']);
  }

  /** A folder without the marker is refused (never emptied), and no lock is left behind. */
  async test_refusesForeignFolder(): Promise<void> {
    const dir = path.join(this.#cwd, 'mine');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'precious.txt'), 'keep me');
    const error = this.assertRaises(UsageError, () => startTempDir('mine', this.#cwd));
    this.assertSubstring('_trial_marker', error.message);
    this.assertEqual(fs.readFileSync(path.join(dir, 'precious.txt'), 'utf8'), 'keep me');
    this.assertFalse(fs.existsSync(`${dir}.lock`));
  }

  /** A busy default (a live pid in its lock) moves on to _trial_temp-1. */
  async test_busyDefaultUsesSuffix(): Promise<void> {
    const base = path.join(this.#cwd, '_trial_temp');
    this.#lock(base, String(process.pid));
    const started = startTempDir(undefined, this.#cwd);
    this.addCleanup(() => started.close());
    this.assertEqual(started.path, `${base}-1`);
    this.assertTrue(fs.existsSync(path.join(`${base}-1`, '_trial_marker')));
    this.assertEqual(fs.readFileSync(`${base}.lock`, 'utf8'), String(process.pid));
  }

  /** Several busy candidates are skipped in order. */
  async test_busyDefaultSkipsSeveral(): Promise<void> {
    const base = path.join(this.#cwd, '_trial_temp');
    this.#lock(base, String(process.pid));
    this.#lock(`${base}-1`, String(process.pid));
    const started = startTempDir(undefined, this.#cwd);
    this.addCleanup(() => started.close());
    this.assertEqual(started.path, `${base}-2`);
  }

  /** A busy explicit directory is a usage error, and its lock is left alone. */
  async test_busyExplicitIsUsageError(): Promise<void> {
    const dir = path.join(this.#cwd, 'custom');
    this.#lock(dir, String(process.pid));
    const error = this.assertRaises(UsageError, () => startTempDir('custom', this.#cwd));
    this.assertSubstring('in use by another run', error.message);
    this.assertEqual(fs.readFileSync(`${dir}.lock`, 'utf8'), String(process.pid));
    this.assertFalse(fs.existsSync(dir));
  }

  /** A lock left by a dead process is taken over. */
  async test_staleLockTakenOver(): Promise<void> {
    const dir = path.join(this.#cwd, '_trial_temp');
    this.#lock(dir, String(deadPid()));
    const started = startTempDir(undefined, this.#cwd);
    this.addCleanup(() => started.close());
    this.assertEqual(started.path, dir);
    this.assertEqual(fs.readFileSync(`${dir}.lock`, 'utf8'), String(process.pid));
  }

  /** A lock file with no pid in it counts as stale. */
  async test_garbageLockTakenOver(): Promise<void> {
    this.#lock(path.join(this.#cwd, 'custom'), 'not a pid');
    const started = startTempDir('custom', this.#cwd);
    this.addCleanup(() => started.close());
    this.assertEqual(started.path, path.join(this.#cwd, 'custom'));
  }





  /** close() removes the lock, keeps the folder, and may be called twice. */
  async test_closeRemovesLock(): Promise<void> {
    const started = startTempDir('explicit', this.#cwd);
    await started.close();
    this.assertFalse(fs.existsSync(`${started.path}.lock`));
    this.assertTrue(fs.existsSync(path.join(started.path, '_trial_marker')));
    await started.close();
    const again = startTempDir('explicit', this.#cwd);
    this.addCleanup(() => again.close());
    this.assertEqual(again.path, started.path);
  }

  /** An absolute explicit directory is used as is. */
  async test_absoluteExplicit(): Promise<void> {
    const dir = path.join(this.#cwd, 'abs');
    const started = startTempDir(dir, '/');
    this.addCleanup(() => started.close());
    this.assertEqual(started.path, dir);
    this.assertTrue(fs.existsSync(path.join(dir, '_trial_marker')));
  }

  /** An explicit directory whose parent does not exist yet is created, parents included. */
  async test_nestedExplicitCreated(): Promise<void> {
    const started = startTempDir('build/tmp', this.#cwd);
    this.addCleanup(() => started.close());
    this.assertTrue(fs.existsSync(path.join(this.#cwd, 'build', 'tmp', '_trial_marker')));
  }
}
