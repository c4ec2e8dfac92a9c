/**
 * How the module graph travels from the threads that load test files to the main
 * process: after loading a test file, a worker appends one JSON line (the file, the
 * local files it depends on, whether it loaded) to its own file in a folder of the run's
 * temp directory; the main process reads and empties the folder after each run. A file
 * per worker means no locking, and the worker protocol stays as it is.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { dependenciesOf } from './loader/moduleGraph';

/** One test file's dependencies, as one load of it saw them. */
export interface ModuleGraphEntry {
  /** The test file (absolute). */
  file: string;
  /** The local files it depends on, directly or not (absolute). */
  modules: string[];
  /** It loaded without an error: `modules` is complete (after an error it is what loaded before it). */
  loaded: boolean;
}

/**
 * The run's module graph folder in its temp directory (emptied with it at each run's start).
 *
 * @param tempDir - the run's temp directory.
 * @returns the folder the workers log to.
 */
export function moduleGraphFolder(tempDir: string): string {
  return path.join(tempDir, '.module-graph');
}

/**
 * Append what `file` depends on to this thread's log in `folder`.
 *
 * @param folder - the run's module graph folder (created if missing).
 * @param file - the test file just loaded (absolute).
 * @param loaded - whether it loaded without an error.
 */
export function logTestFileModules(folder: string, file: string, loaded: boolean): void {
  const entry: ModuleGraphEntry = { file, modules: dependenciesOf(file), loaded };
  fs.mkdirSync(folder, { recursive: true });
  fs.appendFileSync(path.join(folder, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(entry)}\n`);
}

/**
 * Read every entry the workers logged in `folder` and remove the logs, so the next run
 * starts empty. A missing folder is no entries; a torn last line (a killed worker) is skipped.
 *
 * @param folder - the run's module graph folder.
 * @returns the entries in the order each worker wrote them.
 */
export function takeModuleGraphLog(folder: string): ModuleGraphEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const entries: ModuleGraphEntry[] = [];
  for (const name of names) {
    const log = path.join(folder, name);
    for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
      try {
        if (line !== '') entries.push(JSON.parse(line) as ModuleGraphEntry);
      } catch {
        // a worker killed mid-write: its last line is lost, the file loads again next time
      }
    }
    fs.rmSync(log, { force: true });
  }
  return entries;
}
