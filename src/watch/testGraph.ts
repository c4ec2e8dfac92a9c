/**
 * What each test file depends on, across runs: the main process's copy of the module
 * graph the workers record as they load test files (src/runner/moduleGraphLog.ts). From
 * it, the test files a set of changed files affects.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { ModuleGraphEntry } from '../runner/moduleGraphLog';

/** Test file → the local files it depends on; absolute paths. */
export class TestGraph {
  readonly #dependencies = new Map<string, Set<string>>();

  /**
   * A graph from its saved form (the durations file's `modules`).
   *
   * @param record - test file → dependencies, relative to `cwd`.
   * @param cwd - what the paths are relative to.
   * @returns the graph.
   */
  static fromRecord(record: Readonly<Record<string, readonly string[]>>, cwd: string): TestGraph {
    const graph = new TestGraph();
    for (const [file, modules] of Object.entries(record)) {
      graph.#dependencies.set(path.resolve(cwd, file), new Set(modules.map((module) => path.resolve(cwd, module))));
    }
    return graph;
  }

  /** How many test files the graph knows. */
  get size(): number {
    return this.#dependencies.size;
  }

  /**
   * Take in what a run's workers logged. A file that loaded replaces what was known of
   * it; one that failed to load adds to it (what it imports past the error is unknown, and
   * a fix of the broken module must still re-run it).
   *
   * @param entries - the run's log, in order.
   */
  update(entries: readonly ModuleGraphEntry[]): void {
    for (const entry of entries) {
      const known = entry.loaded ? undefined : this.#dependencies.get(entry.file);
      this.#dependencies.set(entry.file, new Set([...(known ?? []), ...entry.modules]));
    }
  }

  /**
   * Whether a load of `file` was recorded: for a file it does not know, the graph cannot
   * say what the file depends on.
   *
   * @param file - absolute path of a test file.
   * @returns true when its dependencies are known.
   */
  knows(file: string): boolean {
    return this.#dependencies.has(file);
  }

  /**
   * Whether `file` is a test file or a dependency the graph knows.
   *
   * @param file - an absolute path.
   * @returns true when some recorded load involved it.
   */
  mentions(file: string): boolean {
    return this.#dependencies.has(file) || [...this.#dependencies.values()].some((modules) => modules.has(file));
  }

  /**
   * Forget a test file (it was deleted).
   *
   * @param file - absolute path.
   */
  forget(file: string): void {
    this.#dependencies.delete(file);
  }

  /**
   * The test files that `changed` affects: those changed themselves, and those that
   * depend on a changed file directly or transitively.
   *
   * @param changed - absolute paths of changed (or deleted) files.
   * @param testFiles - the test files of the selection (absolute).
   * @returns the affected test files, sorted.
   */
  affected(changed: Iterable<string>, testFiles: Iterable<string>): string[] {
    const changedSet = new Set(changed);
    const affected: string[] = [];
    for (const file of testFiles) {
      if (changedSet.has(file) || [...(this.#dependencies.get(file) ?? [])].some((dependency) => changedSet.has(dependency))) affected.push(file);
    }
    return affected.sort();
  }

  /**
   * The graph in its saved form, paths relative to `cwd`, sorted (a stable file in git diffs).
   *
   * @param cwd - what the paths become relative to.
   * @returns test file → dependencies.
   */
  toRecord(cwd: string): Record<string, string[]> {
    const record: Record<string, string[]> = {};
    const relative = (file: string): string => path.relative(cwd, file).split(path.sep).join('/');
    for (const file of [...this.#dependencies.keys()].sort()) {
      record[relative(file)] = [...this.#dependencies.get(file)!].map(relative).sort();
    }
    return record;
  }
}
