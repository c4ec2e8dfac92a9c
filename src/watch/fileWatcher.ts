/**
 * Watches a project's folders for changed files and reports them in debounced batches.
 * Folders are watched one by one (not `recursive`), so node_modules, .git and the temp
 * directory cost nothing; a folder created later is watched as it appears.
 *
 * Editors save in different ways — in place, or by writing a new file and renaming it
 * over the old one (vim, JetBrains, many others). Watching the folder, not the file, sees
 * both: the name in the event is what changed, whatever happened to the old inode.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realTimers } from '../runner/realTimers';

/** How to watch, see {@link FileWatcher}. */
export interface FileWatcherOptions {
  /** The folder watched, with every folder below it not ignored. */
  root: string;
  /** Folders and files left out (absolute path → true). */
  ignore: (file: string) => boolean;
  /** Quiet time after the last event before the batch is reported, in ms. */
  debounceMs: number;
  /** A batch of changed, created or deleted paths (absolute, sorted). */
  onChange: (files: string[]) => void;
}

/** Folder names never watched: dependencies, version control, build output caches. */
export const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'coverage', '.cache']);

/** A running watch over a folder tree; {@link FileWatcher.close} stops it. */
export class FileWatcher {
  readonly #options: FileWatcherOptions;
  readonly #watchers = new Map<string, fs.FSWatcher>();
  readonly #pending = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /**
   * Start watching.
   *
   * @param options - the root, what to ignore, the debounce and the listener.
   */
  constructor(options: FileWatcherOptions) {
    this.#options = options;
    this.#watchTree(options.root);
  }

  /** How many folders are watched. */
  get folders(): number {
    return this.#watchers.size;
  }

  /** Stop watching; no batch is reported afterwards. */
  close(): void {
    this.#closed = true;
    realTimers.clearTimeout(this.#timer);
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  #ignored(file: string): boolean {
    return IGNORED_FOLDERS.has(path.basename(file)) || this.#options.ignore(file);
  }

  #watchTree(folder: string): void {
    if (this.#closed || this.#watchers.has(folder) || this.#ignored(folder)) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
      const watcher = fs.watch(folder, { persistent: true }, (_event, name) => this.#changed(folder, name));
      watcher.on('error', () => this.#unwatch(folder)); // the folder went away
      this.#watchers.set(folder, watcher);
    } catch {
      return; // gone, or not readable: nothing to watch
    }
    for (const entry of entries) if (entry.isDirectory()) this.#watchTree(path.join(folder, entry.name));
  }

  #unwatch(folder: string): void {
    this.#watchers.get(folder)?.close();
    this.#watchers.delete(folder);
  }

  #changed(folder: string, name: string | Buffer | null): void {
    if (this.#closed) return;
    if (name === null) return;
    const file = path.join(folder, String(name));
    if (this.#ignored(file)) return;
    if (isFolder(file)) this.#watchTree(file); // a new folder: test files already in it are found by discovery
    this.#pending.add(file);
    realTimers.clearTimeout(this.#timer);
    this.#timer = realTimers.setTimeout(() => this.#flush(), this.#options.debounceMs);
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#closed || this.#pending.size === 0) return;
    const files = [...this.#pending].sort();
    this.#pending.clear();
    this.#options.onChange(files);
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
