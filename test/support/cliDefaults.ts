/**
 * The options commander gives when the command line has no flags, shared by the tests of
 * the option table (which expects them) and of option resolution (which starts from them).
 */
import type { CliOptions } from '../../src/cli/options';

/**
 * Command-line options as commander gives them with no flags, with `overrides` applied.
 *
 * @param overrides - the options a test sets on top of the defaults.
 * @returns a fresh object each call.
 */
export function cliDefaults(overrides: Partial<CliOptions> = {}): CliOptions {
  return {
    exitfirst: false,
    untilFailure: false,
    reporter: [],
    helpReporters: false,
    rterrors: false,
    uncleanWarnings: false,
    cleanReactor: true,
    dryRun: false,
    forceGc: false,
    debug: false,
    inProcess: false,
    grep: [],
    exclude: [],
    durations: 0,
    allowEmpty: false,
    lastFailed: false,
    strictTodo: false,
    color: true,
    updateSnapshots: false,
    coverage: false,
    coverageReporter: [],
    coverageThreshold: [],
    watch: false,
    clear: true,
    ...overrides,
  };
}
