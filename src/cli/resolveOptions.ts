/**
 * Merges the command line over the config file into the one frozen set of settings the
 * run uses. The command line wins; the config fills in the rest; then the defaults.
 *
 * @packageDocumentation
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { PoolKind } from '../workers/interfaces';
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { TestOrder } from '../runner/interfaces';
import type { SidecarDefinition } from '../sidecar/interfaces';
import { defaultDurationsPath } from '../runner/durations';
import { shardFromEnv } from '../runner/shard';
import { compileKeywordExpression } from '../runner/keywordExpression';
import type { UserConfig } from './config';
import type { ResolvedCoverage } from '../coverage/interfaces';
import { resolveCoverage } from '../coverage/resolveCoverage';
import type { CliOptions } from './options';
import { UsageError } from './usageError';
import { resolveWatch, type ResolvedWatch } from './resolveWatch';
import type { SnapshotMode } from '../unittest/snapshotStore';

/** Everything the run needs to know, resolved and frozen. */
export interface ResolvedConfig extends ResolvedWatch {
  cwd: string;
  /** Folder of the config file, against which its relative paths (sidecar schemas) resolve. */
  configDir?: string;
  roots: string[];
  exclude: string[];
  /** Most workers to use (with `jobsAuto`, the machine's available parallelism). */
  jobs: number;
  /** `-j auto`: use as many of `jobs` as the recorded durations say pay off (at least one worker). */
  jobsAuto: boolean;
  pool: PoolKind;
  exitFirst: boolean;
  untilFailure: boolean;
  order: TestOrder;
  /** Seed for `random` order (also given to every worker). */
  seed: number;
  reporters: string[];
  realtimeErrors: boolean;
  uncleanWarnings: boolean;
  cleanReactor: boolean;
  leakIgnore: LeakIgnoreRule[];
  tempDirectory?: string;
  dryRun: boolean;
  timeoutSeconds?: number;
  forceGc: boolean;
  debug: boolean;
  /**
   * Run the tests in the runner's own thread (`--in-process`, implied by `--debug`).
   * Otherwise even `-j 1` runs them in one worker, where a watchdog can stop a
   * synchronous loop and an out-of-memory test is reported.
   */
  inProcess: boolean;
  grep: string[];
  shard?: { index: number; total: number };
  durations: number;
  durationsFile: string;
  allowEmpty: boolean;
  lastFailed: boolean;
  /** An unexpected success fails the run (`--strict-todo`, config `strictTodo`). */
  strictTodo: boolean;
  color: boolean;
  /** `--retries`, config `retries`: attempts after a failing one. */
  retries: number;
  /** `--update-snapshots` → `all`, `CI` set → `none`, else `new`. */
  snapshotMode: SnapshotMode;
  sidecars: Record<string, SidecarDefinition>;
  /** Code coverage settings; absent when coverage is off. */
  coverage?: ResolvedCoverage;
}

/** `CI` is set to something other than `false`/`0`, as Jest and Vitest read it. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/**
 * Merge CLI options over the config.
 *
 * @param cli - parsed command line.
 * @param config - the loaded config file (or `{}`).
 * @param env - the environment (colour variables).
 * @param isTTY - stdout is a terminal.
 * @param cwd - the run's working directory.
 * @param configFile - the loaded config file, if any.
 * @throws {@link UsageError} for conflicting options.
 */
export function resolveOptions(cli: CliOptions, config: UserConfig, env: NodeJS.ProcessEnv, isTTY: boolean, cwd: string, configFile?: string): ResolvedConfig {
  if (cli.random !== undefined && cli.order !== undefined) throw new UsageError("You can't specify --random when using --order.");
  if (cli.debug && cli.jobs !== undefined && cli.jobs !== 1) throw new UsageError("You can't specify --debug when using --jobs.");
  if (cli.inProcess && cli.jobs !== undefined && cli.jobs !== 1) throw new UsageError("You can't specify --in-process when using --jobs: in-process means one runner, no workers.");
  for (const pattern of cli.grep) {
    try {
      compileKeywordExpression(pattern);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'TRIAL_BAD_KEYWORD') throw new UsageError((error as Error).message);
      throw new UsageError(`-k ${pattern} is not a valid regular expression: ${(error as Error).message}.`);
    }
  }
  let order: TestOrder = cli.order?.order ?? config.order ?? 'alphabetical';
  let seed = cli.order?.seed;
  if (cli.random !== undefined) {
    order = 'random';
    seed = cli.random === 0 ? undefined : cli.random;
  }
  const requestedJobs = cli.debug ? 1 : cli.jobs ?? config.jobs ?? 1;
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return Object.freeze({
    cwd,
    configDir: configFile === undefined ? undefined : path.dirname(configFile),
    roots: config.roots ?? ['test'],
    exclude: [...(config.exclude ?? []), ...cli.exclude],
    jobs: requestedJobs === 'auto' ? os.availableParallelism() : requestedJobs,
    jobsAuto: requestedJobs === 'auto',
    pool: cli.pool ?? config.pool ?? 'threads',
    exitFirst: cli.exitfirst,
    untilFailure: cli.untilFailure,
    order,
    seed: seed ?? (Date.now() % 1_000_000_007),
    reporters: cli.reporter.length > 0 ? cli.reporter : config.reporters ?? ['tree'],
    realtimeErrors: cli.rterrors,
    uncleanWarnings: cli.uncleanWarnings || config.uncleanWarnings === true,
    cleanReactor: cli.cleanReactor && config.leaks?.check !== false,
    leakIgnore: config.leaks?.ignore ?? [],
    tempDirectory: cli.tempDirectory ?? config.tempDirectory,
    dryRun: cli.dryRun,
    timeoutSeconds: cli.timeout ?? config.timeout,
    forceGc: cli.forceGc,
    debug: cli.debug,
    inProcess: cli.inProcess || cli.debug,
    grep: cli.grep,
    shard: cli.shard ?? shardFromEnv(env) ?? undefined,
    durations: cli.durations,
    durationsFile: path.resolve(cwd, cli.durationsFile ?? config.durationsFile ?? defaultDurationsPath(cwd)),
    allowEmpty: cli.allowEmpty,
    lastFailed: cli.lastFailed,
    strictTodo: cli.strictTodo || config.strictTodo === true,
    color: cli.color && !noColor && (forceColor || isTTY),
    retries: cli.retries ?? config.retries ?? 0,
    snapshotMode: cli.updateSnapshots || config.updateSnapshots === true ? 'all' : isCi(env) ? 'none' : 'new',
    sidecars: config.sidecars ?? {},
    coverage: resolveCoverage(cli, config.coverage, cwd, configFile),
    ...resolveWatch(cli, configFile, isTTY),
  });
}
