/**
 * The finish stage: hand the last summary to the closer (its `run:end` is the last event
 * the reporters see), write the durations file back, and decide the exit code.
 *
 * @packageDocumentation
 */
import type { RunSummary } from '../runner/events';
import { UnsafeDurationsFolderError } from '../runner/durations';
import { EXIT } from '../errors/errorKinds';
import { exitCodeOf } from '../runner/summary';
import { environmentGuard } from './environmentError';
import type { RunResources } from './runResources';
import { moduleGraphFolder, takeModuleGraphLog } from '../runner/moduleGraphLog';

/**
 * Finish the run.
 *
 * @param summary - the executed plan's last summary.
 * @param resources - the run's open resources.
 * @returns the exit code: 0, 1 or 5 from the summary, 130 when interrupted.
 * @throws the error of a sidecar or worker pool that could not start (exit 3 in `main`).
 * @example
 * ```ts
 * return finishRun(await executePlan(plan, resources), resources);
 * ```
 */
export function finishRun(summary: RunSummary, resources: RunResources): number {
  const { config, control, io } = resources;
  resources.endWith(summary);
  if (!control.interrupted && !config.dryRun) saveDurations(resources);
  const failure = control.failure;
  if (failure.failed) throw failure.error;
  if (control.interrupted) return EXIT.interrupted;
  if (summary.tests === 0 && !config.allowEmpty) {
    io.stderr.write('trial-ts: no tests were selected, so nothing was checked (exit 5); pass --allow-empty if that is expected.\n');
  }
  return exitCodeOf(summary, config.allowEmpty);
}

/**
 * Merge this run's durations, failures and module graph into the durations file (a shard:
 * its durations and failures into its own record).
 *
 * @param resources - the run's open resources.
 * @throws `EnvironmentError` when the file cannot be written (a planted folder is only a warning).
 */
export function saveDurations({ config, durations, pipeline, io, tempDir }: RunResources): void {
  const shard = config.shard;
  const logged = takeModuleGraphLog(moduleGraphFolder(tempDir));
  durations.updateModules(logged, config.cwd);
  try {
    environmentGuard('write the durations file', '--durations-file PATH', () =>
      shard === undefined ? durations.save(pipeline.failedIds, config.cwd) : durations.saveShard(pipeline.failedIds, shard));
  } catch (error) {
    // A planted or foreign folder is not written through; the run's result stands (a cache, as on load).
    if (!(error instanceof UnsafeDurationsFolderError)) throw error;
    io.stderr.write(`trial-ts: ${error.message}\n`);
  }
}
