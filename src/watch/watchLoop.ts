/**
 * Watch mode's loop: run the selection, wait, and on each change run the test files it
 * affects — by the module graph the workers recorded, not by file names. Keys (in a
 * terminal) and changes queue up: one run at a time, changes that arrive during a run
 * are handled together after it. A change to the config file ends the loop with
 * `'restart'`, so the command line loads the config again and starts over.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkUnit } from '../runner/interfaces';
import { compileKeywordExpression } from '../runner/keywordExpression';
import { FileWatcher } from './fileWatcher';
import type { WatchEnd, WatchHost, WatchRunRequest } from './interfaces';
import { KeyReader, readKeys, type WatchCommand } from './keys';
import { messages } from './messages';
import { TestGraph } from './testGraph';

/** Quiet time after the last file event before re-running: one save is several events. */
export const DEBOUNCE_MS = 30;

/** Options of {@link WatchLoop}. */
export interface WatchLoopOptions {
  /** What earlier runs recorded (the durations file's graph), so the first change already knows. */
  graph?: TestGraph;
  /** The watcher's debounce in ms (tests shorten it). */
  debounceMs?: number;
}

/** One watch session over a host; {@link WatchLoop.start} resolves when it ends. */
export class WatchLoop {
  readonly #host: WatchHost;
  readonly #graph: TestGraph;
  readonly #debounceMs: number;
  #selection: WorkUnit[] = [];
  #failed: WorkUnit[] = [];
  #pattern: RegExp | undefined;
  #grep: string | undefined;
  #last: WatchRunRequest | undefined;
  /** The queue: each task starts when the one before it is done. */
  #queue: Promise<void> = Promise.resolve();
  #running = false;
  #pendingChanges = new Set<string>();
  #end: ((why: WatchEnd) => void) | undefined;
  #ended = false;

  /**
   * @param host - the command line's side: discovery, runs, output, the terminal.
   * @param options - a recorded graph, the debounce.
   */
  constructor(host: WatchHost, options: WatchLoopOptions = {}) {
    this.#host = host;
    this.#graph = options.graph ?? new TestGraph();
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  }

  /** The module graph as the runs so far left it (saved with the durations). */
  get graph(): TestGraph {
    return this.#graph;
  }

  /**
   * Run the selection, then watch until the user quits, the config changes or a run is interrupted.
   *
   * @returns why it ended.
   */
  async start(): Promise<WatchEnd> {
    const ended = new Promise<WatchEnd>((resolve) => (this.#end = resolve));
    const watcher = new FileWatcher({ root: this.#host.cwd, ignore: this.#host.ignore, debounceMs: this.#debounceMs, onChange: (files) => this.#onChange(files) });
    const terminal = this.#host.terminal;
    const stopKeys = terminal === undefined ? undefined : readKeys(terminal, new KeyReader((command) => this.command(command), (text) => this.#host.write(text)));
    try {
      this.#selection = this.#host.discover();
      this.#enqueue(() => this.#run(this.#allUnits(), false));
      const why = await ended;
      await this.#queue;
      return why;
    } finally {
      stopKeys?.();
      watcher.close();
    }
  }

  /** A signal (SIGINT, SIGTERM) arrived: end, stopping a run that is under way. */
  interrupt(): void {
    this.#finish('interrupted');
  }

  #finish(why: WatchEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#running) this.#host.stop();
    this.#end?.(why);
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(() => (this.#ended ? undefined : task()));
  }

  /**
   * Do what a key asks (the terminal's keys come here).
   *
   * @param command - the decoded key.
   */
  command(command: WatchCommand): void {
    switch (command.kind) {
      case 'quit':
        return this.#finish('quit');
      case 'all':
        return this.#enqueue(() => this.#run(this.#allUnits(), true));
      case 'failed':
        return this.#enqueue(() => this.#runFailed());
      case 'rerun':
        return this.#enqueue(() => this.#run(this.#last?.units ?? this.#allUnits(), true));
      case 'pattern':
        return this.#setPattern(command.value);
      case 'grep':
        return this.#setGrep(command.value);
      default:
        command satisfies never;
    }
  }

  #setPattern(value: string): void {
    try {
      this.#pattern = value === '' ? undefined : new RegExp(value, 'i');
    } catch (error) {
      this.#host.write(`${messages.badPattern(value, (error as Error).message)}\n`);
      return;
    }
    this.#enqueue(() => this.#run(this.#allUnits(), true));
  }

  #setGrep(value: string): void {
    try {
      if (value !== '') compileKeywordExpression(value);
    } catch (error) {
      this.#host.write(`${(error as Error).message}\n`);
      return;
    }
    this.#grep = value === '' ? undefined : value;
    this.#enqueue(() => this.#run(this.#allUnits(), true));
  }

  #onChange(files: string[]): void {
    for (const file of files) this.#pendingChanges.add(file);
    // Changes during a run wait for it; they are taken together when their turn comes.
    this.#enqueue(() => this.#runChanged());
  }

  async #runChanged(): Promise<void> {
    // A file gone that no run knew of was an editor's temporary (save by rename): not a change.
    const changed = [...this.#pendingChanges].filter((file) => fs.existsSync(file) || this.#graph.mentions(file) || this.#isSelected(file));
    this.#pendingChanges.clear();
    if (changed.length === 0) return;
    const configFile = this.#host.configFile;
    if (configFile !== undefined && changed.includes(configFile)) {
      this.#host.write(`${messages.configChanged(this.#relative(configFile))}\n`);
      return this.#finish('restart');
    }
    const before = new Set(this.#selection.map((unit) => unit.file));
    this.#selection = this.#host.discover();
    const now = new Set(this.#selection.map((unit) => unit.file));
    for (const file of changed) if (!fs.existsSync(file)) this.#graph.forget(file);
    const affected = new Set(this.#graph.affected(changed, now));
    for (const file of now) if (!before.has(file)) affected.add(file); // a new test file
    const units = this.#filtered(this.#selection.filter((unit) => affected.has(unit.file)));
    if (units.length === 0) {
      if (this.#isSource(changed)) this.#host.write(`${messages.nothingAffected(changed.map((file) => this.#relative(file)))}\n`);
      return;
    }
    await this.#run(units, true, changed);
  }

  #isSelected(file: string): boolean {
    return this.#selection.some((unit) => unit.file === file);
  }

  /** Some changed file is one the graph or the selection knows: worth a line when it affects nothing now. */
  #isSource(changed: readonly string[]): boolean {
    return changed.some((file) => /\.(m|c)?(t|j)sx?$/.test(file));
  }

  async #runFailed(): Promise<void> {
    if (this.#failed.length === 0) {
      this.#host.write(`${messages.noFailed}\n`);
      return;
    }
    await this.#run(this.#failed, true);
  }

  #allUnits(): WorkUnit[] {
    return this.#filtered(this.#selection);
  }

  #filtered(units: WorkUnit[]): WorkUnit[] {
    const pattern = this.#pattern;
    return pattern === undefined ? units : units.filter((unit) => pattern.test(this.#relative(unit.file)));
  }

  async #run(units: WorkUnit[], clear: boolean, changed: readonly string[] = []): Promise<void> {
    if (clear && this.#host.clear) this.#host.write(messages.clearScreen);
    if (changed.length > 0) this.#host.write(`${messages.changed(changed.map((file) => this.#relative(file)))}\n`);
    if (units.length === 0) {
      this.#host.write(`${messages.noMatch}\n`);
      return this.#waiting();
    }
    const request: WatchRunRequest = { units, grep: this.#grep === undefined ? [...this.#host.grep] : [...this.#host.grep, this.#grep] };
    this.#last = request;
    this.#running = true;
    try {
      const result = await this.#host.run(request);
      this.#graph.update(result.graph);
      this.#failed = result.failed;
      if (result.interrupted) return this.#finish('interrupted');
    } finally {
      this.#running = false;
    }
    this.#waiting();
  }

  #waiting(): void {
    if (this.#ended) return;
    const filters = messages.filters(this.#pattern?.source, this.#grep);
    this.#host.write(`\n${messages.waiting}${filters === '' ? '' : ` (${filters})`}\n${this.#host.terminal === undefined ? messages.plainHelp : messages.keyHelp}\n`);
  }

  #relative(file: string): string {
    return path.relative(this.#host.cwd, file).split(path.sep).join('/');
  }
}
