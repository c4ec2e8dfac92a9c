/**
 * One run's coverage, from the main process: empty the coverage folder, tell every thread
 * and worker where to write raw V8 data, and when the tests are over, merge the pieces
 * from all of them (plus the project files no test loaded), write the reports and check
 * the thresholds.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { COVERAGE_TEMP_ENV, stopCoverageCollector, type ScriptCoverage } from './collector';
import { CoverageDirectoryError } from './coverageErrors';
import { reportRawCoverage, reportTools, type CoverageIo, type RawByFile, type ReportTools } from './reportRawCoverage';
import type { ResolvedCoverage } from './interfaces';
import { messages } from './messages';

/** Raw pieces wait here; the folder is removed once the report is written. */
const RAW_FOLDER = '.raw';

/** In the raw folder: the previous run's reports, removed in the background as the tests run. */
const PREVIOUS_FOLDER = 'previous';

/** The run's coverage, started before the first test loads. */
export class CoverageRun {
  readonly #settings: ResolvedCoverage;
  readonly #raw: string;
  readonly #previousEnv: string | undefined;
  readonly #clearing: Promise<void>;
  #preparing: Promise<ReportTools | undefined> | undefined;
  #ended = false;

  /**
   * Empty the coverage folder and name the raw folder for every thread and worker that
   * runs tests from now on.
   *
   * @param settings - the resolved coverage settings.
   * @throws {@link CoverageDirectoryError} when the folder cannot be emptied or written.
   */
  constructor(settings: ResolvedCoverage) {
    this.#settings = settings;
    this.#raw = path.join(settings.dir, RAW_FOLDER);
    try {
      this.#clearing = this.#emptyFolder();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CoverageDirectoryError(messages.dirNotWritable(path.relative(settings.cwd, settings.dir) || settings.dir, reason));
    }
    this.#previousEnv = process.env[COVERAGE_TEMP_ENV];
    // Workers inherit it. This thread collects only if tests run in it (createWorkerState
    // starts the collector): counting the runner's own code here costs and reports nothing.
    process.env[COVERAGE_TEMP_ENV] = this.#raw;
  }

  /**
   * Leave an empty coverage folder with its raw folder. Removing the last run's reports (an
   * html report is hundreds of files) would hold up the start of the tests, so they are
   * moved into the raw folder, by two renames, and removed off this thread; if the run is
   * killed meanwhile, the next run's clearing takes them with the rest.
   *
   * @returns the removal of the previous reports.
   */
  #emptyFolder(): Promise<void> {
    const dir = this.#settings.dir;
    const aside = `${dir}.${process.pid}.previous`;
    let moved = true;
    try {
      fs.renameSync(dir, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      moved = false;
    }
    fs.mkdirSync(this.#raw, { recursive: true });
    fs.accessSync(this.#raw, fs.constants.W_OK);
    if (!moved) return Promise.resolve();
    const previous = path.join(this.#raw, PREVIOUS_FOLDER);
    fs.renameSync(aside, previous);
    // A failure here is left to the raw folder's removal at the end.
    return fs.promises.rm(previous, { recursive: true, force: true }).catch(() => undefined);
  }

  /**
   * Do the report's work that needs no counts while the tests run in workers and this
   * thread mostly waits: load the converter and istanbul, and read, compile and map every
   * file `all` will report, one file per turn of the event loop so that the run's own
   * messages are never held up. Not for a run whose tests share this thread.
   *
   * @param start - when to begin (the workers are busy): until then this thread starts
   *   them and hands out their work. If the run finishes first, nothing is prepared.
   */
  prepareReport(start: Promise<void>): void {
    void start.then(() => {
      if (this.#ended || this.#preparing !== undefined) return;
      this.#preparing = this.#prepare().catch(() => undefined);
    });
  }

  async #prepare(): Promise<ReportTools | undefined> {
    const tools = reportTools(this.#settings);
    await nextTurn();
    const files = this.#settings.all ? [...this.#reportable()] : [];
    for (const file of files) {
      if (this.#ended) break;
      await tools.converter.prepare(file);
      await nextTurn();
    }
    return tools;
  }

  /** The files that may be reported: include minus exclude, under the project root. */
  #reportable(): Set<string> {
    const fg = require('fast-glob') as typeof import('fast-glob');
    const ignore = [...this.#settings.exclude];
    if (this.#settings.configFile !== undefined) ignore.push(path.relative(this.#settings.cwd, this.#settings.configFile));
    return new Set(fg.sync(this.#settings.include, { cwd: this.#settings.cwd, ignore, absolute: true, dot: false }));
  }

  /** The raw pieces per reportable file (with `all`, the unloaded files with none). */
  #collect(): RawByFile {
    const reportable = this.#reportable();
    const byFile: RawByFile = new Map();
    const pieces = fs.readdirSync(this.#raw).filter((name) => name.endsWith('.json')).sort();
    for (const name of pieces) {
      const { result } = JSON.parse(fs.readFileSync(path.join(this.#raw, name), 'utf8')) as { result: ScriptCoverage[] };
      for (const script of result) {
        if (reportable.has(script.url)) byFile.set(script.url, [...(byFile.get(script.url) ?? []), script.functions]);
      }
    }
    if (this.#settings.all) {
      for (const file of reportable) if (!byFile.has(file)) byFile.set(file, []);
    }
    return byFile;
  }

  /**
   * The tests are over: merge, report, check the thresholds.
   *
   * @param exitCode - the run's exit code so far.
   * @param io - where warnings and missed thresholds go.
   * @returns the exit code: 1 when the run passed but a threshold was missed.
   * @throws {@link CoverageDirectoryError} when a report cannot be written.
   */
  async finish(exitCode: number, io: CoverageIo): Promise<number> {
    stopCoverageCollector(this.#settings.cwd);
    this.#restoreEnv();
    this.#ended = true;
    const prepared = await this.#preparing;
    await this.#clearing;
    // Globbed again: a test may have written a source file since the preparation's glob.
    const byFile = this.#collect();
    fs.rmSync(this.#raw, { recursive: true, force: true });
    const missed = await reportRawCoverage(byFile, this.#settings, io, prepared);
    return missed.length > 0 && exitCode === 0 ? 1 : exitCode;
  }

  /** End collecting without a report (the run failed to start). */
  abandon(): void {
    this.#ended = true;
    stopCoverageCollector(this.#settings.cwd);
    this.#restoreEnv();
    fs.rmSync(this.#raw, { recursive: true, force: true });
  }

  #restoreEnv(): void {
    if (this.#previousEnv === undefined) delete process.env[COVERAGE_TEMP_ENV];
    else process.env[COVERAGE_TEMP_ENV] = this.#previousEnv;
  }
}
