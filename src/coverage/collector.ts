/**
 * Collects V8's precise (block) coverage in this thread through its own inspector session,
 * and writes what it took as raw JSON into the run's coverage temp folder. Every place that
 * runs tests starts one: the main thread for an in-process run, each worker thread, each
 * worker process. The folder comes from `TRIAL_TS_COVERAGE_TEMP`, which worker threads and
 * child processes inherit from the main process, so the pools need no new protocol.
 *
 * Taking precise coverage resets V8's counters, so each flush writes only what ran since
 * the previous one; the main process adds the pieces up.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Session } from 'node:inspector';
import { processKeys } from '../platform/processKeys';

/** The environment variable naming the raw coverage folder of the run. */
export const COVERAGE_TEMP_ENV = 'TRIAL_TS_COVERAGE_TEMP';

const COLLECTOR = processKeys.coverageCollector;

/** One V8 script's coverage, as `Profiler.takePreciseCoverage` gives it. */
export interface ScriptCoverage {
  url: string;
  functions: Array<{ functionName: string; isBlockCoverage: boolean; ranges: Array<{ startOffset: number; endOffset: number; count: number }> }>;
}

interface CollectorState {
  session: Session;
  dir: string;
  flushes: number;
}

type Holder = { [COLLECTOR]?: CollectorState };

/** The session posts synchronously in-thread; this unwraps its callback form. */
function post(session: Session, method: string, params?: object): unknown {
  let result: unknown;
  let failure: Error | null = null;
  session.post(method, params ?? {}, (error, value) => {
    failure = error;
    result = value;
  });
  if (failure !== null) throw failure;
  return result;
}

/**
 * Start collecting in this thread when the run asked for coverage (once per thread; later
 * calls do nothing).
 *
 * @param dir - the raw folder; default `TRIAL_TS_COVERAGE_TEMP` (no folder: do nothing).
 * @returns whether a collector is running in this thread.
 */
export function startCoverageCollector(dir: string | undefined = process.env[COVERAGE_TEMP_ENV]): boolean {
  const holder = globalThis as Holder;
  if (holder[COLLECTOR] !== undefined) return true;
  if (dir === undefined || dir === '') return false;
  const inspector = require('node:inspector') as typeof import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  post(session, 'Profiler.enable');
  post(session, 'Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  holder[COLLECTOR] = { session, dir, flushes: 0 };
  return true;
}

/** Project scripts only: file URLs or absolute paths under `root`, outside node_modules. */
function isProjectScript(url: string, root: string): string | undefined {
  let file: string;
  if (url.startsWith('file://')) file = require('node:url').fileURLToPath(url) as string;
  else if (path.isAbsolute(url)) file = url;
  else return undefined;
  if (!file.startsWith(root + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  return file;
}

/**
 * Write what ran since the last flush (nothing when no collector runs here). Synchronous,
 * so it finishes before the worker says its batch is done.
 *
 * @param root - only scripts under this folder are kept (default the cwd).
 */
export function flushCoverage(root: string = process.cwd()): void {
  const state = (globalThis as Holder)[COLLECTOR];
  if (state === undefined) return;
  const { result } = post(state.session, 'Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
  const kept: ScriptCoverage[] = [];
  for (const script of result) {
    const file = isProjectScript(script.url, root);
    if (file !== undefined) kept.push({ url: file, functions: script.functions });
  }
  if (kept.length === 0) return;
  state.flushes += 1;
  fs.mkdirSync(state.dir, { recursive: true });
  const name = `raw-${process.pid}-${threadId}-${state.flushes}.json`;
  fs.writeFileSync(path.join(state.dir, name), JSON.stringify({ result: kept }));
}

/**
 * Flush, then end this thread's session (the in-process run, when it is over).
 *
 * @param root - as for {@link flushCoverage}.
 */
export function stopCoverageCollector(root?: string): void {
  const holder = globalThis as Holder;
  const state = holder[COLLECTOR];
  if (state === undefined) return;
  flushCoverage(root);
  post(state.session, 'Profiler.stopPreciseCoverage');
  state.session.disconnect();
  delete holder[COLLECTOR];
}
