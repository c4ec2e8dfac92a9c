/**
 * The command line as a table: every option's flags, help text and parser in one place,
 * from which the commander program (and `--help`) is built. Values are validated here,
 * so a bad one is a usage error (exit 2) before anything runs.
 *
 * @packageDocumentation
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { PoolKind } from '../workers/interfaces';
import type { TestOrder } from '../runner/interfaces';
import { parseShard, type ShardSpec } from '../runner/shard';

/** Parsed command-line options (before the config file is merged in). */
export interface CliOptions {
  /** A number, or `'auto'`: as many as the work deserves, up to one per core. */
  jobs?: number | 'auto';
  pool?: PoolKind;
  exitfirst: boolean;
  untilFailure: boolean;
  order?: { order: TestOrder; seed?: number };
  random?: number;
  reporter: string[];
  helpReporters: boolean;
  rterrors: boolean;
  uncleanWarnings: boolean;
  cleanReactor: boolean;
  tempDirectory?: string;
  dryRun: boolean;
  timeout?: number;
  forceGc: boolean;
  debug: boolean;
  /** Run the tests in the runner's own thread, not in a worker (for debugging). */
  inProcess: boolean;
  grep: string[];
  /** `--exclude GLOB`, repeatable. */
  exclude: string[];
  shard?: { index: number; total: number };
  durations: number;
  durationsFile?: string;
  config?: string;
  allowEmpty: boolean;
  lastFailed: boolean;
  strictTodo: boolean;
  color: boolean;
  retries?: number;
  updateSnapshots: boolean;
  coverage: boolean;
  coverageReporter: string[];
  coverageThreshold: string[];
  coverageDir?: string;
  /** `--watch`: run, then re-run what each change affects. */
  watch: boolean;
  /** `--no-clear`: keep the screen between watch runs. */
  clear: boolean;
  /** `--changed [REF]`: `true` without REF. */
  changed?: string | true;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return parsed;
  };
}

/** `-j N|auto`; `auto` is resolved once the work is known (see `autoJobs`). */
export function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError("Argument to jobs must be a strictly positive integer or 'auto'.");
  }
  return parsed;
}

/** `--order alphabetical|toptobottom|random[:SEED]`. */
export function parseOrder(value: string): { order: TestOrder; seed?: number } {
  const [order, seed] = value.split(':', 2);
  if (order !== 'alphabetical' && order !== 'toptobottom' && order !== 'random') {
    throw new InvalidArgumentError('use alphabetical, toptobottom or random[:SEED].');
  }
  if (seed !== undefined && (order !== 'random' || !/^\d+$/.test(seed))) {
    throw new InvalidArgumentError('only random takes a seed, a non-negative integer: random:1234.');
  }
  return seed === undefined ? { order } : { order, seed: Number(seed) };
}

/** `--shard I/N`, 1-based. */
export function parseShardOption(value: string): ShardSpec {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Build the commander program for `trial-ts [options] [tests...]`.
 *
 * @param version - printed by `--version`.
 */
export function buildProgram(version: string): Command {
  const program = new Command('trial-ts')
    .usage('[options] [tests...]')
    .description(
      'Run class-based TestCase suites (TypeScript or JavaScript). A test is a file, a folder, ' +
        'file.ts:Class or file.ts:Class.testMethod; with none, the config roots (default test/) are searched.',
    )
    .argument('[tests...]', 'files, folders, file.ts:Class or file.ts:Class.testMethod')
    .version(version, '--version', 'print the version and exit')
    .addOption(new Option('-j, --jobs <n>', "run tests in N workers ('auto': one per core)").argParser(parseJobs))
    .addOption(new Option('--pool <kind>', 'worker kind for -j').choices(['threads', 'processes']))
    .option('-x, --exitfirst', 'stop after the first failure or error', false)
    .option('-u, --until-failure', 'repeat the suite until it fails', false)
    .addOption(new Option('--order <order>', 'alphabetical, toptobottom or random[:SEED]').argParser(parseOrder))
    .addOption(new Option('-z, --random <seed>', 'shuffle with this seed (0: a new seed)').argParser((v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('the seed must be a non-negative integer.');
      return Number(v);
    }))
    .option('--reporter <name[:file]>', 'reporter to use, repeatable; name:FILE writes to a file', collect, [] as string[])
    .option('--help-reporters', 'list the reporters and exit', false)
    .option('-e, --rterrors', 'print tracebacks as soon as a test fails', false)
    .option('--unclean-warnings', 'report leaked resources as warnings instead of errors', false)
    .option('--no-clean-reactor', 'do not check tests for leaked resources')
    .option('--temp-directory <dir>', 'the run temp directory (default _trial_temp)')
    .option('-n, --dry-run', 'list the tests as passed without running them', false)
    .addOption(new Option('--timeout <seconds>', 'default timeout of each test phase (default 120)').argParser((v) => {
      const parsed = Number(v);
      if (!(parsed > 0)) throw new InvalidArgumentError('the timeout must be a positive number of seconds.');
      return parsed;
    }))
    .option('--force-gc', 'collect garbage after every test', false)
    .option('--debug', 'run in-process with the inspector open, waiting for a debugger', false)
    .option('--in-process', 'run the tests in the runner itself, not in a worker (no watchdog; for debugging)', false)
    .option('-k, --grep <expr>', "run tests whose id matches EXPR: words (substrings, any case) with and, or, not, ( ); or /regex/; repeatable", collect, [] as string[])
    .option('--exclude <glob>', 'never collect files matching GLOB (relative to the cwd), repeatable; adds to the config exclude', collect, [] as string[])
    .addOption(new Option('--shard <i/n>', 'run shard I of N (balanced by recorded durations)').argParser(parseShardOption))
    .addOption(new Option('--durations <n>', 'list the N slowest tests after the summary').argParser(positiveInteger('--durations')).default(0))
    .option('--durations-file <path>', 'where test durations are read and written')
    .option('--config <file>', 'config file (default trial-ts.config.ts in the cwd)')
    .option('--allow-empty', 'exit 0 when no test is selected', false)
    .option('--last-failed', 'run only the tests that failed in the previous run', false)
    .option('--strict-todo', 'an unexpected success (a todo test that passed) fails the run', false)
    .addOption(new Option('--retries <n>', 'run a failing test up to N more times; a later pass is flaky').argParser(positiveInteger('--retries')))
    .option('--update-snapshots', 'rewrite snapshots that differ (assertMatchesSnapshot)', false)
    .option('--no-color', 'no ANSI colours')
    .option('--coverage', 'collect code coverage (in TypeScript lines) and report it', false)
    .option('--coverage-reporter <name>', 'coverage report: text, text-summary, html, lcov, json, json-summary, cobertura; repeatable', collect, [] as string[])
    .option('--coverage-dir <dir>', 'where coverage reports go, emptied first (default coverage)')
    .option('--coverage-threshold <key=n>', 'fail (exit 1) below N% of lines, branches, functions or statements; repeatable', collect, [] as string[])
    .option('--watch', 'run, then re-run the tests each saved change affects; keys: a all, f failed, p file pattern, t test name, Enter re-run, q quit', false)
    .option('--no-clear', 'with --watch: do not clear the screen between runs')
    .option('--changed [ref]', 'run only the tests affected by the files changed since REF (default: uncommitted changes, else the last commit)')
    .showHelpAfterError(false)
    .allowExcessArguments(true);
  return program;
}
