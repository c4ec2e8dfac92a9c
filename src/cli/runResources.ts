/**
 * The open-resources stage: everything long-lived a run needs before its first test —
 * the process guardian, the locked temp directory, the reporters, the sidecar broker, the
 * event pipeline, the signal handlers and the in-process runner (made on first use) — each
 * registered once with the run's closer, which closes them last-opened first on every path.
 *
 * The resources outlive any one plan: a caller may execute several plans with them.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, RunSummary } from '../runner/events';
import { SnapshotLedger } from '../runner/snapshotLedger';
import type { RunHistory, TestLister } from '../plan/interfaces';
import type { SidecarBroker } from '../sidecar/interfaces';
import type { Closer } from './closer';
import { DurationsRecorder } from './durationsRecorder';
import { environmentGuard } from './environmentError';
import { InProcessRunner } from './inProcessRunner';
import { listenForInterrupts } from './interruptSignals';
import type { Io } from './main';
import { openRunReporters } from './openRunReporters';
import { Pipeline } from './pipeline';
import { killPids, startProcessGuardian } from './processGuardian';
import type { ResolvedConfig } from './resolveOptions';
import { RunControl } from './runControl';
import { openSessionBroker } from './sessionBroker';
import { startTempDir } from './tempDir';
import { workerConfig } from './workerConfig';

/** The open resources of a run, handed to the plan, execute and finish stages. */
export interface RunResources {
  readonly config: ResolvedConfig;
  readonly io: Io;
  readonly closer: Closer;
  /** Stop, failure and interrupt state. */
  readonly control: RunControl;
  /** The locked temp directory (`_trial_temp`). */
  readonly tempDir: string;
  /** Every event of the run passes here on its way to the reporters. */
  readonly pipeline: Pipeline;
  /** Which snapshots the tests asked for, to find obsolete ones. */
  readonly ledger: SnapshotLedger;
  readonly broker: SidecarBroker;
  /** The durations file: read at the start, written back by the finish stage. */
  readonly durations: DurationsRecorder;
  /** What earlier runs recorded, as planning reads it. */
  readonly history: RunHistory;
  readonly inProcess: InProcessRunner;
  /** Lists tests by loading their files in the in-process runner. */
  readonly listTests: TestLister;
  /**
   * Emit this summary's `run:end` once the workers and sidecars have closed, so it is the
   * last event a reporter sees.
   */
  endWith(summary: RunSummary): void;
}

/**
 * Open the run's resources, each registered with `closer`.
 *
 * @param config - the resolved config.
 * @param io - streams and environment.
 * @param closer - the run's closer; the caller closes it on every path.
 * @returns the open resources.
 * @throws `UsageError` for a busy or foreign temp directory, or a bad reporter spec.
 * @throws `EnvironmentError` when the temp directory cannot be written.
 * @example
 * ```ts
 * const resources = await openResources(config, io, closer);
 * const summary = await executePlan(await planRun(discovered, config, resources.history, resources.listTests), resources);
 * ```
 */
export async function openResources(config: ResolvedConfig, io: Io, closer: Closer): Promise<RunResources> {
  const control = new RunControl();
  const tempDir = holdRunFolder(config, control, closer);
  const reporter = await openRunReporters(config, io);
  closer.add('the reporters', () => reporter.close());
  // The last run:end waits until the workers and sidecars are closed (they close after
  // this, being registered later), so it is the last event a reporter sees.
  let finalEnd: RunSummary | undefined;
  closer.add('the end of the run', async () => {
    if (finalEnd !== undefined) pipeline.emit({ type: 'run:end', summary: finalEnd });
  });
  const brokerContext = { tempDir, cwd: config.configDir ?? config.cwd, workers: config.jobs, onEvent: (event: RunnerEvent) => pipeline.emit(event) };
  const { broker, use } = openSessionBroker(config.sidecars, brokerContext, (error) => control.failAtEnd(error));
  closer.add('the sidecars', () => broker.close());
  const durations = DurationsRecorder.load(config.durationsFile, (message) => io.stderr.write(`trial-ts: ${message}\n`));
  const ledger = new SnapshotLedger();
  const pipeline = new Pipeline({
    handle: (event) => {
      ledger.observe(event);
      reporter.handle(event);
    },
    durations,
    onFailure: () => (config.exitFirst ? control.stop() : undefined),
    strictTodo: config.strictTodo,
    sidecarWorkers: use.workers,
    attachLogs: (worker, since) => [...(use.databases.get(worker) ?? [])].flatMap((database) => broker.logLinesFor(database, since)),
  });
  listenForInterrupts(control, io, closer);
  const inProcess = new InProcessRunner({ config: workerConfig(config, tempDir), emit: pipeline.emit, broker, closer });
  return {
    config,
    io,
    closer,
    control,
    tempDir,
    pipeline,
    ledger,
    broker,
    durations,
    inProcess,
    history: { durations: durations.previous, lastFailed: durations.lastFailed() },
    listTests: (units) => inProcess.listTests(units),
    endWith: (summary) => (finalEnd = summary),
  };
}

/** Guard the run's processes and lock its temp directory; returns the directory. */
function holdRunFolder(config: ResolvedConfig, control: RunControl, closer: Closer): string {
  // Processes the tests started that an interrupted run must not leave behind: recorded
  // when the run stops, killed last, once the workers (their parents) are closed.
  closer.add("the interrupted tests' processes", async () => {
    killPids(control.leftovers);
  });
  const guardian = startProcessGuardian();
  closer.add('the process guardian', () => guardian.close());
  const temp = environmentGuard('prepare the temp directory', '--temp-directory DIR', () => startTempDir(config.tempDirectory, config.cwd));
  closer.add('the temp directory lock', temp.close);
  return temp.path;
}
