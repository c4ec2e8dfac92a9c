/**
 * The contracts of watch mode: what the loop asks of the command line that runs the tests
 * (which keeps its workers' sidecars and temp directory open between runs), and what it
 * gets back from each run.
 *
 * @packageDocumentation
 */
import type { WorkUnit } from '../runner/interfaces';
import type { ModuleGraphEntry } from '../runner/moduleGraphLog';

/** One re-run as the loop asks for it. */
export interface WatchRunRequest {
  /** What to run (whole files, or failed tests narrowed to their class and methods). */
  units: WorkUnit[];
  /** `-k` expressions for this run: the command line's, plus the `t` filter if set. */
  grep: string[];
}

/** What one run tells the loop. */
export interface WatchRunResult {
  /** The tests that failed or errored, as units to run again (`f`); a file that failed to load is a whole-file unit. */
  failed: WorkUnit[];
  /** What the workers logged of the test files' module dependencies. */
  graph: ModuleGraphEntry[];
  /** The run was interrupted (Ctrl-C in a run without a terminal): watch mode ends. */
  interrupted: boolean;
}

/** What watch mode needs from the command line. */
export interface WatchHost {
  /** The run's cwd (absolute). */
  cwd: string;
  /** The config file, if any: a change to it restarts everything. */
  configFile: string | undefined;
  /** Folders and files the watcher leaves out (the temp directory, coverage output). */
  ignore: (file: string) => boolean;
  /** The selection as it is on disk now (discovery again: new test files appear, deleted ones go). */
  discover(): WorkUnit[];
  /** Run once with the open resources; resolves when the run's summary has been printed. */
  run(request: WatchRunRequest): Promise<WatchRunResult>;
  /** Stop the current run after its running tests (quitting during a run). */
  stop(): void;
  /** The `-k` expressions of the command line and config. */
  grep: readonly string[];
  /** Where watch mode's own lines go (stdout). */
  write(text: string): void;
  /** The terminal, when stdin is one: keys are read from it. */
  terminal: NodeJS.ReadStream | undefined;
  /** Clear the screen before each re-run (a terminal, without --no-clear). */
  clear: boolean;
}

/** Why watch mode ended. */
export type WatchEnd = 'quit' | 'restart' | 'interrupted';
