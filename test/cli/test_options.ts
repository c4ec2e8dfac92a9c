/**
 * Tests for src/cli/options.ts: the value parsers (`-j`, `--order`, `--shard`) and the
 * commander program built from the option table, parsing every option.
 */
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { SynchronousTestCase } from 'trial-ts';
import { buildProgram, cliOptionsOf, parseJobs, parseOrder, parseShardOption } from '../../src/cli/options';

/** A program that throws instead of exiting and prints nothing. */
function quietProgram(output: string[] = []): Command {
  return buildProgram('9.9.9')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void output.push(text), writeErr: (text) => void output.push(text) });
}

function parse(args: string[]): { opts: Record<string, unknown>; tests: string[] } {
  const program = quietProgram().parse(args, { from: 'user' });
  return { opts: cliOptionsOf(program), tests: program.args };
}

export class ParseJobsTests extends SynchronousTestCase {
  /** A positive integer is taken as is. */
  test_jobsNumber(): void {
    this.assertEqual(parseJobs('1'), 1);
    this.assertEqual(parseJobs('16'), 16);
  }

  /** auto stays 'auto' until the work is known. */
  test_jobsAuto(): void {
    this.assertEqual(parseJobs('auto'), 'auto');
  }

  /** Zero, negatives, fractions, words and empty strings are invalid arguments. */
  test_jobsInvalid(): void {
    for (const value of ['0', '-2', '1.5', 'four', '', 'Auto']) {
      const error = this.assertRaises(InvalidArgumentError, parseJobs, value);
      this.assertSubstring("'auto'", error.message);
    }
  }
}

export class ParseOrderTests extends SynchronousTestCase {
  /** The three orders parse without a seed. */
  test_orders(): void {
    this.assertEqual(parseOrder('alphabetical'), { order: 'alphabetical' });
    this.assertEqual(parseOrder('toptobottom'), { order: 'toptobottom' });
    this.assertEqual(parseOrder('random'), { order: 'random' });
  }

  /** random:SEED carries the seed. */
  test_randomSeed(): void {
    this.assertEqual(parseOrder('random:1234'), { order: 'random', seed: 1234 });
    this.assertEqual(parseOrder('random:0'), { order: 'random', seed: 0 });
  }

  /** Unknown orders, seeds on other orders, and bad seeds are invalid. */
  test_orderInvalid(): void {
    for (const value of ['shuffled', 'Random', 'alphabetical:3', 'toptobottom:1', 'random:x', 'random:-1', 'random:']) {
      this.assertRaises(InvalidArgumentError, parseOrder, value);
    }
  }
}

export class ParseShardOptionTests extends SynchronousTestCase {
  /** I/N parses; bad shards are invalid arguments that explain the form. */
  test_shard(): void {
    this.assertEqual(parseShardOption('2/5'), { index: 2, total: 5 });
    for (const value of ['0/3', '4/3', 'a/b', '2']) {
      const error = this.assertRaises(InvalidArgumentError, parseShardOption, value);
      this.assertSubstring('I/N', error.message);
    }
  }
}

export class BuildProgramTests extends SynchronousTestCase {
  /** With no arguments no option is given (the config and the table's defaults fill in) and there are no tests. */
  test_nothingGiven(): void {
    const { opts, tests } = parse([]);
    this.assertEqual(tests, []);
    this.assertEqual(opts, {});
  }

  /** Every option parses, long forms, with tests in between kept in order. */
  test_everyLongOption(): void {
    const { opts, tests } = parse([
      'test/a',
      '--jobs', '3',
      '--pool', 'processes',
      '--exitfirst',
      '--until-failure',
      '--order', 'random:7',
      '--reporter', 'tree',
      '--reporter', 'junit:out.xml',
      '--help-reporters',
      '--rterrors',
      '--unclean-warnings',
      '--no-clean-reactor',
      '--temp-directory', 'tmpdir',
      '--dry-run',
      '--timeout', '2.5',
      '--force-gc',
      '--debug',
      '--in-process',
      '--grep', 'Parser',
      '--grep', '/x$/i',
      '--exclude', 'test/slow/**',
      '--exclude', '**/e2e/**',
      '--shard', '1/4',
      '--durations', '10',
      '--durations-file', 'd.json',
      '--config', 'c.ts',
      '--allow-empty',
      '--last-failed',
      '--strict-todo',
      '--no-color',
      '--retries', '2',
      '--update-snapshots',
      '--coverage',
      '--coverage-reporter', 'lcov',
      '--coverage-reporter', 'text',
      '--coverage-dir', 'cov',
      '--coverage-threshold', 'lines=90',
      '--watch',
      '--no-clear',
      '--changed', 'main',
      'test/b.ts:C.test_m',
    ]);
    this.assertEqual(tests, ['test/a', 'test/b.ts:C.test_m']);
    this.assertEqual(opts, {
      jobs: 3,
      pool: 'processes',
      exitFirst: true,
      untilFailure: true,
      order: { order: 'random', seed: 7 },
      reporters: ['tree', 'junit:out.xml'],
      helpReporters: true,
      realtimeErrors: true,
      uncleanWarnings: true,
      cleanReactor: false,
      tempDirectory: 'tmpdir',
      dryRun: true,
      timeout: 2.5,
      forceGc: true,
      debug: true,
      inProcess: true,
      grep: ['Parser', '/x$/i'],
      exclude: ['test/slow/**', '**/e2e/**'],
      shard: { index: 1, total: 4 },
      durations: 10,
      durationsFile: 'd.json',
      config: 'c.ts',
      allowEmpty: true,
      lastFailed: true,
      strictTodo: true,
      color: false,
      retries: 2,
      updateSnapshots: true,
      coverage: true,
      coverageReporter: ['lcov', 'text'],
      coverageDir: 'cov',
      coverageThreshold: ['lines=90'],
      watch: true,
      clear: false,
      changed: 'main',
    });
  }

  /** The short forms -j -x -u -z -e -n -k work. */
  test_shortOptions(): void {
    const { opts } = parse(['-j', 'auto', '-x', '-u', '-z', '42', '-e', '-n', '-k', 'Foo']);
    this.assertEqual(opts.jobs, 'auto');
    this.assertEqual([opts.exitFirst, opts.untilFailure, opts.realtimeErrors, opts.dryRun], [true, true, true, true]);
    this.assertEqual(opts.random, 42);
    this.assertEqual(opts.grep, ['Foo']);
  }

  /** Bad values are commander invalid-argument errors, before anything runs. */
  test_badValues(): void {
    for (const args of [
      ['-j', '0'],
      ['--pool', 'fibers'],
      ['--order', 'sideways'],
      ['-z', 'abc'],
      ['--timeout', '0'],
      ['--timeout', 'soon'],
      ['--shard', '3/2'],
      ['--durations', '-1'],
    ]) {
      const error = this.assertRaises(CommanderError, () => parse(args));
      this.assertTrue(['commander.invalidArgument', 'commander.invalidOptionArgument'].includes(error.code), `${args.join(' ')}: ${error.code}`);
    }
  }

  /** An unknown option is a commander error too. */
  test_unknownOption(): void {
    const error = this.assertRaises(CommanderError, () => parse(['--frobnicate']));
    this.assertEqual(error.code, 'commander.unknownOption');
  }

  /** --version prints the given version. */
  test_version(): void {
    const output: string[] = [];
    const error = this.assertRaises(CommanderError, () => quietProgram(output).parse(['--version'], { from: 'user' }));
    this.assertEqual(error.code, 'commander.version');
    this.assertEqual(output.join(''), '9.9.9\n');
  }

  /** --help lists every option of the table. */
  test_helpListsOptions(): void {
    const help = quietProgram().helpInformation();
    for (const flag of ['--jobs', '--pool', '--order', '--random', '--reporter', '--shard', '--temp-directory', '--no-clean-reactor', '--allow-empty', '--last-failed', '--no-color']) {
      this.assertSubstring(flag, help);
    }
  }
}
