/**
 * The one event protocol between the code that runs tests (in-process or in a worker)
 * and everything that listens: the scheduler, the summary reducer and the reporters.
 *
 * Every event is plain JSON: no class instances, no functions, no `Error` objects.
 * It crosses worker boundaries unchanged, and the `json` reporter writes it as is, so
 * the shapes here are a public, versioned contract (see docs/json-events.md).
 * Adding an optional field is a minor change; renaming or removing one bumps
 * {@link PROTOCOL_VERSION}.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** Version of the event protocol; written into `run:start` and every JSON event line. */
export const PROTOCOL_VERSION = 1;

/**
 * How one test ended, with Trial's meaning:
 * - `success`: passed;
 * - `failure`: an assertion failed;
 * - `error`: anything else went wrong (a throw, a timeout, a dirty reactor, a logged error);
 * - `skip`: skipped, by marker or `skipTest()`;
 * - `expectedFailure`: a `todo` test that failed as expected;
 * - `unexpectedSuccess`: a `todo` test that passed.
 */
export type Outcome =
  | 'success'
  | 'failure'
  | 'error'
  | 'skip'
  | 'expectedFailure'
  | 'unexpectedSuccess';

/** A source position, already mapped to the user's TypeScript source. */
export interface SourceLocation {
  /** Path relative to the run's cwd (or absolute when outside it). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/**
 * An error as it crosses the protocol. Stacks are already source-mapped and trimmed
 * of the runner's own frames before they are serialized (see `serializeError`).
 */
export interface SerializedError {
  /** The error's class name, e.g. `AssertionError`, `TypeError`, `TimeoutError`. */
  name: string;
  message: string;
  /** The stack as Node prints it, trimmed of runner frames; may be empty. */
  stack: string;
  /** The error's `code` property, when it has a string one. */
  code?: string;
  /** A readable diff of expected and actual, for assertion failures that have one. */
  diff?: string;
  /** The first stack frame in user code: where annotations point. */
  location?: SourceLocation;
  /** Leaked resources, only on a `DirtyReactorAggregateError`. */
  leaks?: LeakReport[];
  /** The `cause`, serialized the same way. */
  cause?: SerializedError;
}

/**
 * One resource a test left running, as the janitor reports it. Built in the worker;
 * reporters only print it.
 */
export interface LeakReport {
  /** The async resource type, e.g. `Timeout`, `TCPSERVERWRAP`, `TCPWRAP`, `PROCESSWRAP`. */
  resourceType: string;
  /** What it is, in words: "a 30 s timer", "a TCP server on 127.0.0.1:41523". */
  description: string;
  /** Where the user's code created it (the test or module line that called into a library), source-mapped; absent when unknown. */
  createdAt?: SourceLocation;
  /** The library frame that made it, e.g. `node_modules/pg/lib/connection.js:45:17`; absent when the user's code made it directly. */
  libraryFrame?: SourceLocation;
  /** The whole creation stack, without Node's and trial-ts's frames (`at ...` lines, paths relative to the cwd). */
  stack?: string[];
  /** How many leaks of the same kind, made at the same place, this report stands for (absent: one). */
  count?: number;
  /** How to close it, e.g. "Clear it with `clearTimeout(t)` or `this.addCleanup(...)`". */
  hint: string;
}

/** Identity of one test, sent with every event about it. */
export interface TestDescription {
  /**
   * Stable id: `<file>:<Class>.<method>`, with `file` relative to the run's cwd.
   * A file that failed to load has the id `<file>` and empty class and method names.
   */
  id: string;
  /** File relative to the run's cwd. */
  file: string;
  /** Test class name; `''` for a load error. */
  className: string;
  /** Test method name; `''` for a load error or a class-level error. */
  methodName: string;
  /** Where the method (or class) is defined, when known. */
  location?: SourceLocation;
}

/** Output a test wrote to the process's stdout and stderr while it ran. */
export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

/** The run begins. Sent once, by the main process, before any test starts. */
export interface RunStartEvent {
  type: 'run:start';
  version: typeof PROTOCOL_VERSION;
  /** Wall-clock start, ms since the epoch. */
  time: number;
  /** The run's working directory (absolute): ids and paths are relative to it. */
  cwd: string;
  /** Number of workers (1 for an in-process run). */
  workers: number;
  /** The seed of `--order random`, when the order is random. */
  seed?: number;
  /** Number of selected tests, when known before running (always known with `--shard` or `-n`). */
  plannedTests?: number;
  /** `-u`: which pass of the suite this is, from 1. */
  pass?: number;
}

/** A test begins (setUp is about to run). */
export interface TestStartEvent {
  type: 'test:start';
  test: TestDescription;
  /** Index of the worker running it (0 in-process). */
  worker: number;
  /**
   * The test's timeout in ms (setUp, test, cleanups and tearDown each get this long); the
   * watchdog uses it. A test allowed retries gets it once per attempt allowed.
   */
  timeoutMs: number;
  /**
   * When the test started, in epoch ms, by the clock of the worker that ran it (events can
   * reach the main process a few ms later; what is matched to the test by time, such as
   * a sidecar's server log, goes by this).
   */
  time?: number;
}

/** One attempt of a retried test (`--retries`, `@flaky`). */
export interface TestAttempt {
  outcome: Outcome;
  /** Wall time of this attempt, in ms. */
  durationMs: number;
  /** What went wrong in it; empty for the attempt that passed. */
  errors: SerializedError[];
}

/** A test ended with exactly one outcome. Sent once per test. */
export interface TestEndEvent {
  type: 'test:end';
  test: TestDescription;
  worker: number;
  outcome: Outcome;
  /** Wall time of setUp + test + cleanups + tearDown + leak check, in ms, measured where it ran. */
  durationMs: number;
  /**
   * Every problem charged to the test, in the order they happened (a failing test
   * method, then a failing cleanup, then a dirty reactor...). Empty for a success or
   * skip; for an expected failure it holds the expected error.
   */
  errors: SerializedError[];
  /** Reason for `skip`, `expectedFailure` and `unexpectedSuccess`. */
  reason?: string;
  /** The todo's expected error types, for `unexpectedSuccess` and `expectedFailure`. */
  expectedErrors?: string[];
  /** Warnings: leaks under `--unclean-warnings`, unreferenced leftovers, flushed warnings. */
  warnings?: string[];
  /** What the test printed, when output is captured (always in workers). */
  output?: CapturedOutput;
  /**
   * Every attempt, in order, when the test ran more than once (`--retries`, `@flaky`):
   * the failed ones, then the last, whose outcome is the test's. `durationMs` sums them.
   */
  attempts?: TestAttempt[];
  /** The test failed or errored, then passed on a later attempt (its outcome is `success`). */
  flaky?: boolean;
  /**
   * The test never ran: a sidecar it needs could not start. Its outcome is `skip` and
   * `reason` names the sidecar; the run still fails (exit 3, the sidecar's error follows).
   */
  notRun?: boolean;
  /** Snapshot keys the test checked, and the snapshot file they live in (relative to the cwd). */
  snapshots?: { file: string; keys: string[] };
}

/**
 * An error that escaped after its test ended (a throw in a timer, a late unhandled
 * rejection), or that belongs to no test. The reducer charges it to `test` as an error.
 */
export interface TestLateErrorEvent {
  type: 'test:lateError';
  /** The test whose async context the error belongs to; `null` for `<not in test>`. */
  test: TestDescription | null;
  worker: number;
  error: SerializedError;
}

/** A worker died or was killed; the test it was running gets its own `test:end`. */
export interface WorkerCrashEvent {
  type: 'worker:crash';
  worker: number;
  /** Why, in one line: "exited with code 3", "killed by SIGKILL", "timed out in testX". */
  reason: string;
  exitCode: number | null;
  signal: string | null;
  /** The last lines the worker wrote to stderr. */
  stderrTail: string;
}

/**
 * A sidecar changed state: `starting` → `ready` → `stopped`; `crashed` when a server that
 * was ready died; `failed` when it never became ready (could not start; `detail` says why).
 */
export interface SidecarStateEvent {
  type: 'sidecar:state';
  name: string;
  state: 'starting' | 'ready' | 'stopped' | 'crashed' | 'failed';
  /** Time the transition took, in ms (start to ready, stop request to stopped). */
  durationMs?: number;
  detail?: string;
}

/** The run ended: the only place counts come from (see `summary.ts`). */
export interface RunEndEvent {
  type: 'run:end';
  summary: RunSummary;
}

/** Every event of the protocol. Switches over `type` end with `event satisfies never`. */
export type RunnerEvent =
  | RunStartEvent
  | TestStartEvent
  | TestEndEvent
  | TestLateErrorEvent
  | WorkerCrashEvent
  | SidecarStateEvent
  | RunEndEvent;

/** Counts of a run, computed once by `reduce` in `summary.ts`. */
export interface RunSummary {
  /** Tests that ended (each counted once, under its final outcome). */
  tests: number;
  successes: number;
  failures: number;
  errors: number;
  skips: number;
  expectedFailures: number;
  unexpectedSuccesses: number;
  /** Errors that belong to no test (`<not in test>`); each also counts in `errors`. */
  orphanErrors: number;
  /** Wall time from the first test start to the last test end, in ms. */
  durationMs: number;
  /** The run stopped early on SIGINT/SIGTERM. */
  interrupted: boolean;
  /** Tests that passed only on a later attempt (each also counts in `successes`); absent means 0. */
  flaky?: number;
  /** Snapshot entries no test checked although they could have (see docs/guide.md); absent means none. */
  obsoleteSnapshots?: ObsoleteSnapshots[];
  /**
   * `strictTodo` was on: unexpected successes fail the run (and count as failed in the
   * closing line). Absent means off, Trial's rule: they are reported but do not fail it.
   */
  strictTodo?: boolean;
  /**
   * Selected tests that never ran: those a sidecar they need could not serve, and, on an
   * interrupted run that knew how many it planned (`--shard`, `--last-failed`), those it
   * never reached; absent when none are known.
   */
  testsNotRun?: number;
  /** Sidecars that could not start (the tests that need them did not run); absent means none. */
  unavailableSidecars?: string[];
  /** On an interrupted run: selected files none of whose tests started. */
  filesNotRun?: number;
}

/** Obsolete entries of one snapshot file. */
export interface ObsoleteSnapshots {
  /** The snapshot file, relative to the run's cwd. */
  file: string;
  keys: string[];
  /** They were deleted from the file (`--update-snapshots`). */
  removed?: boolean;
}

/** Receives events; a reporter, the reducer, or a channel to the main process. */
export type EventSink = (event: RunnerEvent) => void;
