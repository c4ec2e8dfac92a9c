/**
 * Tests for src/cli/folderLock.ts: a folder's lock is taken once, held while its pid lives
 * or while it is empty and young, taken over when stale (dead pid, garbage, an old empty
 * file, a link), never taken while another run removes it, and processes racing for it
 * never both hold it.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { lockFolder, unlockFolder } from '../../src/cli/folderLock';

/** The built module, for the child processes of the race test. */
const COMPILED = path.resolve(__dirname, '../../dist/cli/folderLock.js');

/**
 * What a child process of the race test does: take and release the lock again and again,
 * and while it holds it, check that no other racer does (each writes its pid into the
 * same file and reads it back). Prints its failures as JSON.
 */
const RACER = `
  const fs = require('node:fs');
  const { lockFolder, unlockFolder } = require(process.argv[1]);
  const dir = process.argv[2];
  const errors = [];
  let taken = 0;
  let shared = 0;
  for (let round = 0; round < 300; round++) {
    try {
      if (!lockFolder(dir)) continue;
      taken++;
      fs.writeFileSync(dir + '.owner', String(process.pid));
      for (let i = 0; i < 20; i++) if (fs.readFileSync(dir + '.owner', 'utf8') !== String(process.pid)) shared++;
      unlockFolder(dir);
    } catch (error) {
      errors.push(String(error));
    }
  }
  process.stdout.write(JSON.stringify({ errors: errors.slice(0, 3), shared, taken }));
`;

/** Run one racer to its end; resolves with what it printed. */
function race(dir: string): Promise<{ errors: string[]; shared: number; taken: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', RACER, COMPILED, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out)));
  });
}

/** The pid of a process that has exited (a child we started and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

/** Set a file's times a minute back. */
function age(file: string): void {
  const minuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(file, minuteAgo, minuteAgo);
}

export class FolderLockTests extends TestCase {
  #dir = '';

  override setUp(): void {
    const parent = this.mktemp();
    fs.mkdirSync(parent);
    this.#dir = path.join(parent, '_trial_temp');
  }

  get #lock(): string {
    return `${this.#dir}.lock`;
  }

  /** A free folder is locked with this process's pid, readable by its user alone; unlocking removes it. */
  test_takesAndReleases(): void {
    this.assertTrue(lockFolder(this.#dir));
    this.assertEqual({ text: fs.readFileSync(this.#lock, 'utf8'), mode: fs.statSync(this.#lock).mode & 0o777 }, { text: String(process.pid), mode: 0o600 });
    this.assertFalse(lockFolder(this.#dir), 'taken twice');
    unlockFolder(this.#dir);
    this.assertFalse(fs.existsSync(this.#lock));
  }

  /** A lock whose pid lives is held: it is not taken, and left as it was. */
  test_livePidIsHeld(): void {
    fs.writeFileSync(this.#lock, String(process.ppid));
    this.assertFalse(lockFolder(this.#dir));
    this.assertEqual(fs.readFileSync(this.#lock, 'utf8'), String(process.ppid));
  }

  /** A dead pid, or text that is no pid, is stale: the lock is taken over. */
  test_deadOrGarbageTakenOver(): void {
    for (const text of [String(deadPid()), 'not a pid', '-4']) {
      fs.writeFileSync(this.#lock, text);
      this.assertTrue(lockFolder(this.#dir), text);
      this.assertEqual(fs.readFileSync(this.#lock, 'utf8'), String(process.pid), text);
      unlockFolder(this.#dir);
    }
  }

  /** An empty lock just made is a run between creating it and writing its pid: held. */
  test_freshEmptyLockIsHeld(): void {
    fs.writeFileSync(this.#lock, '');
    this.assertFalse(lockFolder(this.#dir));
    this.assertEqual(fs.readFileSync(this.#lock, 'utf8'), '');
  }

  /** An empty lock a minute old was left by a run killed as it started: taken over. */
  test_oldEmptyLockTakenOver(): void {
    fs.writeFileSync(this.#lock, '');
    age(this.#lock);
    this.assertTrue(lockFolder(this.#dir));
    this.addCleanup(() => unlockFolder(this.#dir));
    this.assertEqual(fs.readFileSync(this.#lock, 'utf8'), String(process.pid));
  }

  /** A lock that is a symlink is removed, never followed, and the lock taken. */
  test_linkReplaced(): void {
    const target = path.join(path.dirname(this.#dir), 'target');
    fs.writeFileSync(target, String(process.ppid));
    fs.symlinkSync(target, this.#lock);
    this.assertTrue(lockFolder(this.#dir));
    this.addCleanup(() => unlockFolder(this.#dir));
    this.assertEqual({ link: fs.lstatSync(this.#lock).isSymbolicLink(), target: fs.readFileSync(target, 'utf8') }, { link: false, target: String(process.ppid) });
  }

  /** While another run removes a stale lock (its young `.gc` is there) the lock is not taken; an old `.gc` is cleared. */
  test_removalInProgress(): void {
    fs.writeFileSync(this.#lock, String(deadPid()));
    fs.writeFileSync(`${this.#lock}.gc`, String(process.ppid));
    this.assertFalse(lockFolder(this.#dir));
    this.assertTrue(fs.existsSync(`${this.#lock}.gc`));
    age(`${this.#lock}.gc`);
    this.assertFalse(lockFolder(this.#dir), 'the old .gc is cleared by this call, the lock by the next');
    this.assertTrue(lockFolder(this.#dir));
    this.addCleanup(() => unlockFolder(this.#dir));
    this.assertFalse(fs.existsSync(`${this.#lock}.gc`));
  }

  /** Processes that take and release one lock at the same time never fail and never hold it together. */
  async test_racingProcessesNeverShare(): Promise<void> {
    const racers = [1, 2, 3, 4];
    const results = await Promise.all(racers.map(() => race(this.#dir)));
    this.assertEqual(
      results.map(({ errors, shared }) => ({ errors, shared })),
      racers.map(() => ({ errors: [], shared: 0 })),
    );
    this.assertTrue(results.some(({ taken }) => taken > 0), 'no racer ever took the lock');
    this.assertEqual(fs.readdirSync(path.dirname(this.#dir)).filter((name) => name.includes('.lock')), []);
  }
}
