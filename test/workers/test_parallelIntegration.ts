/**
 * End to end: `trial-ts -j 2` over suites whose tests exit, get SIGKILLed, run out of
 * memory, spin forever or await forever. Each costs exactly its own result; every other
 * test is reported once and correctly; the exit code is 1; no worker survives (each crashed
 * or hung worker is let go while the run is still on, see fixtures/workerWatch.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent, WorkerCrashEvent } from '../../src/runner/events';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

interface ParallelRun {
  result: CliResult;
  events: RunnerEvent[];
  /** Final outcome of each test id, and how many times it ended. */
  ends: Map<string, TestEndEvent[]>;
  crashes: WorkerCrashEvent[];
  tempDir: string;
}

/** Run the CLI with `-j 2` over a fixture suite, with the JSON events written to a file. */
async function runParallel(
  mktemp: () => string,
  suite: string,
  pool: 'threads' | 'processes',
  env: Record<string, string> = {},
  extraArgs: string[] = ['-j', '2'],
): Promise<ParallelRun> {
  const base = mktemp();
  fs.mkdirSync(base, { recursive: true });
  const tempDir = path.join(base, 'trial');
  const eventsFile = path.join(base, 'events.jsonl');
  // A private durations file: runs of this test never steer each other's scheduling.
  const durationsFile = path.join(base, 'durations.json');
  const result = await runCli(
    [...extraArgs, '--pool', pool, '--temp-directory', tempDir, '--durations-file', durationsFile, '--reporter', `json:${eventsFile}`, path.join(FIXTURES, suite)],
    { env, timeoutMs: 60_000 },
  );
  const events = fs.existsSync(eventsFile)
    ? fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunnerEvent)
    : [];
  const ends = new Map<string, TestEndEvent[]>();
  for (const event of events) {
    if (event.type !== 'test:end') continue;
    ends.set(event.test.id, [...(ends.get(event.test.id) ?? []), event]);
  }
  const crashes = events.filter((e): e is WorkerCrashEvent => e.type === 'worker:crash');
  return { result, events, ends, crashes, tempDir };
}

/** Files ending in `suffix` under the run's temp dir (the fixtures write them under their mktemp()). */
function recordedFiles(tempDir: string, suffix: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) files.push(full);
    }
  };
  walk(tempDir);
  return files;
}

/** Pids the fixture tests recorded under the run's temp dir. */
function recordedPids(tempDir: string): number[] {
  return recordedFiles(tempDir, '.pid').map((file) => Number(fs.readFileSync(file, 'utf8')));
}

/**
 * The verdicts of fixtures/workerWatch.ts's watchers, once every one has given it
 * (`released`: the worker's thread ended while the runner ran; `outlived`: only the
 * runner's exit ended it), or `no verdict` for a watcher still waiting after 10 s.
 */
async function watcherVerdicts(tempDir: string): Promise<string[]> {
  const watches = recordedFiles(tempDir, '.watch').map((file) => file.replace(/\.watch$/, '.verdict'));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !watches.every((file) => fs.existsSync(file))) await new Promise((resolve) => setTimeout(resolve, 20));
  return watches.map((file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'no verdict'));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Expected outcomes by id relative to the suite folder: the well-behaved file of each suite. */
const FINE = {
  'test_fine.ts:FineTests.test_one': 'success',
  'test_fine.ts:FineTests.test_two': 'success',
  'test_fine.ts:FineTests.test_failsNormally': 'failure',
};

/** Shared checks; not exported, so not collected on its own. */
class ParallelRunChecks extends TestCase {
  /** Check every expected outcome, each test ended exactly once, and nothing else ended. */
  protected assertOutcomes(run: ParallelRun, suite: string, expected: Record<string, string>): void {
    const actual: Record<string, string> = {};
    for (const [id, ends] of run.ends) {
      this.assertEqual(ends.length, 1, `${id} ended ${ends.length} times`);
      actual[id] = ends[0].outcome;
    }
    const want: Record<string, string> = {};
    for (const [id, outcome] of Object.entries(expected)) want[`fixtures/${suite}/${id}`] = outcome;
    this.assertEqual(actual, want);
  }

  protected messageOf(run: ParallelRun, suffix: string): string {
    const entry = [...run.ends].find(([id]) => id.endsWith(suffix));
    return entry?.[1][0].errors.map((e) => e.message).join('\n') ?? '<not reported>';
  }

  /** What the test printed before its worker died is reported with it. */
  protected outputOf(run: ParallelRun, suffix: string): string {
    const entry = [...run.ends].find(([id]) => id.endsWith(suffix));
    return entry?.[1][0].output?.stderr ?? '<no captured stderr>';
  }

  /**
   * No worker survives: every recorded pid is gone (worker processes), and every worker
   * that crashed or hung was let go while the run was still on (threads and processes:
   * the watchers of fixtures/workerWatch.ts; after the run, a thread's pid is the exited
   * runner's and proves nothing).
   */
  protected async assertNoWorkerLeft(run: ParallelRun, watched: number): Promise<void> {
    const pids = recordedPids(run.tempDir);
    this.assertTrue(pids.length > 0, 'the fixtures recorded their pids');
    this.assertEqual(pids.filter(isAlive), []);
    this.assertEqual(await watcherVerdicts(run.tempDir), Array(watched).fill('released'));
  }

  protected crashingExpected(): Record<string, string> {
    return {
      ...FINE,
      'test_exit.ts:ExitTests.test_aBefore': 'success',
      'test_exit.ts:ExitTests.test_bExits': 'error',
      'test_exit.ts:ExitTests.test_cAfter': 'success',
      'test_oom.ts:OutOfMemoryTests.test_aBefore': 'success',
      'test_oom.ts:OutOfMemoryTests.test_bAllocatesForever': 'error',
      'test_oom.ts:OutOfMemoryTests.test_cAfter': 'success',
    };
  }

  protected hangingExpected(): Record<string, string> {
    return {
      ...FINE,
      'test_loop.ts:LoopTests.test_aBefore': 'success',
      'test_loop.ts:LoopTests.test_bSpinsForever': 'error',
      'test_loop.ts:LoopTests.test_cAfter': 'success',
      'test_await.ts:AwaitForeverTests.test_aAwaitsForever': 'error',
      'test_await.ts:AwaitForeverTests.test_bAfter': 'success',
    };
  }

}

/** `--pool threads`. */
export class ThreadPoolSupervisionTests extends ParallelRunChecks {
  /** Threads: process.exit(3) is stopped and is the test's error; OOM ends only the thread. */
  async test_threadsCrashCostsOneResultEach(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'crashing', 'threads', { NODE_OPTIONS: '--max-old-space-size=96' });
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'crashing', this.crashingExpected());
    this.assertSubstring('process.exit(3) was called', this.messageOf(run, 'test_bExits'));
    this.assertEqual(this.outputOf(run, 'test_bExits'), 'about to exit with 3\n');
    this.assertSubstring('ran out of memory', this.messageOf(run, 'test_bAllocatesForever'));
    this.assertEqual(run.crashes.length, 1);
    await this.assertNoWorkerLeft(run, 1);
  }

  /**
   * Threads share the runner's process: a test that SIGKILLs `process.pid` kills the whole
   * run, and nothing can report it. That is what `--pool processes` is for.
   */
  async test_threadsSigkillEndsTheRunner(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'crashingSignal', 'threads');
    this.assertEqual([run.result.code, run.result.signal], [null, 'SIGKILL']);
  }

  /** Threads: the watchdog ends `while (true) {}`; the runner's timeout ends the await. */
  async test_threadsHangCostsOneResultEach(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'hanging', 'threads');
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'hanging', this.hangingExpected());
    this.assertSubstring('timed out after 1 s', this.messageOf(run, 'test_bSpinsForever'));
    this.assertSubstring('test_aAwaitsForever', this.messageOf(run, 'test_aAwaitsForever'));
    this.assertEqual(run.crashes.length, 1);
    await this.assertNoWorkerLeft(run, 1);
  }
}

/** `--pool processes`. */
export class ProcessPoolSupervisionTests extends ParallelRunChecks {
  /** Processes: process.exit(3) is the test's error, and OOM is SIGABRT with Node's FATAL ERROR line. */
  async test_processesCrashCostsOneResultEach(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'crashing', 'processes', { NODE_OPTIONS: '--max-old-space-size=96' });
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'crashing', this.crashingExpected());
    this.assertSubstring('process.exit(3) was called', this.messageOf(run, 'test_bExits'));
    this.assertEqual(this.outputOf(run, 'test_bExits'), 'about to exit with 3\n');
    const oom = this.messageOf(run, 'test_bAllocatesForever');
    this.assertSubstring('ran out of memory', oom);
    this.assertSubstring('FATAL ERROR', oom);
    await this.assertNoWorkerLeft(run, 1);
  }

  /** Processes: a test that SIGKILLs its own worker is reported as killed by SIGKILL. */
  async test_processesSigkillCostsOneResult(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'crashingSignal', 'processes');
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'crashingSignal', {
      ...FINE,
      'test_sigkill.ts:SigkillTests.test_aBefore': 'success',
      'test_sigkill.ts:SigkillTests.test_bKillsItsWorker': 'error',
      'test_sigkill.ts:SigkillTests.test_cAfter': 'success',
    });
    this.assertSubstring('was killed by SIGKILL', this.messageOf(run, 'test_bKillsItsWorker'));
    this.assertEqual(run.crashes.map((c) => c.signal), ['SIGKILL']);
    await this.assertNoWorkerLeft(run, 1);
  }

  /**
   * Processes: a worker killed in tearDownClass, after its test passed, costs that test
   * nothing: the pass is reported, and the crash is the file's (a worker sends a test's end
   * with what follows it, and always before a class hook runs).
   */
  async test_processesCrashInClassHookSparesTheTestBefore(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'classHookCrash', 'processes', {}, ['-j', '1']);
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'classHookCrash', {
      'test_tearDownClassDies.ts:DiesAfterItsTests.test_passes': 'success',
      'test_tearDownClassDies.ts': 'error',
    });
    this.assertSubstring('no test was running', this.messageOf(run, 'test_tearDownClassDies.ts'));
  }

  /** Processes: the same, the spinning child killed by pid. */
  async test_processesHangCostsOneResultEach(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'hanging', 'processes');
    this.assertEqual(run.result.code, 1, run.result.stderr);
    this.assertOutcomes(run, 'hanging', this.hangingExpected());
    this.assertSubstring('timed out after 1 s', this.messageOf(run, 'test_bSpinsForever'));
    this.assertEqual(run.crashes.map((c) => c.signal), ['SIGKILL']);
    await this.assertNoWorkerLeft(run, 1);
  }

  /** Each worker gets its own temp dir `<tempDir>/<N>`, and no more workers than needed. */
  async test_workersUseTheirOwnTempDirs(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'parallel', 'processes');
    this.assertEqual(run.result.code, 0, run.result.stdout + run.result.stderr);
    this.assertEqual(run.ends.size, 12);
    const workerDirs = fs.readdirSync(run.tempDir).filter((name) => /^\d+$/.test(name)).sort();
    this.assertEqual(workerDirs, ['0', '1']);
  }
}

/** Scheduling seen from the command line. */
export class ParallelSchedulingTests extends TestCase {
  /** `-x -j 2` stops handing out work and stops workers after their current test. */
  async test_exitFirstStopsOtherWorkers(): Promise<void> {
    const run = await runParallel(() => this.mktemp(), 'parallelExitFirst', 'threads', {}, ['-x', '-j', '2']);
    this.assertEqual(run.result.code, 1);
    this.assertEqual(run.ends.get('fixtures/parallelExitFirst/test_failsFirst.ts:FailsFirstTests.test_aFails')?.[0].outcome, 'failure');
    this.assertTrue(run.ends.size < 10, `${run.ends.size} of 81 tests ran after -x`);
  }

  /** `--order random:SEED` gives every file the same order with -j 2 as with -j 1. */
  async test_randomOrderSameForAnyJobs(): Promise<void> {
    const orderOf = (run: ParallelRun): Record<string, string[]> => {
      const byFile: Record<string, string[]> = {};
      for (const event of run.events) if (event.type === 'test:start') (byFile[event.test.file] ??= []).push(event.test.id);
      return byFile;
    };
    const serial = await runParallel(() => this.mktemp(), 'parallelOrder', 'threads', {}, ['--order', 'random:7']);
    const parallel = await runParallel(() => this.mktemp(), 'parallelOrder', 'threads', {}, ['--order', 'random:7', '-j', '2']);
    this.assertEqual([serial.result.code, parallel.result.code], [0, 0]);
    this.assertEqual(orderOf(parallel), orderOf(serial));
    const alphabetical = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((m) => `fixtures/parallelOrder/test_order1.ts:Order1Tests.test_${m}`);
    this.assertNotEqual(orderOf(serial)['fixtures/parallelOrder/test_order1.ts'], alphabetical);
  }
}
