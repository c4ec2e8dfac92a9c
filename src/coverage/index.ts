/**
 * The coverage area: native V8 coverage from every thread and worker, merged and reported
 * in TypeScript lines through istanbul.
 *
 * @packageDocumentation
 */
export { CoverageRun } from './coverageRun';
export { reportRawCoverage, readRawReports, RAW_REPORT, type CoverageIo, type RawByFile, type RawReport } from './reportRawCoverage';
export { resolveCoverage, validateCoverageConfig, parseThreshold, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, type CoverageCliOptions } from './resolveCoverage';
export { startCoverageCollector, flushCoverage, stopCoverageCollector, COVERAGE_TEMP_ENV } from './collector';
export { CoverageUsageError, CoverageDirectoryError } from './coverageErrors';
export { writeCoverageReports, missedThresholds } from './coverageReport';
export type { CoverageConfig, CoverageMetric, CoverageThresholds, ResolvedCoverage } from './interfaces';
