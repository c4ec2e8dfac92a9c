/**
 * What the coverage area tells users: each message says what happened, then what to do.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The reporter names istanbul-reports ships that trial-ts offers. */
export const REPORTER_NAMES = ['text', 'text-summary', 'html', 'lcov', 'lcovonly', 'json', 'json-summary', 'cobertura', 'clover', 'teamcity'] as const;

/** The metrics a threshold can name. */
export const METRIC_NAMES = ['lines', 'branches', 'functions', 'statements'] as const;

/** The coverage area's messages. */
export const messages = {
  unknownReporter: (name: string): string =>
    `Unknown coverage reporter '${name}'. Use one of: ${REPORTER_NAMES.join(', ')} (--coverage-reporter NAME, repeatable).`,
  badThreshold: (text: string): string =>
    `Bad coverage threshold '${text}': write KEY=N with KEY one of ${METRIC_NAMES.join(', ')} and N a percentage from 0 to 100, e.g. --coverage-threshold lines=90.`,
  badConfig: (key: string, expected: string): string => `coverage.${key} in the config must be ${expected}.`,
  unknownConfigKey: (key: string, known: readonly string[]): string =>
    `Unknown key coverage.${key} in the config. Known keys: ${known.join(', ')}.`,
  dirNotWritable: (dir: string, reason: string): string =>
    `The coverage directory ${dir} cannot be written (${reason}). Make it writable, or choose another with coverage.dir in trial-ts.config.ts.`,
  globalBelow: (metric: string, actual: number, minimum: number): string =>
    `coverage: ${metric} ${actual.toFixed(2)}% is below the threshold of ${minimum}%.`,
  fileBelow: (file: string, metric: string, actual: number, minimum: number): string =>
    `coverage: ${file}: ${metric} ${actual.toFixed(2)}% is below the threshold of ${minimum}%.`,
  badPiece: (file: string, reason: string): string =>
    `coverage: skipped ${file}, which could not be mapped to its source (${reason}).`,
  noMergeInput: (file: string): string =>
    `Coverage file ${file} is not a coverage-v8.json; pass the coverage-v8.json each --coverage run (each shard) wrote into its coverage folder.`,
};
