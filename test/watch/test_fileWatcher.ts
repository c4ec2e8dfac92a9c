/**
 * Tests for src/watch/fileWatcher.ts on a real folder: a write is one debounced batch, a
 * save by rename reports the saved name, a new folder's files are seen, ignored folders
 * are not watched, and nothing is reported after close.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FileWatcher } from '../../src/watch/fileWatcher';

const DEBOUNCE_MS = 20;

export class FileWatcherTests extends TestCase {
  #root = '';
  #batches: string[][] = [];
  #watcher: FileWatcher | undefined;

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(path.join(this.#root, 'src'), { recursive: true });
    fs.mkdirSync(path.join(this.#root, 'node_modules', 'dep'), { recursive: true });
    fs.mkdirSync(path.join(this.#root, '_trial_temp'), { recursive: true });
    fs.writeFileSync(path.join(this.#root, 'src', 'a.ts'), 'a');
    this.#batches = [];
    this.#watcher = new FileWatcher({
      root: this.#root,
      ignore: (file) => path.basename(file) === '_trial_temp',
      debounceMs: DEBOUNCE_MS,
      onChange: (files) => this.#batches.push(files),
    });
    this.addCleanup(() => this.#watcher?.close());
  }

  /** Resolves once a batch arrived (or after a second, for the assertion to fail). */
  async #nextBatch(): Promise<string[]> {
    const count = this.#batches.length;
    for (let waited = 0; waited < 1000 && this.#batches.length === count; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.#batches[count] ?? [];
  }

  /** node_modules and ignored folders are not watched: root and src only. */
  test_ignoredFoldersNotWatched(): void {
    this.assertEqual(this.#watcher!.folders, 2);
  }

  /** Several writes of one file are one batch naming it. */
  async test_writesDebounced(): Promise<void> {
    const file = path.join(this.#root, 'src', 'a.ts');
    fs.writeFileSync(file, 'b');
    fs.appendFileSync(file, 'c');
    this.assertEqual(await this.#nextBatch(), [file]);
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
    this.assertEqual(this.#batches.length, 1);
  }

  /** A save by rename (write a temp file, rename it over) reports the saved file. */
  async test_saveByRename(): Promise<void> {
    const file = path.join(this.#root, 'src', 'a.ts');
    const temp = path.join(this.#root, 'src', '.a.ts.swp');
    fs.writeFileSync(temp, 'new');
    fs.renameSync(temp, file);
    this.assertIn(file, await this.#nextBatch());
  }

  /** A folder created later is watched: a file written in it is reported. */
  async test_newFolderWatched(): Promise<void> {
    const folder = path.join(this.#root, 'src', 'deep');
    fs.mkdirSync(folder);
    await this.#nextBatch();
    const file = path.join(folder, 'b.ts');
    fs.writeFileSync(file, 'b');
    this.assertIn(file, await this.#nextBatch());
  }

  /** Files in ignored folders are never reported; after close, nothing is. */
  async test_ignoredAndClosed(): Promise<void> {
    fs.writeFileSync(path.join(this.#root, 'node_modules', 'dep', 'index.js'), 'x');
    fs.writeFileSync(path.join(this.#root, '_trial_temp', 'log'), 'x');
    this.#watcher!.close();
    fs.writeFileSync(path.join(this.#root, 'src', 'a.ts'), 'after close');
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 5));
    this.assertEqual(this.#batches, []);
  }
}
