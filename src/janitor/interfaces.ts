/**
 * Contracts of the janitor: the per-thread tracker that proves each test left
 * nothing running, names what it left and where, cleans it up, and charges stray
 * errors to the test whose async context they belong to.
 *
 * The runner (src/runner/runCase.ts) is the only caller. One `Janitor` exists per
 * thread (worker thread, child process, or the main thread for an in-process run).
 *
 * @packageDocumentation
 */
import type { LeakReport } from '../runner/events';

/** Opt-outs and allow-lists, from config `leaks` and from class/method markers. */
export interface LeakPolicy {
  /** Check for leaks at all (a class or method may set `static cleanReactor = false`). */
  check: boolean;
  /**
   * Leaks to ignore: by resource type (`Timeout`, `TCPWRAP`, ...) and/or by the module
   * that created them (a substring or glob of the creating file's path).
   */
  ignore: readonly LeakIgnoreRule[];
}

/** One allow-list entry of config `leaks.ignore`. */
export interface LeakIgnoreRule {
  /** Resource type as async_hooks names it, e.g. `TCPWRAP`, or a word: `timer`, `socket`, `server`, `child`, `watcher`, `file`, `worker`. */
  kind?: string;
  /** Ignore resources created from a file whose path contains this string. */
  createdIn?: string;
}

/**
 * The scope of one running test, as the janitor sees it. Errors raised in the test's
 * async context while the test runs are handed to `logError` (so `flushLoggedErrors`
 * can take them); after the test ended they go to the janitor's late-error handler.
 */
export interface TestScope {
  /** The test's id (`TestDescription.id`). */
  readonly id: string;
  /** Record an error that belongs to this test; it fails the test unless flushed. */
  logError(error: unknown): void;
}

/** What the janitor found after one test. */
export interface CollectResult {
  /** Ref'd resources the test left running, already closed. */
  leaks: LeakReport[];
  /**
   * Unref'd leftovers (keep-alive sockets, unref'd timers): reported as warnings,
   * never failures; also closed.
   */
  unrefLeaks: LeakReport[];
  /** True when something could not be closed and the worker should be recycled. */
  needsRecycle: boolean;
  /**
   * Timer and clock globals and the cwd the test changed and left changed, by name; they
   * are already put back. The test fails naming them.
   */
  changedGlobals: string[];
  /** Environment variables the test changed and left changed (already put back): a warning. */
  changedEnv: string[];
}

/** Receives errors that escaped after their test ended, or that belong to no test. */
export type LateErrorHandler = (testId: string | null, error: unknown) => void;

/**
 * The per-thread janitor. Its policy (each point has a fixture and a test):
 * 1. Resources created at suite level (module top level, `setUpClass`, sidecar clients)
 *    are the baseline and never leaks.
 * 2. Leaks from a test that opted out are remembered and never charged to a later test.
 * 3. Before judging, it lets the loop settle for a bounded number of turns on real timers,
 *    and waits, bounded, for resources that are already closing.
 * 4. A leak never replaces a real failure; it is added alongside it.
 * 5. Late errors are charged by async context; past the test's end they are reported
 *    against that test as late.
 */
export interface Janitor {
  /** Run `fn` (and everything it starts) in the async context of a test. */
  runInTest<T>(scope: TestScope, fn: () => T): T;
  /** Run `fn` at suite level (`setUpClass`, `tearDownClass`): what it creates is not a leak. */
  runInSuite<T>(fn: () => T): T;
  /**
   * After the test's cleanups and tearDown: settle the loop, find what the test left
   * running, close it, and return it. After this, errors in the test's context are late.
   * A test that left nothing to settle gets its result at once, not as a promise.
   */
  collect(testId: string, policy: LeakPolicy): CollectResult | Promise<CollectResult>;
  /** The scope of the test whose async context the caller runs in, if any (for `logError`). */
  currentScope(): TestScope | undefined;
  /** Set where late and orphan errors go. */
  onLateError(handler: LateErrorHandler): void;
  /** Remove the hook and process handlers (end of the worker). */
  close(): void;
}
