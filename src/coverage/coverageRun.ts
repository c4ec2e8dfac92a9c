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
import { COVERAGE_TEMP_ENV, stopCoverageCollector, type ScriptCoverage } from './collector';
import { CoverageDirectoryError } from './coverageErrors';
import { reportRawCoverage, type CoverageIo, type RawByFile } from './reportRawCoverage';
import type { ResolvedCoverage } from './interfaces';
import { messages } from './messages';

/** Raw pieces wait here; the folder is removed once the report is written. */
const RAW_FOLDER = '.raw';

/** The run's coverage, started before the first test loads. */
export class CoverageRun {
  readonly #settings: ResolvedCoverage;
  readonly #raw: string;
  readonly #previousEnv: string | undefined;

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
      fs.rmSync(settings.dir, { recursive: true, force: true });
      fs.mkdirSync(this.#raw, { recursive: true });
      fs.accessSync(this.#raw, fs.constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CoverageDirectoryError(messages.dirNotWritable(path.relative(settings.cwd, settings.dir) || settings.dir, reason));
    }
    this.#previousEnv = process.env[COVERAGE_TEMP_ENV];
    // Workers inherit it. This thread collects only if tests run in it (createWorkerState
    // starts the collector): counting the runner's own code here costs and reports nothing.
    process.env[COVERAGE_TEMP_ENV] = this.#raw;
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
    const byFile = this.#collect();
    fs.rmSync(this.#raw, { recursive: true, force: true });
    const missed = await reportRawCoverage(byFile, this.#settings, io);
    return missed.length > 0 && exitCode === 0 ? 1 : exitCode;
  }

  /** End collecting without a report (the run failed to start). */
  abandon(): void {
    stopCoverageCollector(this.#settings.cwd);
    this.#restoreEnv();
  }

  #restoreEnv(): void {
    if (this.#previousEnv === undefined) delete process.env[COVERAGE_TEMP_ENV];
    else process.env[COVERAGE_TEMP_ENV] = this.#previousEnv;
  }
}
