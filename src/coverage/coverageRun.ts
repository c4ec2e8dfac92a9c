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
import type { CoverageMap } from 'istanbul-lib-coverage';
import { COVERAGE_TEMP_ENV, startCoverageCollector, stopCoverageCollector, type ScriptCoverage } from './collector';
import { CoverageConverter } from './convertCoverage';
import { CoverageDirectoryError } from './coverageErrors';
import { missedThresholds, writeCoverageReports } from './coverageReport';
import type { ResolvedCoverage } from './interfaces';
import { messages } from './messages';
import { mergeScriptCoverage } from './mergeScriptCoverage';

/** Where the run's output goes: reports to stdout, warnings and missed thresholds to stderr. */
export interface CoverageIo {
  stderr: { write(text: string): unknown };
}

/** Raw pieces wait here; the folder is removed once the report is written. */
const RAW_FOLDER = '.raw';

/** The run's coverage, started before the first test loads. */
export class CoverageRun {
  readonly #settings: ResolvedCoverage;
  readonly #raw: string;
  readonly #previousEnv: string | undefined;

  /**
   * Empty the coverage folder and start collecting in this thread; workers started from
   * now on collect too.
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
    process.env[COVERAGE_TEMP_ENV] = this.#raw;
    startCoverageCollector(this.#raw);
  }

  /** The files that may be reported: include minus exclude, under the project root. */
  #reportable(): Set<string> {
    const fg = require('fast-glob') as typeof import('fast-glob');
    const ignore = [...this.#settings.exclude];
    if (this.#settings.configFile !== undefined) ignore.push(path.relative(this.#settings.cwd, this.#settings.configFile));
    return new Set(fg.sync(this.#settings.include, { cwd: this.#settings.cwd, ignore, absolute: true, dot: false }));
  }

  /** Merge the raw pieces (and the unloaded files, with `all`) into one map. */
  async #collect(io: CoverageIo): Promise<CoverageMap> {
    const libCoverage = require('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage');
    const map = libCoverage.createCoverageMap({});
    const converter = new CoverageConverter(map);
    const reportable = this.#reportable();
    const byFile = new Map<string, Array<ScriptCoverage['functions']>>();
    const pieces = fs.readdirSync(this.#raw).filter((name) => name.endsWith('.json')).sort();
    for (const name of pieces) {
      const { result } = JSON.parse(fs.readFileSync(path.join(this.#raw, name), 'utf8')) as { result: ScriptCoverage[] };
      for (const script of result) {
        if (!reportable.has(script.url)) continue;
        byFile.set(script.url, [...(byFile.get(script.url) ?? []), script.functions]);
      }
    }
    for (const [file, functions] of byFile) await this.#add(converter, file, mergeScriptCoverage(functions), io);
    if (this.#settings.all) {
      for (const file of reportable) if (!byFile.has(file)) await this.#add(converter, file, [], io);
    }
    return map;
  }

  async #add(converter: CoverageConverter, file: string, functions: ScriptCoverage['functions'], io: CoverageIo): Promise<void> {
    try {
      await converter.add(file, functions);
    } catch (error) {
      io.stderr.write(`trial-ts: ${messages.badPiece(path.relative(this.#settings.cwd, file), (error as Error).message.split('\n')[0])}\n`);
    }
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
    const map = await this.#collect(io);
    try {
      writeCoverageReports(map, this.#settings);
    } catch (error) {
      throw new CoverageDirectoryError(messages.dirNotWritable(path.relative(this.#settings.cwd, this.#settings.dir) || this.#settings.dir, (error as Error).message));
    }
    fs.rmSync(this.#raw, { recursive: true, force: true });
    const fg = require('fast-glob') as typeof import('fast-glob');
    const missed = missedThresholds(map, this.#settings, (glob) => new Set(fg.sync(glob, { cwd: this.#settings.cwd, absolute: true })));
    for (const line of missed) io.stderr.write(`${line}\n`);
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
