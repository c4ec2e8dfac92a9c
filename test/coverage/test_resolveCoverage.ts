/** resolveCoverage: the command line over the config, checked before any test runs. */
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { CoverageUsageError } from '../../src/coverage/coverageErrors';
import { parseThreshold, resolveCoverage, validateCoverageConfig } from '../../src/coverage/resolveCoverage';

const CWD = path.resolve('/project');

export class ResolveCoverageTests extends SynchronousTestCase {
  /** Without --coverage or coverage.enabled, coverage is off. */
  test_offByDefault(): void {
    this.assertEqual(resolveCoverage({ coverage: false, coverageReporter: [], coverageThreshold: [] }, undefined, CWD), undefined);
    this.assertEqual(resolveCoverage({ coverage: false }, { enabled: false, reporters: ['lcov'] }, CWD), undefined);
  }

  /** The defaults: text reporter, coverage/ under the cwd, all on, no thresholds. */
  test_defaults(): void {
    const settings = resolveCoverage({ coverage: true }, undefined, CWD)!;
    this.assertEqual([settings.dir, settings.reporters, settings.all, settings.thresholds], [path.join(CWD, 'coverage'), ['text'], true, {}]);
    this.assertIn('test/**', settings.exclude);
  }

  /** The command line's reporters and thresholds win over the config's. */
  test_cliWinsOverConfig(): void {
    const settings = resolveCoverage(
      { coverage: true, coverageReporter: ['lcov'], coverageThreshold: ['lines=90'], coverageDir: 'out' },
      { reporters: ['html'], thresholds: { lines: 50, branches: 40, perFile: true, files: { 'src/a.ts': { lines: 100 } } }, dir: 'cov', exclude: ['gen/**'] },
      CWD,
    )!;
    this.assertEqual(settings.reporters, ['lcov']);
    this.assertEqual(settings.thresholds, { lines: 90, branches: 40 });
    this.assertEqual([settings.perFile, settings.fileThresholds], [true, { 'src/a.ts': { lines: 100 } }]);
    this.assertEqual(settings.dir, path.join(CWD, 'out'));
    this.assertIn('gen/**', settings.exclude);
  }

  /** An unknown reporter, threshold key or config key is a usage error naming it. */
  test_badValuesAreUsageErrors(): void {
    this.assertIn("'lcovv'", this.assertRaises(CoverageUsageError, resolveCoverage, { coverageReporter: ['lcovv'] }, undefined, CWD).message);
    this.assertIn("'line=90'", this.assertRaises(CoverageUsageError, parseThreshold, 'line=90').message);
    this.assertIn("'lines=101'", this.assertRaises(CoverageUsageError, parseThreshold, 'lines=101').message);
    this.assertIn('coverage.reporter', this.assertRaises(CoverageUsageError, validateCoverageConfig, { reporter: ['text'] }).message);
    this.assertIn('coverage.all', this.assertRaises(CoverageUsageError, validateCoverageConfig, { all: 'yes' }).message);
    this.assertEqual(this.assertRaises(CoverageUsageError, validateCoverageConfig, { thresholds: { lnes: 3 } }).code, 'TRIAL_USAGE');
  }
}
