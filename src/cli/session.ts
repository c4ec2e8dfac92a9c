/**
 * One invocation of `trial-ts`, as the list of its stages; each hands one value to the
 * next, and the run's closer closes everything opened on every path, Ctrl-C included:
 *
 * 1. resolve config — the caller's (`main.ts`: `loadConfig`, `resolveOptions`);
 * 2. plan — `src/plan/`: discovery first, before anything opens, then selection,
 *    order and size once the resources can load test files (a `RunPlan`);
 * 3. open resources — `runResources.ts`: temp dir, reporters, sidecars, pipeline, signals;
 * 4. execute — `executePlan.ts`: the worker pool and the passes (a `RunSummary`);
 * 5. finish — `finishRun.ts`: the last `run:end`, the durations file, the exit code.
 *
 * @packageDocumentation
 */
import type { CoverageRun } from '../coverage/coverageRun';
import { discoverRun, planRun } from '../plan/planRun';
import { Closer } from './closer';
import { executePlan } from './executePlan';
import { finishRun } from './finishRun';
import type { Io } from './main';
import type { ResolvedConfig } from './resolveOptions';
import { openResources } from './runResources';
import { narrowToChanged } from './changedRun';
import { runWatch } from './watchSession';
import { EXIT } from '../errors/errorKinds';

/**
 * Run the session and return its exit code.
 *
 * @param tests - test arguments from the command line.
 * @param config - resolved settings.
 * @param io - streams and environment.
 * @returns the exit code (coverage thresholds may turn a pass into a failure).
 * @throws what ends the run without a summary: a bad path, a busy temp directory, a
 *   sidecar or worker pool that could not start (`main` turns it into exit 2 or 3).
 */
export async function runSession(tests: readonly string[], config: ResolvedConfig, io: Io): Promise<number> {
  const closer = new Closer();
  // Loaded only with --coverage: istanbul and the converter cost start-up time otherwise.
  const coverage: CoverageRun | undefined =
    config.coverage === undefined ? undefined : new (require('../coverage/coverageRun') as typeof import('../coverage/coverageRun')).CoverageRun(config.coverage);
  let code: number;
  try {
    code = await runStages(tests, config, io, closer, coverage);
  } catch (error) {
    coverage?.abandon();
    throw error;
  } finally {
    const errors = await closer.closeAll();
    for (const error of errors) io.stderr.write(`trial-ts: ${error.message}\n`);
  }
  return coverage === undefined ? code : coverage.finish(code, io);
}

/** The stages of one run, in order; `--watch` repeats plan and execute with one set of resources. */
async function runStages(tests: readonly string[], config: ResolvedConfig, io: Io, closer: Closer, coverage: CoverageRun | undefined): Promise<number> {
  if (config.watch !== undefined) return runWatch(tests, config, io, closer);
  let discovered = discoverRun(tests, config);
  const resources = await openResources(config, io, closer);
  if (config.changed !== undefined) {
    discovered = narrowToChanged(discovered, resources);
    if (discovered.units.length === 0) return EXIT.ok; // nothing affected: a pre-commit hook passes
  }
  const plan = await planRun(discovered, config, resources.history, resources.listTests);
  // Tests in workers leave this thread idle: once they are under way, the coverage report
  // gets ready meanwhile.
  if (plan.workers > 0) coverage?.prepareReport(resources.pipeline.firstTestStarted);
  const summary = await executePlan(plan, resources);
  return finishRun(summary, resources);
}
