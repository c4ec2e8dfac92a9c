/**
 * The worker pool of one executed plan (`-j N`, and `-j 1` too): started as soon as the
 * plan says how many workers, so their start-up overlaps the run's first events; closed
 * by the execute stage when the plan is done, and by the run's closer on every other path.
 *
 * @packageDocumentation
 */
import type { DistRun } from '../workers/interfaces';
import type { RunPlan } from '../plan/interfaces';
import type { RunResources } from './runResources';
import { workerConfig } from './workerConfig';

/**
 * Start the plan's workers.
 *
 * @param plan - how many workers, and the `-j` the run asked for.
 * @param resources - the config, temp dir, broker, durations, control and closer.
 * @returns the started pool; `stop()` follows the run's control.
 */
export async function startWorkerPool(plan: RunPlan, resources: RunResources): Promise<DistRun> {
  const { config, tempDir, broker, durations, closer, control } = resources;
  const { workerIndex: _index, tempDir: _temp, ...worker } = workerConfig(config, tempDir);
  // Loaded only for -j N: piscina and the pools cost start-up time an in-process run does not need.
  const { startDistRun } = require('../workers/distRun') as typeof import('../workers/distRun');
  const started = await startDistRun(
    // A run of one job lets what tests print through as it happens, as in-process did;
    // with -j N output is captured per test (workers would interleave; a process's is piped).
    { kind: config.pool, size: plan.workers, worker: { ...worker, captureOutput: plan.jobs > 1 || config.pool === 'processes' }, tempDir },
    { broker, durations: durations.previous },
  );
  closer.add('the worker pool', () => started.close());
  control.onStop(() => started.stop());
  resources.pipeline.catchUpWith(() => started.sync());
  return started;
}
