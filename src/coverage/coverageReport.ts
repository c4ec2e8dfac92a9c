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

/**
 * Run every configured reporter over the map.
 *
 * @param map - the merged coverage.
 * @param settings - the reporters and the output folder.
 */
export function writeCoverageReports(map: CoverageMap, settings: Pick<ResolvedCoverage, 'dir' | 'reporters'>): void {
  const libReport = require('istanbul-lib-report') as typeof import('istanbul-lib-report');
  const reports = require('istanbul-reports') as typeof import('istanbul-reports');
  const context = libReport.createContext({ dir: settings.dir, coverageMap: map, defaultSummarizer: 'nested' });
  for (const name of settings.reporters) {
    (reports.create(name as 'text') as unknown as { execute(context: unknown): void }).execute(context);
  }
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
