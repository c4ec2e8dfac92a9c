/**
 * Every process-wide key of trial-ts, in one typed table: the brands and markers that
 * recognise test classes, skips and markers, and the per-thread registries kept on
 * `globalThis`. They are `Symbol.for` keys so that both copies of trial-ts in a worker
 * thread (`dist/`, and `src/` under the TypeScript loader when a test imports it, see
 * CONTRIBUTING) agree on them. Code names a key through this table
 * (`processKeys.testCase`), so a misspelt name is a type error instead of a brand nobody
 * else reads; test/platform/test_processKeys.ts checks that no other file calls
 * `Symbol.for`. The runtime's own keys (Deferred and Failure brands, unhandled failures)
 * are in `@trial-ts/runtime`'s `keys.ts` and are listed here too.
 *
 * Each key is declared on its own as a `unique symbol`, so it can name a class member
 * (`static readonly [processKeys.testCase] = true`) and a typed slot.
 *
 * @internal
 * @packageDocumentation
 */
import { processWide, runtimeKeys } from '@trial-ts/runtime/internal';

const testCase: unique symbol = Symbol.for('trial-ts.testCase') as never;
const testInternals: unique symbol = Symbol.for('trial-ts.testInternals') as never;
const skipTest: unique symbol = Symbol.for('trial-ts.skipTest') as never;
const markerSkip: unique symbol = Symbol.for('trial-ts.marker.skip') as never;
const markerTodo: unique symbol = Symbol.for('trial-ts.marker.todo') as never;
const markerTimeout: unique symbol = Symbol.for('trial-ts.marker.timeout') as never;
const markerCleanReactor: unique symbol = Symbol.for('trial-ts.marker.cleanReactor') as never;
const markerFlaky: unique symbol = Symbol.for('trial-ts.marker.flaky') as never;
const markerParametrize: unique symbol = Symbol.for('trial-ts.marker.parametrize') as never;
const logError: unique symbol = Symbol.for('trial-ts.logError') as never;
const runInSuite: unique symbol = Symbol.for('trial-ts.runInSuite') as never;
const janitorTracker: unique symbol = Symbol.for('trial-ts.janitor.tracker') as never;
const runnerContext: unique symbol = Symbol.for('trial-ts.janitor.runnerContext') as never;
const snapshotStore: unique symbol = Symbol.for('trial-ts.snapshotStore') as never;
const sidecars: unique symbol = Symbol.for('trial-ts.sidecars') as never;
const coverageCollector: unique symbol = Symbol.for('trial-ts.coverage.collector') as never;
const loaderCjs: unique symbol = Symbol.for('trial-ts.loader.cjs') as never;
const loaderEsm: unique symbol = Symbol.for('trial-ts.loader.esm') as never;
const loaderTsconfig: unique symbol = Symbol.for('trial-ts.loader.tsconfig') as never;
const loaderModuleGraph: unique symbol = Symbol.for('trial-ts.loader.moduleGraph') as never;
const installedNetwork: unique symbol = Symbol.for('trial-ts.internet.installedNetwork') as never;
const prewarmedThread: unique symbol = Symbol.for('trial-ts.workers.prewarmedThread') as never;
const unsafeDirectoriesNoted: unique symbol = Symbol.for('trial-ts.platform.unsafeDirectoriesNoted') as never;

/** @internal */
export const processKeys = Object.freeze({
  /** Brand (static, own property) of `SynchronousTestCase` and subclasses. */
  testCase,
  /** Method of a test instance: the runner's view of its per-test state. */
  testInternals,
  /** Brand of `SkipTest` errors. */
  skipTest,
  /** Markers on a class or method: `@skip`, `@todo`, `@timeout`, `@cleanReactor`, `@flaky`, `@parametrize`. */
  markerSkip,
  markerTodo,
  markerTimeout,
  markerCleanReactor,
  markerFlaky,
  markerParametrize,
  /** Slot: where `logError` sends an error while a test runs (set by the worker). */
  logError,
  /** Slot: runs a function at suite level, outside the current test's leak tracking. */
  runInSuite,
  /** Registry: the janitor's async_hooks tracker of the thread. */
  janitorTracker,
  /** Registry: the async context the janitor charges errors to. */
  runnerContext,
  /** Registry: snapshot files read and written in this thread. */
  snapshotStore,
  /** Registry: the sidecar connections this worker received. */
  sidecars,
  /** Registry: the thread's V8 coverage session. */
  coverageCollector,
  /** Flags: the TypeScript loader's CommonJS and ES-module hooks are installed. */
  loaderCjs,
  loaderEsm,
  /** Registry: tsconfig lookups per folder. */
  loaderTsconfig,
  /** Registry: the module graph of the thread (import edges, the Node 20 loader thread's port). */
  loaderModuleGraph,
  /** Slot: the MemoryNetwork installed in place of `net`/`fetch`. */
  installedNetwork,
  /** Slot: the thread pool started before the run asked for it. */
  prewarmedThread,
  /** Registry: unsafe shared folders already noted once. */
  unsafeDirectoriesNoted,
  /** The runtime's keys (`@trial-ts/runtime`), under the runtime's names. */
  ...runtimeKeys,
});

/** The name of one process-wide key. @internal */
export type ProcessKeyName = keyof typeof processKeys;

/**
 * The thread's value under a registry key, made on first use: every copy of trial-ts
 * in the thread gets the same value.
 *
 * @param key - the registry's key, from {@link processKeys}.
 * @param create - makes the first value.
 * @returns the one value of the thread.
 * @example
 * ```ts
 * const store = processRegistry(processKeys.snapshotStore, () => new SnapshotStore());
 * ```
 * @internal
 */
export function processRegistry<T>(key: (typeof processKeys)[ProcessKeyName], create: () => T): T {
  return processWide(key, create);
}
