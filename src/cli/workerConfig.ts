/**
 * The worker config of a run, made from the resolved config: what every thread that runs
 * tests needs (the in-process runner, each worker of a pool).
 *
 * @packageDocumentation
 */
import { COVERAGE_TEMP_ENV } from '../coverage/collector';
import type { WorkerConfig } from '../runner/interfaces';
import { moduleGraphFolder } from '../runner/moduleGraphLog';
import { workerSettings, type ResolvedConfig } from './resolveOptions';

/**
 * The worker config of index 0 in `tempDir`; a pool fills index and folder per worker.
 *
 * @param config - the resolved config.
 * @param tempDir - the run's temp directory.
 * @returns the config, with output not captured (a pool decides that).
 */
export function workerConfig(config: ResolvedConfig, tempDir: string): WorkerConfig {
  return {
    ...workerSettings(config),
    tempDir,
    workerIndex: 0,
    captureOutput: false,
    coverageTemp: process.env[COVERAGE_TEMP_ENV],
    moduleGraphDir: moduleGraphFolder(tempDir),
  };
}
