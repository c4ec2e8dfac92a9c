/**
 * The shapes of the coverage area: what a config file may say under `coverage`, and the
 * resolved settings a run uses. Types only.
 *
 * @packageDocumentation
 */

/** The four istanbul totals a threshold can name. */
export type CoverageMetric = 'lines' | 'branches' | 'functions' | 'statements';

/** Minimum percentages, each 0–100; a missing metric is not checked. */
export type CoverageThresholds = Partial<Record<CoverageMetric, number>>;

/** `coverage: { ... }` in trial-ts.config.ts; every field is optional. */
export interface CoverageConfig {
  /** Collect coverage on every run (default false; `--coverage` turns it on for one run). */
  enabled?: boolean;
  /** Globs (relative to the cwd) of the files reported; default every source file of the project. */
  include?: string[];
  /** Globs never reported, added to the defaults (tests, fixtures, node_modules, the config, dist). */
  exclude?: string[];
  /** List project files no test loaded, at 0 % (default true). */
  all?: boolean;
  /** istanbul reporter names (default `['text']`). */
  reporters?: string[];
  /** The output folder, emptied at the start of a run (default `coverage`). */
  dir?: string;
  /** Global minimums, plus `perFile: true` to apply them to each file, or a per-glob table. */
  thresholds?: CoverageThresholds & { perFile?: boolean; files?: Record<string, CoverageThresholds> };
}

/** The coverage settings of one run, resolved and absolute. */
export interface ResolvedCoverage {
  /** The project root: only files under it are reported. */
  cwd: string;
  /** Absolute output folder. */
  dir: string;
  include: string[];
  exclude: string[];
  all: boolean;
  reporters: string[];
  thresholds: CoverageThresholds;
  /** The global minimums apply to each file too. */
  perFile: boolean;
  /** Minimums for the files matching each glob. */
  fileThresholds: Record<string, CoverageThresholds>;
  /** The config file, never reported. */
  configFile?: string;
}
