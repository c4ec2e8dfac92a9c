/**
 * Tests for src/cli/resolveOptions.ts: the command line wins over the config, the config
 * over the defaults; conflicting options are usage errors; colour follows --no-color,
 * NO_COLOR, FORCE_COLOR and the terminal.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import type { UserConfig } from '../../src/cli/userConfig';
import type { CliOptions } from '../../src/cli/options';
import { resolveOptions, workerSettings, WORKER_SETTINGS } from '../../src/cli/resolveOptions';
import { UsageError } from '../../src/cli/usageError';

const CWD = '/work/project';

function resolve(options: CliOptions = {}, config: UserConfig = {}, env: NodeJS.ProcessEnv = {}, isTTY = false) {
  return resolveOptions(options, config, env, isTTY, CWD);
}

export class DefaultsTests extends SynchronousTestCase {
  /** With nothing given, the documented defaults apply. */
  test_defaults(): void {
    const resolved = resolve();
    this.assertEqual(
      {
        roots: resolved.roots,
        exclude: resolved.exclude,
        jobs: resolved.jobs,
        pool: resolved.pool,
        order: resolved.order,
        reporters: resolved.reporters,
        cleanReactor: resolved.cleanReactor,
        uncleanWarnings: resolved.uncleanWarnings,
        leakIgnore: resolved.leakIgnore,
        tempDirectory: resolved.tempDirectory,
        timeout: resolved.timeout,
        shard: resolved.shard,
        durationsFile: resolved.durationsFile,
        sidecars: resolved.sidecars,
        cwd: resolved.cwd,
      },
      {
        roots: ['test'],
        exclude: [],
        jobs: 1,
        pool: 'threads',
        order: 'alphabetical',
        reporters: ['tree'],
        cleanReactor: true,
        uncleanWarnings: false,
        leakIgnore: [],
        tempDirectory: undefined,
        timeout: undefined,
        shard: undefined,
        durationsFile: path.join(CWD, 'node_modules', '.cache', 'trial-ts', 'durations.json'),
        sidecars: {},
        cwd: CWD,
      },
    );
    this.assertTrue(Number.isInteger(resolved.seed) && resolved.seed >= 0);
  }

  /** The result is frozen. */
  test_frozen(): void {
    this.assertTrue(Object.isFrozen(resolve()));
  }

  /** Flags with no config counterpart pass through. */
  test_passThrough(): void {
    const resolved = resolve({ exitFirst: true, untilFailure: true, realtimeErrors: true, dryRun: true, forceGc: true, grep: ['x'], durations: 5, allowEmpty: true, lastFailed: true });
    this.assertEqual(
      [resolved.exitFirst, resolved.untilFailure, resolved.realtimeErrors, resolved.dryRun, resolved.forceGc, resolved.grep, resolved.durations, resolved.allowEmpty, resolved.lastFailed],
      [true, true, true, true, true, ['x'], 5, true, true],
    );
  }
}

export class PrecedenceTests extends SynchronousTestCase {
  /** The config fills in what the command line leaves out. */
  test_configOverDefaults(): void {
    const resolved = resolve({}, {
      roots: ['spec'],
      exclude: ['spec/slow/**'],
      jobs: 3,
      pool: 'processes',
      order: 'toptobottom',
      reporters: ['dots'],
      tempDirectory: 'tmp',
      timeout: 9,
      uncleanWarnings: true,
      leaks: { check: false, ignore: [{ kind: 'Timeout' }] },
      durationsFile: 'd/durations.json',
    });
    this.assertEqual(
      [resolved.roots, resolved.exclude, resolved.jobs, resolved.pool, resolved.order, resolved.reporters, resolved.tempDirectory, resolved.timeout],
      [['spec'], ['spec/slow/**'], 3, 'processes', 'toptobottom', ['dots'], 'tmp', 9],
    );
    this.assertEqual([resolved.uncleanWarnings, resolved.cleanReactor, resolved.leakIgnore], [true, false, [{ kind: 'Timeout' }]]);
    this.assertEqual(resolved.durationsFile, path.join(CWD, 'd', 'durations.json'));
  }

  /** --exclude adds to the config's exclude, config globs first. */
  test_excludeFlagAddsToConfig(): void {
    this.assertEqual(resolve({ exclude: ['e2e/**'] }, { exclude: ['slow/**'] }).exclude, ['slow/**', 'e2e/**']);
  }

  /** A malformed -k expression is a usage error that keeps the parser's column. */
  test_malformedKeywordIsUsageError(): void {
    const error = this.assertRaises(UsageError, () => resolve({ grep: ['a and'] }));
    this.assertSubstring('column 6', error.message);
  }

  /** strictTodo is off unless the flag or the config turns it on. */
  test_strictTodoFromFlagOrConfig(): void {
    const strict = [resolve(), resolve({ strictTodo: true }), resolve({}, { strictTodo: true }), resolve({}, { strictTodo: false })].map((r) => r.strictTodo);
    this.assertEqual(strict, [false, true, true, false]);
  }

  /** Retries come from --retries, else the config, else 0. */
  test_retriesFromFlagOrConfig(): void {
    this.assertEqual([resolve().retries, resolve({ retries: 2 }, { retries: 5 }).retries, resolve({}, { retries: 5 }).retries], [0, 2, 5]);
  }

  /** Snapshots: --update-snapshots (or the config) rewrites, CI forbids writing, otherwise new ones are written. */
  test_snapshotMode(): void {
    this.assertEqual(resolve().snapshotMode, 'new');
    this.assertEqual(resolve({}, {}, { CI: 'true' }).snapshotMode, 'none');
    this.assertEqual(resolve({}, {}, { CI: 'false' }).snapshotMode, 'new');
    this.assertEqual(resolve({ updateSnapshots: true }, {}, { CI: '1' }).snapshotMode, 'all');
    this.assertEqual(resolve({}, { updateSnapshots: true }).snapshotMode, 'all');
  }

  /** The command line wins over the config. */
  test_cliOverConfig(): void {
    const resolved = resolve(
      { jobs: 2, pool: 'threads', order: { order: 'alphabetical' }, reporters: ['json'], tempDirectory: 'cli-tmp', timeout: 1, durationsFile: '/abs/d.json' },
      { jobs: 8, pool: 'processes', order: 'toptobottom', reporters: ['dots'], tempDirectory: 'cfg-tmp', timeout: 9, durationsFile: 'cfg.json' },
    );
    this.assertEqual(
      [resolved.jobs, resolved.pool, resolved.order, resolved.reporters, resolved.tempDirectory, resolved.timeout, resolved.durationsFile],
      [2, 'threads', 'alphabetical', ['json'], 'cli-tmp', 1, '/abs/d.json'],
    );
  }

  /** config jobs 'auto' allows up to the machine's parallelism, decided later from the work. */
  test_configJobsAuto(): void {
    const resolved = resolve({}, { jobs: 'auto' });
    this.assertEqual([resolved.jobs, resolved.jobsAuto], [os.availableParallelism(), true]);
  }

  /** An explicit number is used as given. */
  test_jobsNumberIsNotAuto(): void {
    const resolved = resolve({ jobs: 3 }, {});
    this.assertEqual([resolved.jobs, resolved.jobsAuto], [3, false]);
  }

  /** --no-clean-reactor turns leak checks off even when the config turns them on. */
  test_noCleanReactor(): void {
    this.assertFalse(resolve({ cleanReactor: false }, { leaks: { check: true } }).cleanReactor);
  }

  /** --shard wins over CI variables, which apply when --shard is absent. */
  test_shardSources(): void {
    const env = { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' };
    this.assertEqual(resolve({}, {}, env).shard, { index: 2, total: 3 });
    this.assertEqual(resolve({ shard: { index: 1, total: 2 } }, {}, env).shard, { index: 1, total: 2 });
  }

  /** The config file's folder is recorded when there is one. */
  test_configDir(): void {
    this.assertEqual(resolveOptions({}, {}, {}, false, CWD, '/work/project/conf/trial-ts.config.ts').configDir, '/work/project/conf');
    this.assertEqual(resolve().configDir, undefined);
  }
}

export class OrderAndSeedTests extends SynchronousTestCase {
  /** --order random:SEED gives that seed. */
  test_orderRandomSeed(): void {
    const resolved = resolve({ order: { order: 'random', seed: 99 } });
    this.assertEqual([resolved.order, resolved.seed], ['random', 99]);
  }

  /** --random SEED means random order with that seed; --random 0 picks a new seed. */
  test_randomOption(): void {
    const given = resolve({ random: 5 });
    this.assertEqual([given.order, given.seed], ['random', 5]);
    const fresh = resolve({ random: 0 });
    this.assertEqual([fresh.order, fresh.seed === 0], ['random', false]);
  }

  /** --random with --order is a usage error. */
  test_randomWithOrderConflicts(): void {
    const error = this.assertRaises(UsageError, () => resolve({ random: 1, order: { order: 'alphabetical' } }));
    this.assertSubstring('--random', error.message);
    this.assertSubstring('--order', error.message);
  }

  /** config order random without a seed still orders randomly. */
  test_configRandom(): void {
    const resolved = resolve({}, { order: 'random' });
    this.assertEqual(resolved.order, 'random');
  }
}

export class DebugTests extends SynchronousTestCase {
  /** --debug with -j above 1 is a usage error. */
  test_debugWithJobsConflicts(): void {
    const error = this.assertRaises(UsageError, () => resolve({ debug: true, jobs: 2 }));
    this.assertSubstring('--debug', error.message);
  }

  /** --debug forces one in-process worker, even over -j 1 or config jobs. */
  test_debugForcesOneJob(): void {
    this.assertEqual(resolve({ debug: true, jobs: 1 }).jobs, 1);
    this.assertEqual(resolve({ debug: true }, { jobs: 6 }).jobs, 1);
    this.assertTrue(resolve({ debug: true }).debug);
  }

  /** --debug implies --in-process: a debugger attaches to the runner's own thread. */
  test_debugImpliesInProcess(): void {
    this.assertEqual([resolve({ debug: true }).inProcess, resolve({}).inProcess], [true, false]);
  }

  /** --in-process with -j above 1 is a usage error naming --in-process. */
  test_inProcessWithJobsConflicts(): void {
    const error = this.assertRaises(UsageError, () => resolve({ inProcess: true, jobs: 2 }));
    this.assertSubstring('--in-process', error.message);
  }
}

export class ColorTests extends SynchronousTestCase {
  /** On a terminal with nothing set: colour. Not on a terminal: none. */
  test_ttyDecides(): void {
    this.assertTrue(resolve({}, {}, {}, true).color);
    this.assertFalse(resolve({}, {}, {}, false).color);
  }

  /** --no-color turns colour off, even on a terminal with FORCE_COLOR. */
  test_noColorFlag(): void {
    this.assertFalse(resolve({ color: false }, {}, { FORCE_COLOR: '1' }, true).color);
  }

  /** A non-empty NO_COLOR turns colour off; an empty one does not. */
  test_noColorEnv(): void {
    this.assertFalse(resolve({}, {}, { NO_COLOR: '1' }, true).color);
    this.assertTrue(resolve({}, {}, { NO_COLOR: '' }, true).color);
  }

  /** FORCE_COLOR turns colour on off a terminal, except FORCE_COLOR=0 or false. */
  test_forceColorEnv(): void {
    this.assertTrue(resolve({}, {}, { FORCE_COLOR: '1' }, false).color);
    this.assertTrue(resolve({}, {}, { FORCE_COLOR: '' }, false).color);
    this.assertFalse(resolve({}, {}, { FORCE_COLOR: '0' }, false).color);
    this.assertFalse(resolve({}, {}, { FORCE_COLOR: 'false' }, false).color);
  }

  /** NO_COLOR wins over FORCE_COLOR. */
  test_noColorBeatsForceColor(): void {
    this.assertFalse(resolve({}, {}, { NO_COLOR: '1', FORCE_COLOR: '1' }, true).color);
  }
}

export class WorkerSettingsTests extends SynchronousTestCase {
  /** A worker gets exactly the listed settings, with their resolved values. */
  test_workerSettingsPicked(): void {
    const resolved = resolve({ grep: ['k'], timeout: 4, exitFirst: true }, { retries: 2, leaks: { ignore: [{ kind: 'timer' }] } });
    const settings = workerSettings(resolved);
    this.assertEqual(Object.keys(settings), [...WORKER_SETTINGS]);
    this.assertEqual([settings.grep, settings.timeout, settings.exitFirst, settings.retries, settings.leakIgnore, settings.seed], [['k'], 4, true, 2, [{ kind: 'timer' }], resolved.seed]);
  }

  /** Each default is a fresh copy: changing one run's list does not change the next run's. */
  test_defaultsAreCopies(): void {
    const first = resolve();
    (first.grep as string[]).push('changed');
    this.assertEqual(resolve().grep, []);
  }
}
