/**
 * The execute stage: run a {@link RunPlan} with the open resources — in this thread or
 * across the plan's workers, once or (with `-u`) until a pass fails — and return the
 * last pass's summary. The worker pool is this stage's own: started here, closed here.
 * The resources stay open, so a caller may execute further plans with them.
 *
 * @packageDocumentation
 */
import type { RunStartEvent, RunSummary } from '../runner/events';
import { PROTOCOL_VERSION } from '../runner/events';
import type { WorkUnit } from '../runner/interfaces';
import { realTimers } from '../runner/realTimers';
import { relativePath } from '../runner/stack';
import { wasSuccessful } from '../runner/summary';
import type { RunPlan } from '../plan/interfaces';
import type { DistRun } from '../workers/interfaces';
import type { Io } from './main';
import { descendantPids } from './processGuardian';
import type { RunResources } from './runResources';
import { startWorkerPool } from './workerPool';

/** Runs one pass of the plan's tests; resolves when they ran or were stopped. */
type Work = () => Promise<void>;

/**
 * Execute the plan: every pass `-u` asks for, each announced by its own `run:start`.
 *
 * @param plan - what to run.
 * @param resources - the open resources of the run.
 * @returns the summary of the last pass (its `run:end` is left to the finish stage).
 * @example
 * ```ts
 * const summary = await executePlan(plan, resources);
 * ```
 */
export async function executePlan(plan: RunPlan, resources: RunResources): Promise<RunSummary> {
  const pool = plan.workers > 0 ? startWorkerPool(plan, resources) : undefined;
  pool?.catch(() => undefined); // its failure is reported where it is awaited
  const work = pool === undefined ? inThisThread(plan, resources) : acrossWorkers(plan, resources, pool);
  try {
    return await runPasses(plan, resources, work);
  } finally {
    // The workers close while the run finishes (the durations file is written meanwhile):
    // the closer awaits this same close before the run's last event.
    void pool?.then((dist) => dist.close()).catch(() => undefined);
  }
}

async function runPasses(plan: RunPlan, resources: RunResources, work: Work): Promise<RunSummary> {
  const { config, control, pipeline } = resources;
  for (let pass = 1; ; pass++) {
    const summary = await runPass(plan, resources, work, pass);
    if (!config.untilFailure || control.interrupted || control.stopRequested || !wasSuccessful(summary) || summary.tests === 0) return summary;
    pipeline.emit({ type: 'run:end', summary });
  }
}

async function runPass(plan: RunPlan, resources: RunResources, work: Work, pass: number): Promise<RunSummary> {
  const { config, control, pipeline, ledger } = resources;
  pipeline.startPass();
  ledger.reset();
  pipeline.emit(runStart(plan, resources, pass));
  // What listing the tests reported belongs to the run, once: after the first run:start.
  if (pass === 1) for (const event of plan.listingEvents) pipeline.emit(event);
  await Promise.race([work(), control.forced]);
  await pipeline.drain();
  const obsoleteSnapshots = config.dryRun ? [] : ledger.obsolete(config.cwd, plan.wholeFiles && !control.interrupted && !control.stopRequested, config.snapshotMode === 'all');
  const snapshots = obsoleteSnapshots.length > 0 ? { obsoleteSnapshots } : {};
  if (!control.interrupted) return { ...pipeline.summary, interrupted: false, ...snapshots };
  control.keepLeftovers(descendantPids(process.pid));
  pipeline.endRunningAsInterrupted(control.interruptedBy);
  await pipeline.drain();
  return { ...pipeline.summary, interrupted: true, ...notRun(plan, resources, pipeline.summary), ...snapshots };
}

function runStart(plan: RunPlan, { config }: RunResources, pass: number): RunStartEvent {
  return {
    type: 'run:start',
    version: PROTOCOL_VERSION,
    time: realTimers.dateNow(),
    cwd: config.cwd,
    workers: Math.max(1, plan.workers),
    ...(config.order === 'random' ? { seed: config.seed } : {}),
    ...(plan.plannedTests === undefined ? {} : { plannedTests: plan.plannedTests }),
    ...(config.untilFailure ? { pass } : {}),
  };
}

/**
 * What an interrupted run left out: every test when the plan was counted, else the files
 * (tests a sidecar could not serve are already counted as not run).
 */
function notRun(plan: RunPlan, { config, pipeline }: RunResources, summary: RunSummary): Pick<RunSummary, 'testsNotRun' | 'filesNotRun'> {
  const files = new Set(plan.units.map((unit) => relativePath(config.cwd, unit.file)));
  for (const file of pipeline.startedFiles) files.delete(file);
  const unserved = summary.testsNotRun ?? 0;
  const unreached = plan.plannedTests === undefined ? undefined : Math.max(0, plan.plannedTests - summary.tests);
  return { ...(unreached === undefined && unserved === 0 ? {} : { testsNotRun: unserved + (unreached ?? 0) }), filesNotRun: files.size };
}

/** `--in-process`, `--debug`, `-n`: the tests run in the runner's own thread. */
function inThisThread(plan: RunPlan, { config, io, inProcess, control }: RunResources): Work {
  return async () => {
    if (config.debug) openDebugger(io);
    await inProcess.run(plan.units, () => control.stopRequested);
  };
}

function acrossWorkers(plan: RunPlan, { pipeline, control }: RunResources, pool: Promise<DistRun>): Work {
  return async () => {
    try {
      await (await pool).run(plan.units as WorkUnit[], pipeline.emit);
    } catch (error) {
      // Workers that cannot start end the run as a sidecar that cannot start: exit 3, one paragraph.
      if ((error as { code?: unknown }).code !== 'TRIAL_POOL_START') throw error;
      control.fail(error);
    }
  };
}

/** `--debug`: open the inspector and wait until a debugger attaches, once per process. */
function openDebugger(io: Io): void {
  const inspector = require('node:inspector') as typeof import('node:inspector');
  if (inspector.url() !== undefined) return;
  io.stderr.write('trial-ts: waiting for a debugger (chrome://inspect, or VS Code "Attach")...\n');
  inspector.open(undefined, undefined, true);
}
