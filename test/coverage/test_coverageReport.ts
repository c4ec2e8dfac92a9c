/** missedThresholds and writeCoverageReports over a hand-made istanbul map. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCoverageMap } from 'istanbul-lib-coverage';
import { SynchronousTestCase } from 'trial-ts';
import { missedThresholds, writeCoverageReports } from '../../src/coverage/coverageReport';
import type { ResolvedCoverage } from '../../src/coverage/interfaces';

const CWD = path.resolve('/project');

/** A file with `hit` of its `total` one-line statements run. */
function fileData(name: string, hit: number, total: number) {
  const statementMap: Record<string, { start: { line: number; column: number }; end: { line: number; column: number } }> = {};
  const s: Record<string, number> = {};
  for (let index = 0; index < total; index++) {
    statementMap[index] = { start: { line: index + 1, column: 0 }, end: { line: index + 1, column: 5 } };
    s[index] = index < hit ? 1 : 0;
  }
  return { path: path.join(CWD, name), statementMap, s, fnMap: {}, f: {}, branchMap: {}, b: {} };
}

function settings(overrides: Partial<ResolvedCoverage>): ResolvedCoverage {
  return { cwd: CWD, dir: '', include: [], exclude: [], all: true, reporters: [], thresholds: {}, perFile: false, fileThresholds: {}, ...overrides };
}

export class CoverageReportTests extends SynchronousTestCase {
  /** Global thresholds compare the totals; met ones say nothing. */
  test_globalThresholds(): void {
    const map = createCoverageMap({});
    map.addFileCoverage(fileData('a.ts', 1, 4));
    map.addFileCoverage(fileData('b.ts', 4, 4));
    this.assertEqual(missedThresholds(map, settings({ thresholds: { lines: 70, statements: 60 } }), () => new Set()), ['coverage: lines 62.50% is below the threshold of 70%.']);
  }

  /** perFile applies the global minimums to each file, and a glob table to its files. */
  test_perFileThresholds(): void {
    const map = createCoverageMap({});
    map.addFileCoverage(fileData('a.ts', 1, 4));
    map.addFileCoverage(fileData('b.ts', 3, 4));
    const lines = missedThresholds(map, settings({ thresholds: { lines: 50 }, perFile: true, fileThresholds: { 'b.ts': { lines: 80 } } }), () => new Set([path.join(CWD, 'b.ts')]));
    this.assertEqual(lines, ['coverage: a.ts: lines 25.00% is below the threshold of 50%.', 'coverage: b.ts: lines 75.00% is below the threshold of 80%.']);
  }

  /** lcov and json-summary land in the folder. */
  test_reportersWriteFiles(): void {
    const dir = path.resolve(this.mktemp());
    const map = createCoverageMap({});
    map.addFileCoverage(fileData('a.ts', 1, 2));
    writeCoverageReports(map, { dir, reporters: ['lcovonly', 'json-summary'] });
    this.assertIn('DA:2,0', fs.readFileSync(path.join(dir, 'lcov.info'), 'utf8'));
    this.assertIn('"pct":50', fs.readFileSync(path.join(dir, 'coverage-summary.json'), 'utf8'));
  }
}
