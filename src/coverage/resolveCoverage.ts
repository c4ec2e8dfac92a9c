/**
 * Checks and resolves the coverage settings — `--coverage`, `--coverage-reporter`,
 * `--coverage-threshold` over the config's `coverage` — before any test runs, so a bad
 * reporter or threshold key is a usage error (exit 2) and never a surprise at the end.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { CoverageConfig, CoverageMetric, CoverageThresholds, ResolvedCoverage } from './interfaces';
import { CoverageUsageError } from './coverageErrors';
import { METRIC_NAMES, REPORTER_NAMES, messages } from './messages';

/** What the command line says about coverage. */
export interface CoverageCliOptions {
  coverage?: boolean;
  coverageReporter?: string[];
  coverageThreshold?: string[];
  coverageDir?: string;
}

/** Never reported unless `include` names them: tests, fixtures, dependencies, build output. */
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  'test/**',
  'tests/**',
  '**/__tests__/**',
  '**/fixtures/**',
  '**/test_*.*',
  '**/*.{test,spec}.*',
  '**/*.d.{ts,mts,cts}',
  'dist/**',
  'build/**',
  'coverage/**',
  '_trial_temp/**',
  '**/trial-ts.config.*',
];

/** Every JavaScript and TypeScript file of the project. */
export const DEFAULT_INCLUDE = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

/**
 * Parse `KEY=N` of `--coverage-threshold`.
 *
 * @param text - the option's value.
 * @returns the metric and its minimum.
 * @throws {@link CoverageUsageError} for an unknown key or a value outside 0–100.
 */
export function parseThreshold(text: string): [CoverageMetric, number] {
  const match = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(text.trim());
  const metric = match?.[1] as CoverageMetric | undefined;
  const value = Number(match?.[2]);
  if (metric === undefined || !METRIC_NAMES.includes(metric) || !(value >= 0 && value <= 100)) {
    throw new CoverageUsageError(messages.badThreshold(text));
  }
  return [metric, value];
}

function checkReporter(name: string): string {
  if (!(REPORTER_NAMES as readonly string[]).includes(name)) throw new CoverageUsageError(messages.unknownReporter(name));
  return name;
}

function checkThresholds(value: unknown, key: string): CoverageThresholds {
  if (typeof value !== 'object' || value === null) throw new CoverageUsageError(messages.badConfig(key, 'an object of minimums'));
  const result: CoverageThresholds = {};
  for (const [metric, minimum] of Object.entries(value)) {
    if (metric === 'perFile' || metric === 'files') continue;
    parseThreshold(`${metric}=${String(minimum)}`);
    result[metric as CoverageMetric] = minimum as number;
  }
  return result;
}

const CONFIG_KEYS = ['enabled', 'include', 'exclude', 'all', 'reporters', 'dir', 'thresholds'];

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Check the config's `coverage` object.
 *
 * @param value - whatever the config file holds under `coverage`.
 * @returns it, typed.
 * @throws {@link CoverageUsageError} naming the first bad key.
 */
export function validateCoverageConfig(value: unknown): CoverageConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CoverageUsageError(messages.badConfig('', 'an object'));
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) throw new CoverageUsageError(messages.unknownConfigKey(key, CONFIG_KEYS));
  }
  for (const key of ['enabled', 'all'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') throw new CoverageUsageError(messages.badConfig(key, 'true or false'));
  }
  for (const key of ['include', 'exclude', 'reporters'] as const) {
    if (config[key] !== undefined && !isStringArray(config[key])) throw new CoverageUsageError(messages.badConfig(key, 'an array of strings'));
  }
  if (config.dir !== undefined && (typeof config.dir !== 'string' || config.dir === '')) throw new CoverageUsageError(messages.badConfig('dir', 'a folder name'));
  (config.reporters as string[] | undefined)?.forEach(checkReporter);
  if (config.thresholds !== undefined) {
    checkThresholds(config.thresholds, 'thresholds');
    const { files, perFile } = config.thresholds as { files?: unknown; perFile?: unknown };
    if (perFile !== undefined && typeof perFile !== 'boolean') throw new CoverageUsageError(messages.badConfig('thresholds.perFile', 'true or false'));
    if (files !== undefined) {
      if (typeof files !== 'object' || files === null) throw new CoverageUsageError(messages.badConfig('thresholds.files', 'an object of glob: minimums'));
      for (const [glob, minimums] of Object.entries(files)) checkThresholds(minimums, `thresholds.files['${glob}']`);
    }
  }
  return config as CoverageConfig;
}

/**
 * Resolve the run's coverage settings.
 *
 * @param cli - the command line's coverage options.
 * @param config - the config's `coverage` (validated here).
 * @param cwd - the project root.
 * @param configFile - the loaded config file, never reported.
 * @returns the settings, or undefined when coverage is off.
 * @throws {@link CoverageUsageError} for a bad reporter, threshold or config value.
 */
export function resolveCoverage(cli: CoverageCliOptions, config: unknown, cwd: string, configFile?: string): ResolvedCoverage | undefined {
  const settings = config === undefined ? {} : validateCoverageConfig(config);
  const reporters = (cli.coverageReporter ?? []).map(checkReporter);
  const fromCli = (cli.coverageThreshold ?? []).map(parseThreshold);
  const enabled = cli.coverage === true || reporters.length > 0 || fromCli.length > 0 || settings.enabled === true;
  if (!enabled) return undefined;
  const { perFile, files, ...globalMinimums } = settings.thresholds ?? {};
  return {
    cwd,
    dir: path.resolve(cwd, cli.coverageDir ?? settings.dir ?? 'coverage'),
    include: settings.include ?? DEFAULT_INCLUDE,
    exclude: [...DEFAULT_EXCLUDE, ...(settings.exclude ?? [])],
    all: settings.all ?? true,
    reporters: reporters.length > 0 ? reporters : settings.reporters ?? ['text'],
    thresholds: { ...globalMinimums, ...Object.fromEntries(fromCli) },
    perFile: perFile === true,
    fileThresholds: files ?? {},
    ...(configFile === undefined ? {} : { configFile }),
  };
}
