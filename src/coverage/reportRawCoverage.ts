/**
 * From raw V8 coverage grouped by file to the reports: sum each file's pieces, convert it
 * once, write istanbul's reports and `coverage-v8.json` (the summed raw data, which
 * `trial-ts merge --coverage-from` combines across shards), and check the thresholds.
 * Shared by a run and by the merge of several runs.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScriptCoverage } from './collector';
import { CoverageConverter } from './convertCoverage';
import { CoverageDirectoryError, CoverageUsageError } from './coverageErrors';
import { createCoverageReporters, missedThresholds, writeCoverageReports, type CoverageReporter } from './coverageReport';
import type { ResolvedCoverage } from './interfaces';
import { mergeScriptCoverage } from './mergeScriptCoverage';
import { messages } from './messages';

/** The summed raw coverage file in the coverage folder. */
export const RAW_REPORT = 'coverage-v8.json';

/** Pieces of raw coverage per absolute file; an empty list is a file no test loaded. */
export type RawByFile = Map<string, Array<ScriptCoverage['functions']>>;

/** The contents of {@link RAW_REPORT}: paths relative to the project root, so any checkout can merge it. */
export interface RawReport {
  version: 1;
  result: Array<{ url: string; functions: ScriptCoverage['functions'] }>;
}

/** Where warnings and missed thresholds go. */
export interface CoverageIo {
  stderr: { write(text: string): unknown };
}

/** What writes a report, made before the counts are known (a run makes it while its tests run). */
export interface ReportTools {
  /** Converts into an empty map; may already hold prepared files. */
  converter: CoverageConverter;
  reporters: CoverageReporter[];
}

/**
 * A converter into an empty istanbul map, and the settings' reporters.
 *
 * @param settings - the reporters to create.
 * @returns fresh tools, for one report.
 */
export function reportTools(settings: Pick<ResolvedCoverage, 'reporters'>): ReportTools {
  const libCoverage = require('istanbul-lib-coverage') as typeof import('istanbul-lib-coverage');
  return { converter: new CoverageConverter(libCoverage.createCoverageMap({})), reporters: createCoverageReporters(settings.reporters) };
}

function folderError(settings: ResolvedCoverage, reason: string): CoverageDirectoryError {
  return new CoverageDirectoryError(messages.dirNotWritable(path.relative(settings.cwd, settings.dir) || settings.dir, reason));
}

/**
 * Convert, report and check.
 *
 * @param byFile - the pieces of every reportable file.
 * @param settings - reporters, folder and thresholds.
 * @param io - where a file that could not be mapped, and missed thresholds, are told.
 * @param tools - the converter (its files may already be prepared) and reporters to use.
 * @returns one line per missed threshold (already written to `io.stderr`).
 * @throws {@link CoverageDirectoryError} when the folder cannot be written.
 */
export async function reportRawCoverage(
  byFile: RawByFile,
  settings: ResolvedCoverage,
  io: CoverageIo,
  { converter, reporters }: ReportTools = reportTools(settings),
): Promise<string[]> {
  const map = converter.map;
  const raw: RawReport = { version: 1, result: [] };
  for (const [file, pieces] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const loaded = pieces.filter((piece) => piece.length > 0);
    const functions = loaded.length > 0 ? mergeScriptCoverage(loaded) : [];
    raw.result.push({ url: path.relative(settings.cwd, file).split(path.sep).join('/'), functions });
    try {
      await converter.add(file, functions);
    } catch (error) {
      io.stderr.write(`trial-ts: ${messages.badPiece(path.relative(settings.cwd, file), (error as Error).message.split('\n')[0])}\n`);
    }
  }
  try {
    fs.mkdirSync(settings.dir, { recursive: true });
    fs.writeFileSync(path.join(settings.dir, RAW_REPORT), JSON.stringify(raw));
    writeCoverageReports(map, settings, reporters);
  } catch (error) {
    throw folderError(settings, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const fg = require('fast-glob') as typeof import('fast-glob');
  const missed = missedThresholds(map, settings, (glob) => new Set(fg.sync(glob, { cwd: settings.cwd, absolute: true })));
  for (const line of missed) io.stderr.write(`${line}\n`);
  return missed;
}

/**
 * Read the {@link RAW_REPORT} files of several runs (shards) into pieces per file.
 *
 * @param files - the files, as given.
 * @param cwd - the project root their paths are relative to.
 * @returns the pieces per absolute file.
 * @throws {@link CoverageUsageError} when a file is not such a report.
 */
export function readRawReports(files: readonly string[], cwd: string): RawByFile {
  const byFile: RawByFile = new Map();
  for (const file of files) {
    let report: RawReport;
    try {
      report = JSON.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8')) as RawReport;
      if (report.version !== 1 || !Array.isArray(report.result)) throw new Error('not a coverage-v8.json');
    } catch {
      throw new CoverageUsageError(messages.noMergeInput(file));
    }
    for (const { url, functions } of report.result) {
      const absolute = path.resolve(cwd, url);
      byFile.set(absolute, [...(byFile.get(absolute) ?? []), functions]);
    }
  }
  return byFile;
}
