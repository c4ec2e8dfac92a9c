/**
 * The configuration file (`trial-ts.config.ts`, or `--config FILE`): what
 * {@link defineConfig} accepts, how it is found and loaded (TypeScript included), and its
 * validation — an unknown or mistyped key is a usage error, never silently ignored.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { PoolKind } from '../workers/interfaces';
import type { SidecarDefinition } from '../sidecar/interfaces';
import type { TestOrder } from '../runner/interfaces';
import type { CoverageConfig } from '../coverage/interfaces';
import { importTestFile } from '../runner/loader/registerTypeScript';
import { UsageError } from './usageError';

/** What a config file may set; every field is optional. */
export interface UserConfig {
  /** Folders (or files) searched when no test is named on the command line. Default `['test']`. */
  roots?: string[];
  /** Globs (relative to the cwd) of files never collected from folders, e.g. `['test/fixtures/**']`. */
  exclude?: string[];
  /** Workers: a number or `'auto'` (default 1: in-process). */
  jobs?: number | 'auto';
  /** Worker kind for `jobs > 1`. */
  pool?: PoolKind;
  /** Default per-phase timeout in seconds (default 120). */
  timeout?: number;
  /** Test order (default `alphabetical`). */
  order?: TestOrder;
  /** Reporters, as on the command line: `['tree', 'junit:reports/junit.xml']`. */
  reporters?: string[];
  /** The run's temp directory (default `_trial_temp`). */
  tempDirectory?: string;
  /** Leak checking: on by default; `ignore` lists deliberate leftovers. */
  leaks?: { check?: boolean; ignore?: LeakIgnoreRule[] };
  /** Report leaks as warnings instead of errors. */
  uncleanWarnings?: boolean;
  /** An unexpected success (a `todo` test that passed) fails the run; by default it does not, as in Trial. */
  strictTodo?: boolean;
  /** Run a failing test up to this many more times; a later pass is reported as flaky. */
  retries?: number;
  /** Rewrite snapshots that differ, as `--update-snapshots` does. */
  updateSnapshots?: boolean;
  /** Where test durations are recorded (default `node_modules/.cache/trial-ts/durations.json`). */
  durationsFile?: string;
  /** Long-lived services, by name: `{ db: postgres() }`. */
  sidecars?: Record<string, SidecarDefinition>;
  /** Code coverage (`--coverage`): see docs/coverage.md. */
  coverage?: CoverageConfig;
}

/**
 * Declare the configuration with type checking.
 *
 * @param config - the configuration.
 * @returns the same object.
 * @example
 * ```ts
 * // trial-ts.config.ts
 * import { defineConfig, postgres } from 'trial-ts';
 * export default defineConfig({ roots: ['test'], sidecars: { db: postgres() } });
 * ```
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

/** Config file names looked for in the cwd, in order. */
export const CONFIG_FILES = ['trial-ts.config.ts', 'trial-ts.config.mts', 'trial-ts.config.cts', 'trial-ts.config.js', 'trial-ts.config.mjs', 'trial-ts.config.cjs'];

type Check = (value: unknown) => boolean;
const isStringArray: Check = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isLeakRule: Check = (v) =>
  typeof v === 'object' &&
  v !== null &&
  Object.entries(v).every(([k, x]) => (k === 'kind' || k === 'createdIn') && typeof x === 'string');
const isLeaksSetting: Check = (v) => {
  if (typeof v !== 'object' || v === null) return false;
  const { check, ignore, ...rest } = v as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    (check === undefined || typeof check === 'boolean') &&
    (ignore === undefined || (Array.isArray(ignore) && ignore.every(isLeakRule)))
  );
};
const KEYS: Record<keyof UserConfig, { check: Check; expected: string }> = {
  roots: { check: isStringArray, expected: 'an array of folder names' },
  exclude: { check: isStringArray, expected: 'an array of glob patterns' },
  jobs: { check: (v) => v === 'auto' || (Number.isInteger(v) && (v as number) > 0), expected: "a positive integer or 'auto'" },
  pool: { check: (v) => v === 'threads' || v === 'processes', expected: "'threads' or 'processes'" },
  timeout: { check: (v) => typeof v === 'number' && v > 0, expected: 'a positive number of seconds' },
  order: { check: (v) => v === 'alphabetical' || v === 'toptobottom' || v === 'random', expected: "'alphabetical', 'toptobottom' or 'random'" },
  reporters: { check: isStringArray, expected: 'an array of reporter names' },
  tempDirectory: { check: (v) => typeof v === 'string' && v !== '', expected: 'a folder name' },
  leaks: { check: isLeaksSetting, expected: '{ check?: boolean, ignore?: [{ kind?: string, createdIn?: string }] }' },
  uncleanWarnings: { check: (v) => typeof v === 'boolean', expected: 'true or false' },
  strictTodo: { check: (v) => typeof v === 'boolean', expected: 'true or false' },
  retries: { check: (v) => Number.isInteger(v) && (v as number) >= 0, expected: 'a non-negative integer' },
  updateSnapshots: { check: (v) => typeof v === 'boolean', expected: 'true or false' },
  durationsFile: { check: (v) => typeof v === 'string' && v !== '', expected: 'a file path' },
  coverage: { check: (v) => typeof v === 'object' && v !== null && !Array.isArray(v), expected: 'an object (see docs/coverage.md)' },
  sidecars: { check: (v) => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof (s as SidecarDefinition)?.start === 'function'), expected: 'an object of postgres(...) / processSidecar(...) definitions' },
};

/** Check a loaded config's keys and types; throws a {@link UsageError} naming the first problem. */
export function validateConfig(value: unknown, file: string): UserConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${file} must export a config object (export default defineConfig({...})).`);
  }
  for (const [key, setting] of Object.entries(value)) {
    const rule = KEYS[key as keyof UserConfig];
    if (rule === undefined) {
      throw new UsageError(`${file}: unknown config key '${key}'. Known keys: ${Object.keys(KEYS).join(', ')}.`);
    }
    if (setting !== undefined && !rule.check(setting)) {
      throw new UsageError(`${file}: '${key}' must be ${rule.expected}.`);
    }
  }
  return value as UserConfig;
}

/**
 * Find and load the config: `--config FILE` when given (it must exist), else the first
 * of {@link CONFIG_FILES} in `cwd`, else an empty config.
 *
 * @throws {@link UsageError} when the file is missing, does not load, or is invalid.
 */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: UserConfig; file?: string }> {
  let file: string | undefined;
  if (explicit !== undefined) {
    file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new UsageError(`Config file ${explicit} does not exist.`);
  } else {
    file = CONFIG_FILES.map((name) => path.join(cwd, name)).find((candidate) => fs.existsSync(candidate));
    if (file === undefined) return { config: {} };
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = await importTestFile(file);
  } catch (error) {
    // A compile error's message is the compiler's diagnostic (the line, a caret): keep all
    // of it, as for test files. Other messages are one line; their stacks are not shown.
    const reason = error instanceof Error ? (error.name === 'SyntaxError' ? error.message.trimEnd() : error.message.split('\n')[0]) : String(error);
    throw new UsageError(`Config file ${path.relative(cwd, file) || file} could not be loaded: ${reason}`);
  }
  let value: unknown = loaded.default ?? loaded;
  if (typeof value === 'object' && value !== null && 'default' in value && Object.keys(value).length === 1) {
    value = (value as { default: unknown }).default;
  }
  return { config: validateConfig(value, path.relative(cwd, file) || file), file };
}
