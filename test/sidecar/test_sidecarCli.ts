/**
 * End-to-end tests of sidecars through the real command line, over the suites in
 * fixtures/examples/postgres, fixtures/sidecarStartFailure and fixtures/sidecarInterrupt.
 * Skipped when PostgreSQL is not installed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';
import { eventually, postgresMissing, processAlive, serverOf } from './sidecarTestSupport';

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

  /** A sidecar that cannot start ends the run with exit 3 and the server's own complaint from its log. */
  async test_startFailureExit3() {
    const result = await runCli([], { cwd: path.join(FIXTURES, 'sidecarStartFailure'), timeoutMs: 60_000 });
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    this.assertSubstring('unrecognized configuration parameter "no_such_setting"', result.stdout + result.stderr);
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
