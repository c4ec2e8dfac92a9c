/**
 * End-to-end tests of the command line: exit codes and usage messages, `--version`,
 * `--help`, `--help-reporters`, the default tree output, `-x`, `-u`, `-n`, `--rterrors`
 * and the run's temp directory — the real `bin/trial-ts.js` over suites in fixtures/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { reporters } from '../../src/reporters/registry';
import { outcomesOf } from '../support/outcomes';
import { FIXTURES, ROOT, normalizeOutput, runCli, type CliResult } from '../support/runCli';

const EXIT_FIRST = 'fixtures/exitFirst/test_exitFirst.ts';
const TEMP_DIR_SUITE = path.join(FIXTURES, 'tempDir', 'test_tempDir.ts');
const SEPARATOR = '-'.repeat(79);

/** A fresh folder under the OS temp dir, removed after the test (real path: it is compared with process.cwd()). */
function tempFolder(test: TestCase, prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  test.addCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The checks every usage error must pass: exit 2, one `trial-ts:` line on stderr, no stack, nothing on stdout. */
function usageShape(result: CliResult): { code: number | null; lines: number; prefixed: boolean; stack: boolean; stdout: string } {
  const text = result.stderr.replace(/\n$/, '');
  return { code: result.code, lines: text.split('\n').length, prefixed: text.startsWith('trial-ts: '), stack: /^\s+at /m.test(text), stdout: result.stdout };
}
const USAGE_SHAPE = { code: 2, lines: 1, prefixed: true, stack: false, stdout: '' };

/** The `-u` run over fixtures/untilFailure, shared by the tests that look at it. */
let untilFailureRun: Promise<{ result: CliResult; counter: string }> | undefined;
function runUntilFailure(): Promise<{ result: CliResult; counter: string }> {
  untilFailureRun ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-until-'));
    try {
      const counterFile = path.join(dir, 'counter');
      const result = await runCli(['-u', 'fixtures/untilFailure'], { env: { COUNTER_FILE: counterFile } });
      return { result, counter: fs.readFileSync(counterFile, 'utf8') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return untilFailureRun;
}

export class UsageErrorTests extends TestCase {
  /** An unknown option is exit 2 with one line naming it, and no stack trace. */
  async test_unknownOption() {
    const result = await runCli(['--bogus']);
    this.assertEqual(usageShape(result), USAGE_SHAPE, result.stderr);
    this.assertIn("'--bogus'", result.stderr);
  }

  /** Each bad option value or combination is exit 2 with one line that names the problem. */
  async test_badOptionValues() {
    const cases: [string[], string][] = [
      [['-j', '0'], "argument '0' is invalid"],
      [['-j', 'x'], "argument 'x' is invalid"],
      [['--order', 'sideways'], "argument 'sideways' is invalid"],
      [['--random', '-1'], "argument '-1' is invalid"],
      [['--random', '3', '--order', 'alphabetical'], "You can't specify --random when using --order."],
      [['--shard', '3/2'], "'3/2' is not a shard"],
      [['--reporter', 'nope'], "Unknown reporter 'nope'"],
      [['--reporter', 'tree', '--reporter', 'verbose'], 'would both write to stdout'],
      [['fixtures/noSuchFolder'], "No file or folder 'fixtures/noSuchFolder'"],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli([...args, 'fixtures/passing'])));
    this.assertEqual(
      results.map((result, i) => ({ args: cases[i][0].join(' '), ...usageShape(result), named: result.stderr.includes(cases[i][1]) })),
      cases.map(([args]) => ({ args: args.join(' '), ...USAGE_SHAPE, named: true })),
      results.map((result) => result.stderr).join(''),
    );
  }

  /** An unknown key in trial-ts.config.ts is exit 2 with a line naming the key. */
  async test_badConfigNamesTheKey() {
    const result = await runCli([], { cwd: path.join(FIXTURES, 'badConfig') });
    this.assertEqual(usageShape(result), USAGE_SHAPE, result.stderr);
    this.assertIn("unknown config key 'jobz'", result.stderr);
  }

  /** A config file that throws is exit 2 with a line giving the reason. */
  async test_brokenConfigGivesTheReason() {
    const result = await runCli([], { cwd: path.join(FIXTURES, 'brokenConfig') });
    this.assertEqual(usageShape(result), USAGE_SHAPE, result.stderr);
    this.assertIn('could not be loaded: cannot read settings', result.stderr);
  }

  /** A config file with a syntax error is exit 2 with the compiler's diagnostic: the line and a caret. */
  async test_configSyntaxErrorShowsDiagnostic() {
    const result = await runCli([], { cwd: path.join(FIXTURES, 'configSyntaxError') });
    this.assertEqual(result.code, 2, result.stderr);
    this.assertSubstring('trial-ts.config.ts does not compile:', result.stderr);
    this.assertSubstring("Expected ',', got '}'", result.stderr);
    this.assertSubstring("   roots: ['test'", result.stderr);
    this.assertNotIn('internal error', result.stderr);
  }
}

export class ExitCodeTests extends TestCase {
  /** No test selected is exit 5 with a note on stderr. */
  async test_noTestsIsFive() {
    const result = await runCli(['fixtures/empty']);
    this.assertEqual(result.code, 5);
    this.assertIn('no tests were selected', result.stderr);
    this.assertIn('--allow-empty', result.stderr);
  }

  /** `--allow-empty` makes an empty selection exit 0. */
  async test_allowEmptyIsZero() {
    const result = await runCli(['--allow-empty', 'fixtures/empty']);
    this.assertEqual(result.code, 0, result.stderr);
    this.assertEqual(result.stderr, '');
  }

  /** A failing test makes the run exit 1, and every test still runs. */
  async test_failureIsOne() {
    const result = await runCli(['--reporter', 'verbose', EXIT_FIRST]);
    this.assertEqual(result.code, 1);
    this.assertEqual(Object.values(outcomesOf(result.stdout)), ['SUCCESS!?!', 'FAIL', 'OK', 'ERROR']);
  }
}

export class InformationTests extends TestCase {
  /** `--version` prints package.json's version. */
  async test_version() {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    this.assertEqual(result.code, 0);
    this.assertEqual(result.stdout, `${version}\n`);
  }

  /** `--help` exits 0 and lists the options. */
  async test_help() {
    const result = await runCli(['--help']);
    this.assertEqual(result.code, 0);
    const flags = ['--reporter', '--help-reporters', '--exitfirst', '--until-failure', '--order', '--random', '--dry-run', '--rterrors',
      '--temp-directory', '--timeout', '--grep', '--config', '--version', '--allow-empty', '--jobs'];
    this.assertEqual(flags.filter((flag) => !result.stdout.includes(flag)), []);
  }

  /** `--help-reporters` says how to pick one, then lists every registered reporter. */
  async test_helpReporters() {
    const result = await runCli(['--help-reporters']);
    this.assertEqual([result.code, result.stdout.split('\n')[0]], [0, 'Reporters (use --reporter NAME or --reporter NAME:FILE, repeatable):']);
    const listed = result.stdout.split('\n').flatMap((line) => /^ {2}(\w+) /.exec(line)?.[1] ?? []);
    this.assertEqual(listed.sort(), Object.keys(reporters).sort());
  }
}

export class TreeOutputTests extends TestCase {
  /** The default reporter prints Trial's tree and summary, then the plain tests: line. */
  async test_passingSuiteWholeOutput() {
    const result = await runCli(['fixtures/passing']);
    this.assertEqual(result.code, 0);
    const ok = (name: string) => `    ${name} ...`.padEnd(75) + '[OK]';
    this.assertEqual(
      normalizeOutput(result.stdout),
      [
        'fixtures/passing/test_arithmetic.ts',
        '  ArithmeticTests',
        ok('test_addition'),
        ok('test_deferredResult'),
        '  AsyncArithmeticTests',
        ok('test_awaitsATimer'),
        '',
        SEPARATOR,
        'Ran 3 tests in N.NNNs',
        '',
        'PASSED (successes=3)',
        'tests: 3 passed, 0 failed, 0 skipped',
        '',
      ].join('\n'),
    );
    this.assertEqual(result.stderr, '');
  }

  /** `--rterrors` prints a failure's traceback as it happens, before the summary. */
  async test_rterrorsPrintsTracebackBeforeSummary() {
    const result = await runCli(['--rterrors', `${EXIT_FIRST}:StopTests.test_b_fails`]);
    this.assertEqual(result.code, 1);
    const traceback = result.stdout.indexOf('test_exitFirst.ts:10:');
    this.assertTrue(traceback !== -1 && traceback < result.stdout.indexOf('='.repeat(79)), result.stdout);
  }
}

export class ExitFirstTests extends TestCase {
  /** `-x` stops after the first failure; an unexpected success before it does not stop the run. */
  async test_stopsAfterFirstFailure() {
    const result = await runCli(['-x', '--reporter', 'verbose', EXIT_FIRST]);
    this.assertEqual(result.code, 1);
    this.assertEqual(outcomesOf(result.stdout), {
      [`${EXIT_FIRST}:StopTests.test_a_unexpectedSuccess`]: 'SUCCESS!?!',
      [`${EXIT_FIRST}:StopTests.test_b_fails`]: 'FAIL',
    });
    this.assertIn('Ran 2 tests in', result.stdout);
    this.assertIn('FAILED (failures=1, unexpectedSuccesses=1)', result.stdout);
  }
}

export class UntilFailureTests extends TestCase {
  /** `-u` repeats the suite and exits 1 after the pass that fails. */
  async test_repeatsUntilFailure() {
    const { result, counter } = await runUntilFailure();
    this.assertEqual(result.code, 1);
    this.assertEqual(counter, '3');
    this.assertTrue(result.stdout.trimEnd().endsWith('tests: 1 passed, 1 failed, 0 skipped'), result.stdout);
  }

  /** A passing pass is one line; the failing pass is announced, then shows its problems and the summary. */
  async test_passingPassIsOneLine() {
    const { result } = await runUntilFailure();
    const passes = result.stdout.split('\n').filter((line) => line.startsWith('Test Pass '));
    this.assertEqual(passes.map((line) => line.replace(/ in \d+\.\d+s$/, ' in Ns')), [
      'Test Pass 1: PASSED (successes=2) in Ns',
      'Test Pass 2: PASSED (successes=2) in Ns',
      'Test Pass 3',
    ]);
    this.assertIn('test_failsOnThirdPass ...', result.stdout);
    this.assertIn('FAILED (failures=1, successes=1)', result.stdout);
    this.assertIn('Ran 2 tests in', result.stdout);
  }

  /** The tests that passed are not reprinted, not even in the failing pass. */
  async test_passingTestsNotReprinted() {
    const { result } = await runUntilFailure();
    this.assertNotIn('test_alwaysPasses', result.stdout);
    this.assertNotIn('SteadyTests', result.stdout);
  }
}

export class DryRunTests extends TestCase {
  /** `-n` lists every test as passed and runs nothing: no setUpClass, setUp or test body. */
  async test_listsEveryTestAsPassedWithoutRunning() {
    const marker = path.join(tempFolder(this, 'trial-dry-'), 'ran.txt');
    const result = await runCli(['-n', '--reporter', 'verbose', 'fixtures/dryRun/test_dryRun.ts'], { env: { DRY_RUN_FILE: marker } });
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    const id = (name: string) => `fixtures/dryRun/test_dryRun.ts:${name}`;
    this.assertEqual(outcomesOf(result.stdout), {
      [id('WouldErrorTests.test_errors')]: 'OK',
      [id('WouldFailTests.test_fails')]: 'OK',
      [id('WouldFailTests.test_skipped')]: 'OK',
      [id('WouldFailTests.test_writesAFile')]: 'OK',
    });
    this.assertFalse(fs.existsSync(marker), 'a test ran during the dry run');
  }

  /** Like Trial, a dry run lists the tests of a skipped class as passed too. */
  async test_skippedClassListedAsPassed() {
    const result = await runCli(['-n', '--reporter', 'verbose', 'fixtures/dryRun/test_skippedClass.ts']);
    this.assertEqual(Object.values(outcomesOf(result.stdout)), ['OK']);
  }
}

export class TempDirectoryTests extends TestCase {
  /** Run the tempDir suite with `cwd`; returns the run and what the test saw. */
  async #run(cwd: string, args: string[] = []): Promise<{ result: CliResult; seen?: { mktemp: string; cwd: string } }> {
    const report = path.join(cwd, 'report.json');
    const result = await runCli([...args, TEMP_DIR_SUITE], { cwd, env: { REPORT_FILE: report } });
    return { result, seen: fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined };
  }

  /** `_trial_temp` is made in the cwd with its marker; mktemp() lands in it; a dead run's lock is taken over, then released. */
  async test_defaultDirectoryAndStaleLock() {
    const cwd = tempFolder(this, 'trial-tempdir-');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(path.join(cwd, '_trial_temp.lock'), String(deadPid));
    const { result, seen } = await this.#run(cwd);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertTrue(fs.existsSync(path.join(cwd, '_trial_temp', '_trial_marker')));
    this.assertTrue(seen!.mktemp.startsWith(path.join(cwd, '_trial_temp') + path.sep), seen!.mktemp);
    this.assertEqual(seen!.cwd, cwd);
    this.assertFalse(fs.existsSync(path.join(cwd, '_trial_temp.lock')), 'the lock was left behind');
  }

  /** When a live run holds `_trial_temp`, the default falls back to `_trial_temp-1`. */
  async test_busyDefaultFallsBack() {
    const cwd = tempFolder(this, 'trial-tempdir-');
    fs.writeFileSync(path.join(cwd, '_trial_temp.lock'), String(process.pid));
    const { result, seen } = await this.#run(cwd);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertTrue(seen!.mktemp.startsWith(path.join(cwd, '_trial_temp-1') + path.sep), seen!.mktemp);
    this.assertEqual(fs.readFileSync(path.join(cwd, '_trial_temp.lock'), 'utf8'), String(process.pid));
    this.assertFalse(fs.existsSync(path.join(cwd, '_trial_temp-1.lock')), 'the lock was left behind');
  }

  /** Runs started together in one folder race for its locks: each runs its test and leaves no lock behind. */
  async test_concurrentRunsShareTheFolder() {
    const cwd = tempFolder(this, 'trial-tempdir-');
    const reports = Array.from({ length: 8 }, (_, i) => path.join(cwd, `report-${i}.json`));
    const results = await Promise.all(reports.map((report) => runCli([TEMP_DIR_SUITE], { cwd, env: { REPORT_FILE: report } })));
    this.assertEqual(
      results.map((result) => ({ code: result.code, stderr: result.stderr })),
      reports.map(() => ({ code: 0, stderr: '' })),
    );
    const folders = reports.map((report) => path.relative(cwd, JSON.parse(fs.readFileSync(report, 'utf8')).mktemp).split(path.sep)[0]);
    this.assertEqual(folders.filter((folder) => !/^_trial_temp(-\d+)?$/.test(folder)), []);
    this.assertEqual(fs.readdirSync(cwd).filter((name) => name.endsWith('.lock')), []);
  }

  /** An explicit `--temp-directory` held by a live run is exit 2, and no test runs. */
  async test_busyExplicitDirectoryIsUsageError() {
    const cwd = tempFolder(this, 'trial-tempdir-');
    fs.writeFileSync(path.join(cwd, 'mine.lock'), String(process.pid));
    const { result, seen } = await this.#run(cwd, ['--temp-directory', 'mine']);
    this.assertEqual(usageShape(result), USAGE_SHAPE, result.stderr);
    this.assertIn('is in use by another run', result.stderr);
    this.assertIdentical(seen, undefined);
  }
}

export class ClosedStdoutTests extends TestCase {
  /** When the reader of stdout goes away (`trial-ts --reporter json | head -1`), the run still ends by itself. */
  async test_jsonRunEndsWhenStdoutCloses() {
    const result = await runCli(['--reporter', 'json', 'fixtures/passing'], {
      timeoutMs: 10_000,
      onSpawn: (child) => child.stdout!.once('data', () => child.stdout!.destroy()),
    });
    this.assertIdentical(result.signal, null, 'killed after 10 s: the run did not end');
  }
}
