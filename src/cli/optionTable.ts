/**
 * Every option of `trial-ts`, declared once: its flag, whether the config file takes it
 * (under the same name), the kind of value, the default, the `--help` line and the
 * docs/cli.md line. The commander program (options.ts), the config's keys and checks
 * (config.ts), the merge into the resolved config (resolveOptions.ts) and the option
 * tables of docs/cli.md (optionDocs.ts) are all made from this table.
 *
 * A row's name is the one name of the setting everywhere: the command-line value, the
 * config key and the resolved field (`-e, --rterrors` is `realtimeErrors`).
 *
 * @packageDocumentation
 */
import type { CoverageConfig } from '../coverage/interfaces';
import * as kinds from './optionKinds';
import type { ConfigValue, FlagValue } from './optionKinds';

/** Where docs/cli.md lists an option. */
export type OptionSection = 'selecting' | 'running' | 'output' | 'coverage' | 'config';

/** One row of the table. */
export interface OptionSpec<Cli = unknown, Config = unknown> {
  /** Commander's flags (`-j, --jobs <n>`); absent for a config-only key. */
  readonly flags?: string;
  /** What the flag takes; absent for a switch. */
  readonly value?: FlagValue<Cli>;
  /** What the config key of the same name takes; absent when only the command line sets it. */
  readonly config?: ConfigValue<Config>;
  /** The value when neither the command line nor the config sets it; absent: unset. */
  readonly default?: Cli | Config;
  /** The default as the docs and `--help` say it, when it is not the value itself. */
  readonly shownDefault?: string;
  /**
   * Not merged as `command line ?? config ?? default`: resolveOptions.ts (or main.ts, for
   * `--config` and `--help-reporters`) reads it by its own rule.
   */
  readonly derived?: true;
  /** The `--help` line. */
  readonly help: string;
  /** The docs/cli.md line (Markdown); by default the help line. */
  readonly doc?: string;
  /** Where docs/cli.md lists it. */
  readonly section: OptionSection;
}

/** Declares a row, keeping its literal shape for the types derived below. */
// `any`: each row fixes its own value types through its kinds (see FlagValueOf, ConfigValueOf).
function option<const S extends OptionSpec<any, any>>(spec: S): S {
  return spec;
}

/** The option table, in `--help` order. */
export const OPTIONS = {
  roots: option({
    config: kinds.stringList('an array of folder names'),
    default: ['test'],
    help: 'folders or files searched when no test is named',
    doc: 'Folders or files searched when no test is named. A missing root just has no tests.',
    section: 'config',
  }),
  jobs: option({
    flags: '-j, --jobs <n>',
    value: kinds.jobs,
    config: kinds.jobs,
    default: 1,
    derived: true,
    help: "run tests in N workers ('auto': one per core)",
    doc: 'Run the tests in N workers. `auto` uses up to one per core, as many as the durations recorded by earlier runs say pay off (at least one). The default is 1: one worker thread, so that a test that spins forever is stopped by the watchdog and one that runs out of memory is reported, and the run goes on. See [parallel.md](parallel.md).',
    section: 'running',
  }),
  pool: option({
    flags: '--pool <kind>',
    value: kinds.poolKind,
    config: kinds.poolKind,
    default: 'threads',
    help: 'worker kind for -j',
    doc: 'The kind of worker `-j` uses. Use processes for native addons that do not load in threads, or for code that calls `process.chdir`.',
    section: 'running',
  }),
  exitFirst: option({
    flags: '-x, --exitfirst',
    default: false,
    help: 'stop after the first failure or error',
    doc: 'Stop after the first failure or error. Tests already running finish. An unexpected success does not stop the run, unless `--strict-todo` makes it fail the run.',
    section: 'running',
  }),
  untilFailure: option({
    flags: '-u, --until-failure',
    default: false,
    help: 'repeat the suite until it fails',
    doc: 'Run the whole selection again and again until a pass fails. The human reporters (`tree`, `verbose`, `text`, `dots`) print a passing pass as one line, `Test Pass 3: PASSED (successes=12) in 0.410s`; the pass that fails is announced as `Test Pass N` and shows only its problem tests, their tracebacks and the summary. Machine reporters (`json`, `junit`, `tap`, `subunit`) get every pass in full.',
    section: 'running',
  }),
  order: option({
    flags: '--order <order>',
    value: kinds.orderArgument,
    config: kinds.testOrder,
    default: 'alphabetical',
    derived: true,
    help: 'alphabetical, toptobottom or random[:SEED]',
    doc: '`alphabetical`, `toptobottom`, or `random[:SEED]`. In the config, `random` picks a seed and prints it each run.',
    section: 'selecting',
  }),
  random: option({
    flags: '-z, --random <seed>',
    value: kinds.seed,
    derived: true,
    help: 'shuffle with this seed (0: a new seed)',
    doc: "Shuffle with this seed (Trial's spelling); `0` picks a seed. Cannot be combined with `--order`.",
    section: 'selecting',
  }),
  reporters: option({
    flags: '--reporter <name[:file]>',
    value: kinds.stringList('an array of reporter names'),
    config: kinds.stringList('an array of reporter names'),
    default: ['tree'],
    shownDefault: 'tree',
    help: 'reporter to use, repeatable; name:FILE writes to a file',
    doc: 'Choose a reporter. Repeat the option for several. With `:FILE` the reporter writes to that file. Only one reporter may write to stdout. In the config, any `--reporter` on the command line replaces the whole list. See [reporters.md](reporters.md).',
    section: 'output',
  }),
  helpReporters: option({
    flags: '--help-reporters',
    derived: true,
    help: 'list the reporters and exit',
    doc: 'List the reporters and exit.',
    section: 'output',
  }),
  realtimeErrors: option({
    flags: '-e, --rterrors',
    default: false,
    help: 'print tracebacks as soon as a test fails',
    doc: "Print each failure's traceback as soon as the test ends, as well as in the summary.",
    section: 'output',
  }),
  uncleanWarnings: option({
    flags: '--unclean-warnings',
    config: kinds.flag,
    default: false,
    help: 'report leaked resources as warnings instead of errors',
    doc: 'Report leaked resources as warnings rather than errors.',
    section: 'running',
  }),
  cleanReactor: option({
    flags: '--no-clean-reactor',
    default: true,
    derived: true,
    help: 'do not check tests for leaked resources',
    doc: 'Do not check tests for leaked resources (the config says `leaks: { check: false }`).',
    section: 'running',
  }),
  leaks: option({
    config: kinds.leaks,
    derived: true,
    help: 'leak checking and the deliberate leftovers',
    doc: '`check: false` turns leak checking off. `ignore` is a list of deliberate leftovers, each `{ kind?, createdIn? }`. `kind` is a resource kind (`timer`, `socket`, `server`, `child`, `watcher`, `file`, `worker`, or an async_hooks type such as `TCPWRAP`). `createdIn` is part of the path of the file that created it. See [leaks.md](leaks.md).',
    section: 'config',
  }),
  tempDirectory: option({
    flags: '--temp-directory <dir>',
    value: kinds.text('a folder name'),
    config: kinds.text('a folder name'),
    shownDefault: '_trial_temp',
    help: 'the run temp directory',
    doc: "The run's temp directory. See [The temp directory](#the-temp-directory).",
    section: 'running',
  }),
  dryRun: option({
    flags: '-n, --dry-run',
    default: false,
    help: 'list the tests as passed without running them',
    doc: 'List the selected tests as passed without running anything: no `setUpClass`, `setUp` or test body.',
    section: 'running',
  }),
  timeout: option({
    flags: '--timeout <seconds>',
    value: kinds.seconds,
    config: kinds.seconds,
    shownDefault: '120',
    help: 'default timeout of each test phase, in seconds',
    doc: 'The default timeout of each phase of a `TestCase` test (setUp, the test, each cleanup, tearDown), as in Trial. `@timeout` on a test or class wins.',
    section: 'running',
  }),
  forceGc: option({
    flags: '--force-gc',
    default: false,
    help: 'collect garbage after every test',
    doc: 'Collect garbage after every test.',
    section: 'running',
  }),
  debug: option({
    flags: '--debug',
    default: false,
    help: 'run in-process with the inspector open, waiting for a debugger',
    doc: 'Run in-process (it implies `--in-process`) with the inspector open, waiting for a debugger to attach. Not allowed with `-j N` (N > 1).',
    section: 'running',
  }),
  inProcess: option({
    flags: '--in-process',
    default: false,
    derived: true,
    help: 'run the tests in the runner itself, not in a worker (no watchdog; for debugging)',
    doc: 'Run the tests in the runner itself, with no worker: for debugging (a debugger, a profiler, `node --inspect`). There is no watchdog: a synchronous endless loop hangs the run, and running out of memory ends it. Not allowed with `-j N` (N > 1).',
    section: 'running',
  }),
  grep: option({
    flags: '-k, --grep <expr>',
    value: kinds.stringList('an array of expressions'),
    default: [],
    help: 'run tests whose id matches EXPR: words (substrings, any case) with and, or, not, ( ); or /regex/; repeatable',
    doc: "Run only tests whose id matches EXPR, pytest's way: a bare word matches when it is part of the id, ignoring case, and words combine with `and`, `or`, `not` and parentheses (`-k 'not pg'`, `-k '(login or logout) and not slow'`). `/regex/flags` is a regular expression over the id. A malformed expression or a regex that does not compile is a usage error (exit 2) that says at which column. Repeatable: a test that matches any of the expressions runs.",
    section: 'selecting',
  }),
  exclude: option({
    flags: '--exclude <glob>',
    value: kinds.stringList('an array of glob patterns'),
    config: kinds.stringList('an array of glob patterns'),
    default: [],
    derived: true,
    help: 'never collect files matching GLOB (relative to the cwd), repeatable; adds to the config exclude',
    doc: "Never collect test files matching GLOB (relative to the cwd, fast-glob syntax, e.g. `'test/slow/**'`) when searching folders. Repeatable; adds to the config's `exclude`. A file named on the command line is still run.",
    section: 'selecting',
  }),
  shard: option({
    flags: '--shard <i/n>',
    value: kinds.shard,
    derived: true,
    help: 'run shard I of N (balanced by recorded durations)',
    doc: 'Run shard I of N (1-based), balanced by recorded durations. See [ci.md](ci.md).',
    section: 'selecting',
  }),
  durations: option({
    flags: '--durations <n>',
    value: kinds.integer(1, '--durations'),
    default: 0,
    help: 'list the N slowest tests after the summary',
    doc: 'After the summary, list the N slowest tests.',
    section: 'output',
  }),
  durationsFile: option({
    flags: '--durations-file <path>',
    value: kinds.text('a file path'),
    config: kinds.text('a file path'),
    shownDefault: 'node_modules/.cache/trial-ts/durations.json',
    derived: true,
    help: 'where test durations are read and written',
    doc: "Where test durations (and the last failures) are read and written. Its folder is created without following a link planted at its name; a folder that is a symbolic link, someone else's or writable by others is not written to (a warning names the folder; the run's result and exit code stand).",
    section: 'output',
  }),
  config: option({
    flags: '--config <file>',
    value: kinds.text('a file path'),
    shownDefault: 'trial-ts.config.ts',
    derived: true,
    help: 'config file, in the cwd',
    doc: 'Use this config file. By default `trial-ts.config.ts` (or `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`) in the cwd is used, if there is one.',
    section: 'running',
  }),
  allowEmpty: option({
    flags: '--allow-empty',
    default: false,
    help: 'exit 0 when no test is selected',
    doc: 'Exit 0 rather than 5 when no test is selected.',
    section: 'selecting',
  }),
  lastFailed: option({
    flags: '--last-failed',
    default: false,
    help: 'run only the tests that failed in the previous run',
    doc: 'Run only the tests that failed in the previous run (as recorded in the durations file).',
    section: 'selecting',
  }),
  strictTodo: option({
    flags: '--strict-todo',
    config: kinds.flag,
    default: false,
    help: 'an unexpected success (a todo test that passed) fails the run',
    doc: 'An unexpected success (a `todo` test that passed) fails the run: `FAILED`, counted as failed, exit 1, rerun by `--last-failed`. By default, as in Trial, it is reported as `[SUCCESS!?!]` but the run passes.',
    section: 'running',
  }),
  retries: option({
    flags: '--retries <n>',
    value: kinds.integer(1, '--retries'),
    config: kinds.integer(0, 'retries'),
    default: 0,
    help: 'run a failing test up to N more times; a later pass is flaky',
    doc: 'Run a test that fails or errors up to N more times; a pass on a later attempt passes and is reported as flaky (`flaky=N`). `@flaky(N)` sets it per test or class. See guide.md, Retries.',
    section: 'running',
  }),
  updateSnapshots: option({
    flags: '--update-snapshots',
    config: kinds.flag,
    default: false,
    derived: true,
    help: 'rewrite snapshots that differ (assertMatchesSnapshot)',
    doc: 'Rewrite the snapshots that differ and delete obsolete ones (`assertMatchesSnapshot`). Without it a mismatch fails; with `CI` set a missing snapshot fails instead of being written.',
    section: 'running',
  }),
  color: option({
    flags: '--no-color',
    default: true,
    derived: true,
    help: 'no ANSI colours',
    doc: 'No ANSI colours.',
    section: 'output',
  }),
  sidecars: option({
    config: kinds.sidecars,
    default: {},
    help: 'long-lived services started once per run',
    doc: 'Long-lived services started once per run: `postgres(...)`, `processSidecar(...)`. See [sidecars.md](sidecars.md).',
    section: 'config',
  }),
  watch: option({
    flags: '--watch',
    derived: true,
    help: 'run, then re-run the tests each saved change affects; keys: a all, f failed, p file pattern, t test name, Enter re-run, q quit',
    doc: 'Run the selection, then wait; on each saved change re-run the test files it affects. Keys in a terminal: `a` run all, `f` run the failed ones, `p` filter by file name pattern, `t` filter by test name (`-k` rules), Enter re-run, `q` (or Ctrl-C) quit. Sidecars stay up between runs; each run gets fresh workers. See [watch.md](watch.md).',
    section: 'running',
  }),
  clear: option({
    flags: '--no-clear',
    default: true,
    derived: true,
    help: 'with --watch: do not clear the screen between runs',
    doc: 'With `--watch`: do not clear the screen between runs (it is cleared only in a terminal anyway).',
    section: 'running',
  }),
  changed: option({
    flags: '--changed [ref]',
    value: kinds.optionalRef,
    derived: true,
    help: 'run only the tests affected by the files changed since REF (default: uncommitted changes, else the last commit)',
    doc: "Run only the tests affected by the files git says changed: without REF the uncommitted changes (staged, unstaged, untracked), or the last commit's when the tree is clean; with REF everything since REF (write `--changed=REF`, or put it after the tests: a bare `--changed` takes the next word as REF). Affected means the test file changed, or imports a changed file directly or through others, by the module graph the durations file records; without a recorded graph every test runs, with a note. See [watch.md](watch.md).",
    section: 'selecting',
  }),
  coverage: option({
    flags: '--coverage',
    config: kinds.object<CoverageConfig>('an object (see docs/coverage.md)'),
    derived: true,
    help: 'collect code coverage (in TypeScript lines) and report it',
    doc: 'Collect code coverage (in TypeScript lines) and report it. In the config, `{ enabled, include, exclude, all, reporters, dir, thresholds }`: see [coverage.md](coverage.md).',
    section: 'coverage',
  }),
  coverageReporter: option({
    flags: '--coverage-reporter <name>',
    value: kinds.stringList('an array of coverage reporter names'),
    derived: true,
    help: 'coverage report: text, text-summary, html, lcov, json, json-summary, cobertura; repeatable',
    doc: 'The coverage report: `text` (the default), `text-summary`, `html`, `lcov`, `json`, `json-summary`, `cobertura`. Repeatable; implies `--coverage`.',
    section: 'coverage',
  }),
  coverageDir: option({
    flags: '--coverage-dir <dir>',
    value: kinds.text('a folder name'),
    shownDefault: 'coverage',
    derived: true,
    help: 'where coverage reports go, emptied first',
    doc: 'Where coverage reports go; the folder is emptied first.',
    section: 'coverage',
  }),
  coverageThreshold: option({
    flags: '--coverage-threshold <key=n>',
    value: kinds.stringList('an array of KEY=N'),
    derived: true,
    help: 'fail (exit 1) below N% of lines, branches, functions or statements; repeatable',
    doc: 'Fail (exit 1) below N % of `lines`, `branches`, `functions` or `statements`. Repeatable; implies `--coverage`.',
    section: 'coverage',
  }),
} as const;

/** The table's type. */
export type OptionTable = typeof OPTIONS;
/** A setting's name: a row of the table. */
export type OptionName = keyof OptionTable;

/** The value a row's flag gives: its value kind's, or a boolean for a switch. */
export type FlagValueOf<S> = S extends { value: FlagValue<infer T> } ? T : S extends { flags: string } ? boolean : never;
/** The value a row's config key takes. */
type ConfigValueOf<S> = S extends { config: ConfigValue<infer T> } ? T : never;

/** The rows the command line sets. */
export type FlagName = { [K in OptionName]: OptionTable[K] extends { flags: string } ? K : never }[OptionName];
/** The rows the config file sets. */
export type ConfigName = { [K in OptionName]: OptionTable[K] extends { config: object } ? K : never }[OptionName];
/** The rows merged as `command line ?? config ?? default`. */
export type MergedName = { [K in OptionName]: OptionTable[K] extends { derived: true } ? never : K }[OptionName];

/** The command line's settings, by row name; only what was given is present. */
export type CliOptions = { -readonly [K in FlagName]?: FlagValueOf<OptionTable[K]> };

/** A merged setting's value: set when the row has a default. */
type MergedValue<S> = S extends { default: unknown } ? FlagValueOf<S> | ConfigValueOf<S> : FlagValueOf<S> | ConfigValueOf<S> | undefined;

/** The merged settings of the resolved config. */
export type MergedSettings<K extends MergedName = MergedName> = { readonly [P in K]: MergedValue<OptionTable[P]> };

/** The rows, as `[name, spec]` pairs, in table order. */
export function optionRows(): Array<[OptionName, OptionSpec]> {
  return Object.entries(OPTIONS) as Array<[OptionName, OptionSpec]>;
}
