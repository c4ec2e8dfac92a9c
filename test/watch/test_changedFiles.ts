/**
 * Tests for src/watch/changedFiles.ts on a real git repository in a temp folder: the
 * uncommitted changes (untracked included), the last commit when the tree is clean, a
 * REF, paths from a subfolder, and usage errors for an unknown REF or no repository.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { changedFiles } from '../../src/watch/changedFiles';
import { WatchUsageError } from '../../src/watch/watchUsageError';

export class ChangedFilesTests extends SynchronousTestCase {
  #repo = '';

  #git(...args: string[]): void {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: this.#repo, stdio: 'ignore' });
  }

  #write(relative: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.#repo, relative)), { recursive: true });
    fs.writeFileSync(path.join(this.#repo, relative), text);
  }

  override setUp(): void {
    this.#repo = this.mktemp();
    fs.mkdirSync(this.#repo);
    this.#git('init', '-q');
    this.#write('src/a.ts', 'a');
    this.#write('src/b.ts', 'b');
    this.#git('add', '.');
    this.#git('commit', '-qm', 'one');
  }

  /** Without REF: modified and untracked files of the working tree. */
  test_uncommitted(): void {
    this.#write('src/a.ts', 'changed');
    this.#write('src/new.ts', 'new');
    const changed = changedFiles(this.#repo, undefined);
    this.assertEqual(changed.files, [path.join(this.#repo, 'src/a.ts'), path.join(this.#repo, 'src/new.ts')]);
    this.assertEqual(changed.against, 'in the working tree');
  }

  /** A clean tree: what the last commit changed. */
  test_cleanTreeUsesLastCommit(): void {
    this.#write('src/b.ts', 'changed');
    this.#git('commit', '-qam', 'two');
    const changed = changedFiles(this.#repo, undefined);
    this.assertEqual(changed.files, [path.join(this.#repo, 'src/b.ts')]);
    this.assertEqual(changed.against, 'by the last commit');
  }

  /** With REF: everything since it; paths are absolute from the cwd given, a subfolder too. */
  test_sinceRef(): void {
    this.#git('tag', 'start');
    this.#write('src/b.ts', 'changed');
    this.#git('commit', '-qam', 'two');
    this.#write('src/a.ts', 'changed');
    const changed = changedFiles(path.join(this.#repo, 'src'), 'start');
    this.assertEqual(changed.files, [path.join(this.#repo, 'src/a.ts'), path.join(this.#repo, 'src/b.ts')]);
    this.assertEqual(changed.against, 'since start');
  }

  /** An unknown REF and a folder outside any repository are usage errors that say what to do. */
  test_errors(): void {
    const badRef = this.assertRaises(WatchUsageError, changedFiles, this.#repo, 'no-such-ref');
    this.assertIn('Pass a branch, tag or commit', badRef.message);
    const outside = this.mktemp();
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, '.git'), 'gitdir: /nonexistent\n'); // stops git from finding an enclosing repository
    const notGit = this.assertRaises(WatchUsageError, changedFiles, outside, undefined);
    this.assertIn('inside a git work tree', notGit.message);
  }
}
