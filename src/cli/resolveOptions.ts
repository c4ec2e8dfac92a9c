/**
 * Merges the command line over the config file into the one frozen set of settings the
 * run uses. The command line wins; the config fills in the rest; then the defaults.
 *
 * @packageDocumentation
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { TestOrder, WorkerConfig } from '../runner/interfaces';
import { defaultDurationsPath } from '../runner/durations';
import { shardFromEnv, type ShardSpec } from '../runner/shard';
import { compileKeywordExpression } from '../runner/keywordExpression';
import type { UserConfig } from './userConfig';
import type { ResolvedCoverage } from '../coverage/interfaces';
import { resolveCoverage } from '../coverage/resolveCoverage';
import { OPTIONS, optionRows, type CliOptions, type MergedName, type MergedSettings } from './optionTable';
import { UsageError } from './usageError';
import { resolveWatch, type ResolvedWatch } from './resolveWatch';
import type { SnapshotMode } from '../unittest/snapshotStore';

/** The settings resolveOptions works out by their own rules (the table's `derived` rows and more). */
export interface DerivedSettings {
  cwd: string;
  /** Folder of the config file, against which its relative paths (sidecar schemas) resolve. */
  configDir?: string;
  /** The config's `exclude`, then `--exclude`. */
  exclude: string[];
  /** Most workers to use (with `jobsAuto`, the machine's available parallelism). */
  jobs: number;
  /** `-j auto`: use as many of `jobs` as the recorded durations say pay off (at least one worker). */
  jobsAuto: boolean;
  order: TestOrder;
  /** Seed for `random` order (also given to every worker). */
  seed: number;
  /** `--no-clean-reactor`, config `leaks.check`. */
  cleanReactor: boolean;
  /** Config `leaks.ignore`. */
  leakIgnore: LeakIgnoreRule[];
  /**
   * Run the tests in the runner's own thread (`--in-process`, implied by `--debug`).
   * Otherwise even `-j 1` runs them in one worker, where a watchdog can stop a
   * synchronous loop and an out-of-memory test is reported.
   */
  inProcess: boolean;
  /** `--shard`, or the CI's shard variables. */
  shard?: ShardSpec;
  durationsFile: string;
  color: boolean;
  /** `--update-snapshots` → `all`, `CI` set → `none`, else `new`. */
  snapshotMode: SnapshotMode;
  /** Code coverage settings; absent when coverage is off. */
  coverage?: ResolvedCoverage;
}

/** Everything the run needs to know, resolved and frozen. */
export type ResolvedConfig = MergedSettings & Readonly<DerivedSettings> & Readonly<ResolvedWatch>;

/**
 * The settings every worker gets as they are resolved; the rest of {@link WorkerConfig}
 * (its index, temp dir, output capture, coverage folder) is each worker's own.
 */
export const WORKER_SETTINGS = [
  'cwd', 'order', 'seed', 'grep', 'timeout', 'cleanReactor', 'uncleanWarnings', 'leakIgnore', 'dryRun', 'forceGc', 'exitFirst', 'strictTodo', 'retries', 'snapshotMode',
] as const satisfies ReadonlyArray<keyof ResolvedConfig & keyof WorkerConfig>;

/** The part of the worker's config that comes from the resolved config. */
export type WorkerSettings = Pick<ResolvedConfig, (typeof WORKER_SETTINGS)[number]>;

/**
 * The settings a worker takes from the resolved config.
 *
 * @param config - the resolved config.
 * @returns a fresh object with the {@link WORKER_SETTINGS}.
 */
export function workerSettings(config: ResolvedConfig): Pick<WorkerConfig, (typeof WORKER_SETTINGS)[number]> {
  const picked = Object.fromEntries(WORKER_SETTINGS.map((name) => [name, config[name]])) as WorkerSettings;
  return picked; // does not compile when a setting's type differs between the two configs
}

/** The rows merged as `command line ?? config ?? default` (each default a fresh copy). */
function mergedSettings(cli: CliOptions, config: UserConfig): MergedSettings {
  const given: Record<string, unknown> = { ...config, ...definedOnly(cli) };
  const merged: Partial<Record<MergedName, unknown>> = {};
  for (const [name, spec] of optionRows()) {
    if (spec.derived === true) continue;
    merged[name as MergedName] = given[name] ?? structuredClone(spec.default);
  }
  return merged as MergedSettings;
}

function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** `CI` is set to something other than `false`/`0`, as Jest and Vitest read it. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/** The conflicts between options and the `-k` expressions, checked before anything resolves. */
function checkCommandLine(cli: CliOptions): void {
  if (cli.random !== undefined && cli.order !== undefined) throw new UsageError("You can't specify --random when using --order.");
  if (cli.debug === true && cli.jobs !== undefined && cli.jobs !== 1) throw new UsageError("You can't specify --debug when using --jobs.");
  if (cli.inProcess === true && cli.jobs !== undefined && cli.jobs !== 1) throw new UsageError("You can't specify --in-process when using --jobs: in-process means one runner, no workers.");
  for (const pattern of cli.grep ?? []) {
    try {
      compileKeywordExpression(pattern);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'TRIAL_BAD_KEYWORD') throw new UsageError((error as Error).message);
      throw new UsageError(`-k ${pattern} is not a valid regular expression: ${(error as Error).message}.`);
    }
  }
}

/** `--order`, `-z` and the config's `order`: the order and its seed. */
function resolveOrder(cli: CliOptions, config: UserConfig): { order: TestOrder; seed: number } {
  if (cli.random !== undefined) return { order: 'random', seed: cli.random === 0 ? newSeed() : cli.random };
  return { order: cli.order?.order ?? config.order ?? OPTIONS.order.default, seed: cli.order?.seed ?? newSeed() };
}

function newSeed(): number {
  return Date.now() % 1_000_000_007;
}

/** Colours: `--no-color` and `NO_COLOR` turn them off; on for a terminal or with `FORCE_COLOR`. */
function resolveColor(cli: CliOptions, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return (cli.color ?? OPTIONS.color.default) && !noColor && (forceColor || isTTY);
}

/**
 * Merge CLI options over the config: the command line wins, then the config, then the
 * table's defaults; the `derived` rows by their own rules.
 *
 * @param cli - what the command line gave ({@link cliOptionsOf}).
 * @param config - the loaded config file (or `{}`).
 * @param env - the environment (colour, CI and shard variables).
 * @param isTTY - stdout is a terminal.
 * @param cwd - the run's working directory.
 * @param configFile - the loaded config file, if any.
 * @returns the frozen settings of the run.
 * @throws {@link UsageError} for conflicting options or a bad `-k` expression.
 * @example
 * ```ts
 * resolveOptions({ jobs: 2 }, { roots: ['spec'] }, process.env, false, process.cwd()).jobs; // 2
 * ```
 */
export function resolveOptions(cli: CliOptions, config: UserConfig, env: NodeJS.ProcessEnv, isTTY: boolean, cwd: string, configFile?: string): ResolvedConfig {
  checkCommandLine(cli);
  const requestedJobs = cli.debug === true ? 1 : cli.jobs ?? config.jobs ?? OPTIONS.jobs.default;
  const derived: DerivedSettings = {
    cwd,
    configDir: configFile === undefined ? undefined : path.dirname(configFile),
    exclude: [...(config.exclude ?? []), ...(cli.exclude ?? [])],
    jobs: requestedJobs === 'auto' ? os.availableParallelism() : requestedJobs,
    jobsAuto: requestedJobs === 'auto',
    ...resolveOrder(cli, config),
    cleanReactor: cli.cleanReactor ?? config.leaks?.check ?? OPTIONS.cleanReactor.default,
    leakIgnore: config.leaks?.ignore ?? [],
    inProcess: cli.inProcess === true || cli.debug === true,
    shard: cli.shard ?? shardFromEnv(env) ?? undefined,
    durationsFile: path.resolve(cwd, cli.durationsFile ?? config.durationsFile ?? defaultDurationsPath(cwd)),
    color: resolveColor(cli, env, isTTY),
    snapshotMode: (cli.updateSnapshots ?? config.updateSnapshots ?? false) ? 'all' : isCi(env) ? 'none' : 'new',
    coverage: resolveCoverage(cli, config.coverage, cwd, configFile),
  };
  return Object.freeze({ ...mergedSettings(cli, config), ...derived, ...resolveWatch(cli, configFile, isTTY) });
}
