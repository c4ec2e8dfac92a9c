/**
 * What a config file may set ({@link UserConfig}) and {@link defineConfig}, which config
 * files call. Kept apart from config.ts, which loads and checks config files: every test
 * file imports `trial-ts`, and this must not bring the option table and commander with it.
 *
 * @packageDocumentation
 */
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { PoolKind } from '../workers/interfaces';
import type { SidecarDefinition } from '../sidecar/interfaces';
import type { TestOrder } from '../runner/interfaces';
import type { CoverageConfig } from '../coverage/interfaces';

// Each key is a row of the option table (optionTable.ts), which checks it and documents it
// in docs/cli.md; config.ts's KEYS stops compiling when this interface and the table disagree.
/** What a config file may set; every field is optional. docs/cli.md lists the keys with their types and defaults. */
export interface UserConfig {
  /** Folders (or files) searched when no test is named on the command line. Default `['test']`. */
  roots?: string[];
  /** Globs (relative to the cwd) of files never collected from folders, e.g. `['test/fixtures/**']`. */
  exclude?: string[];
  /** Workers: a number or `'auto'` (default 1: one worker thread). */
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
