/**
 * Tests for src/platform/safeDirectory.ts: shared folders made without following symlinks,
 * checked for owner and mode, with a private fallback said once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { checkDirectory, checkFile, ensureSafeDirectory, privateCacheDirectory, safeDirectoryOr } from '../../src/platform/safeDirectory';

const UID = process.getuid?.() ?? 0;

/** Tests for the safe-directory helpers. */
export class SafeDirectoryTests extends SynchronousTestCase {
  #root(): string {
    const root = this.mktemp();
    fs.mkdirSync(root, { recursive: true });
    return root;
  }

  /** A missing folder is created with the asked mode, whatever the umask, and passes the check. */
  test_createsWithMode() {
    const dir = path.join(this.#root(), 'a', 'cache');
    this.assertIdentical(ensureSafeDirectory(dir, { mode: 0o711 }), null);
    this.assertEqual(fs.statSync(dir).mode & 0o777, 0o711);
    this.assertIdentical(ensureSafeDirectory(dir, { mode: 0o711 }), null, 'an existing good folder is accepted again');
  }

  /** A symlink at the name is reported and never followed: nothing is created at its target. */
  test_symlinkNotFollowed() {
    const root = this.#root();
    const target = path.join(root, 'target');
    fs.mkdirSync(target);
    fs.symlinkSync(target, path.join(root, 'link'));
    this.assertEqual(ensureSafeDirectory(path.join(root, 'link')), 'it is a symbolic link (not followed)');
    this.assertEqual(fs.readdirSync(target), []);
  }

  /** A folder writable by others, or owned by someone else, fails the check. */
  test_modeAndOwner() {
    const dir = path.join(this.#root(), 'open');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    this.assertEqual(checkDirectory(dir), 'it is writable by group or others (mode 0777)');
    fs.chmodSync(dir, 0o700);
    this.assertEqual(checkDirectory(dir, { uid: UID + 1 }), `it belongs to uid ${UID}, not to this user`);
    this.assertIdentical(checkDirectory(dir, { uid: UID + 1, owners: [UID] }), null, 'an expected owner is accepted');
    fs.writeFileSync(path.join(dir, 'file'), '');
    this.assertEqual(checkDirectory(path.join(dir, 'file')), 'it is not a directory');
  }

  /** checkFile: a plain own file passes; a link to one, a folder, or another user's file does not. */
  test_checkFile() {
    const root = this.#root();
    const file = path.join(root, 'lock');
    fs.writeFileSync(file, '1', { mode: 0o644 });
    this.assertIdentical(checkFile(file), null);
    fs.symlinkSync(file, path.join(root, 'link'));
    this.assertEqual(checkFile(path.join(root, 'link')), 'it is a symbolic link (not followed)');
    this.assertEqual(checkFile(root), 'it is not a regular file');
    this.assertEqual(checkFile(file, { uid: UID + 1 }), `it belongs to uid ${UID}, not to this user`);
  }

  /** A folder in a world-writable parent without the sticky bit could be renamed away by anyone. */
  test_parentWithoutSticky() {
    const parent = path.join(this.#root(), 'shared');
    fs.mkdirSync(parent);
    fs.chmodSync(parent, 0o777);
    const dir = path.join(parent, 'mine');
    this.assertSubstring('writable by others without the sticky bit', ensureSafeDirectory(dir) ?? '');
    fs.chmodSync(parent, 0o1777);
    this.assertIdentical(checkDirectory(dir), null);
  }

  /** The private folder: XDG_CACHE_HOME, else the project's node_modules/.cache, else ~/.cache. */
  test_privateCacheDirectory() {
    const root = this.#root();
    this.assertEqual(privateCacheDirectory(root, { XDG_CACHE_HOME: '/x/cache' }), '/x/cache/trial-ts');
    this.assertEqual(privateCacheDirectory(root, { XDG_CACHE_HOME: 'relative' }).endsWith(path.join('.cache', 'trial-ts')), true);
    fs.mkdirSync(path.join(root, 'node_modules'));
    this.assertEqual(privateCacheDirectory(root, {}), path.join(root, 'node_modules', '.cache', 'trial-ts'));
  }

  /** An unsafe preferred folder gives the private fallback (mode 0700), said once per folder. */
  test_fallbackSaidOnce() {
    const root = this.#root();
    const preferred = path.join(root, 'planted');
    fs.mkdirSync(preferred);
    fs.chmodSync(preferred, 0o777);
    const fallback = path.join(root, 'private');
    const notes: string[] = [];
    this.assertEqual(safeDirectoryOr(preferred, fallback, { onNote: (l) => notes.push(l) }), fallback);
    this.assertEqual(safeDirectoryOr(preferred, fallback, { onNote: (l) => notes.push(l) }), fallback);
    this.assertEqual(fs.statSync(fallback).mode & 0o777, 0o700);
    this.assertEqual(notes.length, 1);
    this.assertSubstring(`not using ${preferred}: it is writable by group or others (mode 0777)`, notes[0]!);
    this.assertSubstring(`Using the private folder ${fallback} instead`, notes[0]!);
    const good = path.join(root, 'good');
    this.assertEqual(safeDirectoryOr(good, fallback, { onNote: (l) => notes.push(l) }), good);
  }
}
