/**
 * Contracts between the command line, the scheduler and the code that runs tests in a
 * thread (in-process or in a worker). Everything here is plain JSON so it can be posted
 * to a worker unchanged.
 *
 * @packageDocumentation
 */
import type { LeakIgnoreRule } from '../janitor/interfaces';
import type { SnapshotMode } from '../unittest/snapshotStore';

/** How tests are ordered inside a file and a class. */
export type TestOrder = 'alphabetical' | 'toptobottom' | 'random';

/** A piece of work: one file, optionally narrowed to a class and some of its methods. */
export interface WorkUnit {
  /** Absolute path of the test file. */
  file: string;
  /** Run only this class. */
  className?: string;
  /** Run only these methods of `className`. */
  methodNames?: string[];
  /** Skip these test ids (already reported, e.g. before the worker that ran them died). */
  excludeIds?: string[];
}

/** What the code that runs tests needs to know; the same for every worker of a run. */
export interface WorkerConfig {
  /** The run's cwd (absolute): ids are relative to it. */
  cwd: string;
  /** This worker's temp directory; `mktemp()` lands here. */
  tempDir: string;
  /** Index of this worker (0 in-process). */
  workerIndex: number;
  order: TestOrder;
  /** Seed of `--order random`. */
  seed: number;
  /** `-k`: run only tests whose id contains one of these substrings (or matches as /re/). */
  grep: string[];
  /** `--timeout`: default per-phase timeout in seconds, overriding 120 unless a marker sets one. */
  timeout?: number;
  /** Check every test for leaks (default true). */
  cleanReactor: boolean;
  /** `--unclean-warnings`: report leaks as warnings, keep the real outcome. */
  uncleanWarnings: boolean;
  /** config `leaks.ignore`. */
  leakIgnore: LeakIgnoreRule[];
  /** `-n`: report every test as passed without running it. */
  dryRun: boolean;
  /** `--force-gc`: collect garbage after each test (needs --expose-gc). */
  forceGc: boolean;
  /** Capture stdout/stderr per test into `test:end.output` (always in workers). */
  captureOutput: boolean;
  /**
   * `-x`: a worker stops after a test of its own fails, without waiting for the main
   * process to hear of it (synchronous tests would run on meanwhile).
   */
  exitFirst?: boolean;
  /** `strictTodo`: with `-x`, an unexpected success also stops the worker. */
  strictTodo?: boolean;
  /**
   * `--coverage`: the run's raw coverage folder. `createWorkerState` starts collecting in
   * its thread when this is set (so also a worker started before the run knew the folder,
   * the default run's early thread).
   */
  coverageTemp?: string;
  /** `--retries N`: attempts after a failing one, for every test (`@flaky` can give more). */
  retries?: number;
  /**
   * What `assertMatchesSnapshot` may write: `new` (missing snapshots, the default), `all`
   * (`--update-snapshots`: rewrite mismatches too) or `none` (with `CI` set: fail instead).
   */
  snapshotMode?: SnapshotMode;
  /**
   * Where each loaded test file's module dependencies are logged for the main process
   * (watch mode, `--changed`; see moduleGraphLog.ts); absent means not logged.
   */
  moduleGraphDir?: string;
}

