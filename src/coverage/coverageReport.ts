/**
 * Writes a coverage map through istanbul's reporters (`text` to stdout, files into the
 * coverage folder) and checks the thresholds against it.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { CoverageMap } from 'istanbul-lib-coverage';
import type { CoverageMetric, ResolvedCoverage } from './interfaces';
import { messages } from './messages';

/** One of istanbul's reporters, ready to write once. */
export interface CoverageReporter {
  execute(context: unknown): void;
}

/**
 * istanbul's reporters by name (loading their modules, which is most of their cost).
 *
 * @param names - standard reporter names, already checked.
 * @returns one reporter per name, in order.
 */
export function createCoverageReporters(names: readonly string[]): CoverageReporter[] {
  const reports = require('istanbul-reports') as typeof import('istanbul-reports');
  return names.map((name) => reports.create(name as 'text') as unknown as CoverageReporter);
}

/**
 * Run every configured reporter over the map.
 *
 * @param map - the merged coverage.
 * @param settings - the reporters and the output folder.
 * @param reporters - the reporters of `settings.reporters`, if already created.
 */
export function writeCoverageReports(
  map: CoverageMap,
  settings: Pick<ResolvedCoverage, 'dir' | 'reporters'>,
  reporters: readonly CoverageReporter[] = createCoverageReporters(settings.reporters),
): void {
  const libReport = require('istanbul-lib-report') as typeof import('istanbul-lib-report');
  const context = libReport.createContext({ dir: settings.dir, coverageMap: map, defaultSummarizer: 'nested' });
  for (const reporter of reporters) reporter.execute(context);
}

function percentage(summary: { pct: number | string }): number {
  return typeof summary.pct === 'number' ? summary.pct : 100;
}

/**
 * The thresholds the map misses, one line each: the global ones, then per file (`perFile`,
 * and each glob of `files`).
 *
 * @param map - the merged coverage.
 * @param settings - the thresholds and the project root.
 * @param filesMatching - the absolute files a glob matches, for the per-glob table.
 * @returns one message per missed threshold (empty: all met).
 */
export function missedThresholds(map: CoverageMap, settings: ResolvedCoverage, filesMatching: (glob: string) => Set<string>): string[] {
  const lines: string[] = [];
  const total = map.getCoverageSummary();
  for (const [metric, minimum] of Object.entries(settings.thresholds) as Array<[CoverageMetric, number]>) {
    const actual = percentage(total[metric]);
    if (actual < minimum) lines.push(messages.globalBelow(metric, actual, minimum));
  }
  const perFile = new Map<string, Array<[CoverageMetric, number]>>();
  for (const file of map.files()) {
    const rules: Array<[CoverageMetric, number]> = settings.perFile ? (Object.entries(settings.thresholds) as Array<[CoverageMetric, number]>) : [];
    perFile.set(file, [...rules]);
  }
  for (const [glob, minimums] of Object.entries(settings.fileThresholds)) {
    const matching = filesMatching(glob);
    for (const [file, rules] of perFile) {
      if (matching.has(file)) rules.push(...(Object.entries(minimums) as Array<[CoverageMetric, number]>));
    }
  }
  for (const [file, rules] of perFile) {
    if (rules.length === 0) continue;
    const summary = map.fileCoverageFor(file).toSummary();
    for (const [metric, minimum] of rules) {
      const actual = percentage(summary[metric]);
      if (actual < minimum) lines.push(messages.fileBelow(path.relative(settings.cwd, file), metric, actual, minimum));
    }
  }
  return lines;
}
