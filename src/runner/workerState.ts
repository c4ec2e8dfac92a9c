/**
 * Everything a thread needs to run tests, made once per thread (the main thread for an
 * in-process run, or each worker) and passed explicitly: the config, the janitor, the
 * output capture, and the way to ask for sidecars. Creating it also registers the
 * TypeScript loader and native source maps in this thread.
 *
 * @packageDocumentation
 */
import { collectUnhandledFailures } from '@trial-ts/runtime/internal';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Janitor } from '../janitor/interfaces';
import type { SidecarConnection, SidecarRequester } from '../sidecar/interfaces';
import { closeSidecarClients } from '../sidecar/transactionIsolation';
import { createJanitor } from '../janitor/janitor';
import type { EventSink, TestDescription } from './events';
import type { WorkerConfig } from './interfaces';
import { registerTypeScript } from './loader/registerTypeScript';
import { installOutputCapture, type OutputCapture } from './outputCapture';
import { serializeError } from './serializeError';
import { processKeys } from '../platform/processKeys';
import { startCoverageCollector } from '../coverage/collector';

/** Per-thread runner state. */
export interface WorkerState {
  readonly config: WorkerConfig;
  readonly janitor: Janitor;
  readonly capture: OutputCapture;
  readonly requestSidecar: SidecarRequester;
  /** Tests this thread has started, by id, so late errors can name them. */
  readonly tests: Map<string, TestDescription>;
  /** This worker's own connection to each sidecar installed in this thread, by name. */
  readonly sidecars: Map<string, SidecarConnection>;
  /** A connection for one test (`database-per-test`), and giving it back. */
  readonly requestSidecarForTest: SidecarRequester;
  readonly releaseSidecarForTest: (name: string, connection: SidecarConnection) => Promise<void>;
  /** Where events about late errors go (the current run's sink). */
  emit: EventSink;
  /** The janitor could not close something: this worker should be replaced. */
  needsRecycle: boolean;
  /** `--force-gc`: a full garbage collection, run after every test. */
  readonly collectGarbage?: () => void;
  /** Called just before a class hook runs (see {@link WorkerHooks.beforeClassHook}). */
  readonly beforeClassHook?: () => void;
}

/**
 * A handle on V8's `gc()` without starting Node with `--expose-gc`: the flag is set at run
 * time and a fresh context picks the function up.
 */
function garbageCollector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** What the host (the CLI, or a worker entry) provides. */
export interface WorkerHooks {
  emit: EventSink;
  /** This worker's connection to a sidecar. */
  requestSidecar: SidecarRequester;
  /** A fresh connection for the next test (`database-per-test`). */
  requestSidecarForTest: SidecarRequester;
  /** Give a per-test connection back. */
  releaseSidecarForTest: (name: string, connection: SidecarConnection) => Promise<void>;
  /** Told of each chunk of captured output as it is written (workers forward it live). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /**
   * Called just before `setUpClass` or `tearDownClass` runs: a host that holds events back
   * sends them now, so what the class hook does (a crash, a hang) is not put on a test.
   */
  beforeClassHook?: () => void;
}

const LOG_ERROR = processKeys.logError;
const RUN_IN_SUITE = processKeys.runInSuite;

/**
 * Prepare this thread to run tests.
 *
 * @param config - the worker's config.
 * @param hooks - where events go and how sidecars are requested.
 */
export async function createWorkerState(config: WorkerConfig, hooks: WorkerHooks): Promise<WorkerState> {
  // --coverage: from before the first test file loads, in whichever thread runs the tests.
  if (config.coverageTemp !== undefined) startCoverageCollector(config.coverageTemp);
  registerTypeScript();
  // stdout and stderr are created lazily; touch them now so the first test that logs is
  // not blamed for creating them (research/node20-mechanics.md §6.5).
  void process.stdout;
  void process.stderr;
  fs.mkdirSync(config.tempDir, { recursive: true });
  const janitor = createJanitor({ cwd: config.cwd, track: config.cleanReactor });
  const state: WorkerState = {
    config,
    janitor,
    capture: installOutputCapture(hooks.onOutput),
    requestSidecar: hooks.requestSidecar,
    tests: new Map(),
    sidecars: new Map(),
    requestSidecarForTest: hooks.requestSidecarForTest,
    releaseSidecarForTest: hooks.releaseSidecarForTest,
    emit: hooks.emit,
    needsRecycle: false,
    ...(config.forceGc ? { collectGarbage: garbageCollector() } : {}),
    ...(hooks.beforeClassHook === undefined ? {} : { beforeClassHook: hooks.beforeClassHook }),
  };
  janitor.onLateError((testId, error) => {
    const test = testId === null ? null : state.tests.get(testId) ?? null;
    state.emit({ type: 'test:lateError', test, worker: config.workerIndex, error: serializeError(error, config.cwd) });
  });
  (globalThis as Record<symbol, unknown>)[RUN_IN_SUITE] = <T>(fn: () => T): T => janitor.runInSuite(fn);
  collectUnhandledFailures(true);
  (globalThis as Record<symbol, unknown>)[LOG_ERROR] = (error: unknown) => {
    const scope = janitor.currentScope();
    if (scope !== undefined) scope.logError(error);
    else state.emit({ type: 'test:lateError', test: null, worker: config.workerIndex, error: serializeError(error, config.cwd) });
  };
  return state;
}

/** Undo what {@link createWorkerState} installed in this thread. */
export async function closeWorkerState(state: WorkerState): Promise<void> {
  if (state.sidecars.size > 0) await closeSidecarClients();
  state.capture.uninstall();
  state.janitor.close();
  delete (globalThis as Record<symbol, unknown>)[LOG_ERROR];
  delete (globalThis as Record<symbol, unknown>)[RUN_IN_SUITE];
  collectUnhandledFailures(false);
}
