/**
 * `--watch` as the stages of a run: the resources (temp directory, reporters, sidecars,
 * signal handlers) are opened once, and every re-run the watch loop asks for is planned
 * and executed with them — in a fresh worker pool each time, so re-imported modules are
 * read again. Each re-run ends with its own `run:end` (the reporters print its summary);
 * the durations file, with the module graph, is written when watch mode ends.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import { discoverRun, planRun } from '../plan/planRun';
import { moduleGraphFolder, takeModuleGraphLog } from '../runner/moduleGraphLog';
import { EXIT } from '../errors/errorKinds';
import { prewarmThread } from '../workers/threadPrewarm';
import { failedUnits } from '../watch/failedUnits';
import type { WatchEnd, WatchHost, WatchRunRequest, WatchRunResult } from '../watch/interfaces';
import { restartProcess } from '../watch/restartProcess';
import { TestGraph } from '../watch/testGraph';
import { WatchLoop } from '../watch/watchLoop';
import type { Closer } from './closer';
import { executePlan } from './executePlan';
import { saveDurations } from './finishRun';
import type { Io } from './main';
import type { ResolvedConfig } from './resolveOptions';
import { openResources, type RunResources } from './runResources';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Names of the temp directories runs make in the cwd (`_trial_temp`, `_trial_temp-1`, their locks). */
const TEMP_NAME = /^_trial_temp/;

/**
 * Run watch mode until the user quits, a signal ends it, or the config changes (then a
 * fresh process takes over and its exit code is returned).
 *
 * @param tests - test arguments from the command line.
 * @param config - resolved settings, with `watch` set.
 * @param io - streams and environment.
 * @param closer - the session's closer: closes the resources when watch mode ends.
 * @returns the exit code: 0 after quitting, 130 after a signal.
 */
export async function runWatch(tests: readonly string[], config: ResolvedConfig, io: Io, closer: Closer): Promise<number> {
  const resources = await openResources(config, io, closer);
  const loop = new WatchLoop(watchHost(tests, resources), { graph: TestGraph.fromRecord(resources.durations.previousModules(), config.cwd) });
  // Between runs nothing else listens: a signal ends watch mode (during a run the run's own
  // handlers also give its tests their grace).
  const onSignal = (): void => loop.interrupt();
  for (const signal of SIGNALS) process.on(signal, onSignal);
  let end: WatchEnd;
  try {
    end = await loop.start();
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
  resources.durations.setModules(loop.graph.toRecord(config.cwd));
  saveDurations(resources);
  const failure = resources.control.failure;
  if (failure.failed) throw failure.error; // a sidecar that could not start
  if (end === 'restart') {
    await closer.closeAll();
    return restartProcess();
  }
  return endCode(end);
}

function endCode(end: Exclude<WatchEnd, 'restart'>): number {
  return end === 'interrupted' ? EXIT.interrupted : EXIT.ok;
}

/** The loop's view of the open resources. */
function watchHost(tests: readonly string[], resources: RunResources): WatchHost {
  const { config, io, tempDir, control } = resources;
  const terminal = process.stdin.isTTY === true ? process.stdin : undefined;
  return {
    cwd: config.cwd,
    configFile: config.configFile,
    grep: config.grep,
    clear: config.watch?.clear === true,
    terminal,
    ignore: (file) => TEMP_NAME.test(path.basename(file)) || file === tempDir || file.startsWith(tempDir + path.sep) || file === config.durationsFile,
    discover: () => discoverSafely(tests, resources),
    write: (text) => void io.stdout.write(text),
    stop: () => control.stop(),
    run: (request) => runOnce(request, resources),
  };
}

/** Discovery again; an argument that names nothing any more (a deleted file) is told, not fatal. */
function discoverSafely(tests: readonly string[], { config, io }: RunResources) {
  try {
    return [...discoverRun(tests, config).units];
  } catch (error) {
    io.stderr.write(`trial-ts: ${(error as Error).message}\n`);
    return [];
  }
}

/** One re-run: plan the units with the run's `-k` (and the `t` filter), execute, end with a summary. */
async function runOnce(request: WatchRunRequest, resources: RunResources): Promise<WatchRunResult> {
  resources.control.resume();
  const config = { ...resources.config, grep: request.grep };
  const run = { ...resources, config };
  const plan = await planRun({ units: request.units }, config, resources.history, resources.listTests);
  const summary = await executePlan(plan, run);
  resources.pipeline.emit({ type: 'run:end', summary });
  // Each run gets isolated databases: the next run's are cloned now, while the user edits.
  resources.broker.renewWorkerConnections?.();
  // The next run's first worker starts now, while the user edits: its start-up is off the
  // save-to-summary path, and it has loaded only the runner, so the next run's imports are fresh.
  if (config.pool === 'threads' && !resources.control.interrupted) prewarmThread();
  return {
    failed: failedUnits(resources.pipeline.failedIds, config.cwd),
    graph: takeModuleGraphLog(moduleGraphFolder(resources.tempDir)),
    interrupted: resources.control.interrupted,
  };
}
