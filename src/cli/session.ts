/**
 * One invocation of `trial-ts`: lock the temp directory, open the reporters, discover and
 * select the tests, run them (in-process, or across workers for `-j N`), once or until
 * failure, and close everything it started on every path, Ctrl-C included.
 *
 * @packageDocumentation
 */
import type { DistRun } from '../workers/interfaces';
import type { RunnerEvent, RunSummary, TestDescription } from '../runner/events';
import { Pipeline } from './pipeline';
import { PROTOCOL_VERSION } from '../runner/events';
import { discover } from '../runner/discovery';
import { SnapshotLedger } from '../runner/snapshotLedger';
import { UnsafeDurationsFolderError } from '../runner/durations';
import type { WorkUnit, WorkerConfig } from '../runner/interfaces';
import { realTimers } from '../runner/realTimers';
import { relativePath } from '../runner/stack';
import { seededRandom, shuffle } from '../runner/collect';
import { EXIT, exitCodeOf, wasSuccessful } from '../runner/summary';
import type { WorkerState } from '../runner/workerState';
import type { SidecarBroker, SidecarConnection } from '../sidecar/interfaces';
import type { SidecarBrokerContext } from '../sidecar/sidecarBroker';
import { SidecarUnavailableError } from '../sidecar/sidecarErrors';
import { UsageError } from './usageError';
import { autoJobs } from '../workers/autoJobs';
import { Closer } from './closer';
import type { Io } from './main';
import { openRunReporters } from './openRunReporters';
import type { ResolvedConfig } from './resolveOptions';
import { selectTests } from './selectTests';
import { startTempDir } from './tempDir';
import { environmentGuard } from './environmentError';
import { DurationsRecorder } from './durationsRecorder';
import { descendantPids, killPids, startProcessGuardian } from './processGuardian';
import type { CoverageRun } from '../coverage/coverageRun';
import { COVERAGE_TEMP_ENV } from '../coverage/collector';

/** How long running tests get to finish after the first Ctrl-C before the run ends anyway. */
const INTERRUPT_GRACE_MS = 3000;

/** Files in the order `--order random:SEED` gives them, the same for any `-j`. */
function shuffled<T>(units: readonly T[], seed: number): T[] {
  return shuffle([...units], seededRandom(seed));
}

/** The run's sidecar broker; the sidecar modules load only when the config declares sidecars. */
function sidecarBroker(definitions: ResolvedConfig['sidecars'], context: SidecarBrokerContext): SidecarBroker {
  if (Object.keys(definitions).length === 0) {
    const undeclared = async (name: string): Promise<never> => {
      throw new UsageError(`A test class needs the sidecar '${name}', but the config declares no sidecars; add it under sidecars in trial-ts.config.ts.`);
    };
    return {
      acquire: undeclared,
      acquireForTest: undeclared,
      releaseForTest: async () => undefined,
      logLinesFor: () => [],
      started: () => [],
      close: async () => undefined,
    };
  }
  const { createSidecarBroker } = require('../sidecar/sidecarBroker') as typeof import('../sidecar/sidecarBroker');
  return createSidecarBroker(definitions, context);
}

const START_FAILURES = new Set(['TRIAL_SIDECAR_START', 'TRIAL_SIDECAR_CONFIG']);

/**
 * A broker whose start failures are kept for the end of the run (through `onFatal`: its
 * exit code and its one paragraph) while the run goes on: each class that needs the
 * sidecar gets a {@link SidecarUnavailableError}, and its tests are reported as not run.
 */
function reportStartFailures(
  broker: SidecarBroker,
  onFatal: (error: unknown) => void,
  databases: Map<number, Set<string>>,
  sidecarWorkers: Map<string, Set<number>>,
): SidecarBroker {
  const guard = <A extends unknown[], R>(name: string, acquire: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await acquire(...args);
      } catch (error) {
        if (!START_FAILURES.has((error as { code?: string }).code ?? '')) throw error;
        onFatal(error);
        throw new SidecarUnavailableError(name);
      }
    };
  const remember = async (worker: number, connection: Promise<SidecarConnection>): Promise<SidecarConnection> => {
    const database = (await connection).database;
    if (typeof database === 'string') databases.set(worker, (databases.get(worker) ?? new Set()).add(database));
    return connection;
  };
  return {
    acquire: (name, worker) => {
      sidecarWorkers.set(name, (sidecarWorkers.get(name) ?? new Set()).add(worker));
      return remember(worker, guard(name, broker.acquire.bind(broker))(name, worker));
    },
    acquireForTest: (name, worker) => guard(name, broker.acquireForTest.bind(broker))(name, worker),
    releaseForTest: (name, connection) => broker.releaseForTest(name, connection),
    logLinesFor: (database, since, options) => broker.logLinesFor(database, since, options),
    started: () => broker.started(),
    close: () => broker.close(),
  };
}

/** `--debug`: open the inspector and wait until a debugger attaches, once per process. */
function openDebugger(io: Io): void {
  const inspector = require('node:inspector') as typeof import('node:inspector');
  if (inspector.url() !== undefined) return;
  io.stderr.write('trial-ts: waiting for a debugger (chrome://inspect, or VS Code "Attach")...\n');
  inspector.open(undefined, undefined, true);
}

function workerConfig(config: ResolvedConfig, tempDir: string): WorkerConfig {
  return {
    cwd: config.cwd,
    tempDir,
    workerIndex: 0,
    order: config.order,
    seed: config.seed,
    grep: config.grep,
    timeoutSeconds: config.timeoutSeconds,
    cleanReactor: config.cleanReactor,
    uncleanWarnings: config.uncleanWarnings,
    leakIgnore: config.leakIgnore,
    dryRun: config.dryRun,
    forceGc: config.forceGc,
    captureOutput: false,
    exitFirst: config.exitFirst,
    strictTodo: config.strictTodo,
    coverageTemp: process.env[COVERAGE_TEMP_ENV],
    retries: config.retries,
    snapshotMode: config.snapshotMode,
  };
}

/**
 * Run the session and return its exit code.
 *
 * @param tests - test arguments from the command line.
 * @param config - resolved settings.
 * @param io - streams and environment.
 */
export async function runSession(tests: readonly string[], config: ResolvedConfig, io: Io): Promise<number> {
  const closer = new Closer();
  // Loaded only with --coverage: istanbul and the converter cost start-up time otherwise.
  const coverage: CoverageRun | undefined =
    config.coverage === undefined ? undefined : new (require('../coverage/coverageRun') as typeof import('../coverage/coverageRun')).CoverageRun(config.coverage);
  let code: number;
  try {
    code = await runWithCloser(tests, config, io, closer);
  } catch (error) {
    coverage?.abandon();
    throw error;
  } finally {
    const errors = await closer.closeAll();
    for (const error of errors) io.stderr.write(`trial-ts: ${error.message}\n`);
  }
  return coverage === undefined ? code : coverage.finish(code, io);
}

async function runWithCloser(tests: readonly string[], config: ResolvedConfig, io: Io, closer: Closer): Promise<number> {
  let units = discover(tests, config.roots, config.cwd, config.exclude);
  // Processes the tests started that an interrupted run must not leave behind: recorded
  // when the run stops, killed last, once the workers (their parents) are closed.
  let leftovers: number[] = [];
  closer.add("the interrupted tests' processes", async () => {
    killPids(leftovers);
  });
  const guardian = startProcessGuardian();
  closer.add('the process guardian', () => guardian.close());
  const temp = environmentGuard('prepare the temp directory', '--temp-directory DIR', () => startTempDir(config.tempDirectory, config.cwd));
  closer.add('the temp directory lock', temp.close);
  const reporter = await openRunReporters(config, io);
  closer.add('the reporters', () => reporter.close());
  // The last run:end waits until the workers and sidecars are closed (they close after
  // this, being registered later), so it is the last event a reporter sees.
  let finalEnd: RunSummary | undefined;
  closer.add('the end of the run', async () => {
    if (finalEnd !== undefined) pipeline.emit({ type: 'run:end', summary: finalEnd });
  });
  // A sidecar that cannot start ends the run with exit 3 and its paragraph; the tests that
  // needed it are errors that point there instead of repeating it.
  let fatal: unknown;
  const workerDatabases = new Map<number, Set<string>>();
  const sidecarWorkers = new Map<string, Set<number>>();
  const broker = reportStartFailures(
    sidecarBroker(config.sidecars, { tempDir: temp.path, cwd: config.configDir ?? config.cwd, workers: config.jobs, onEvent: (event) => pipeline.emit(event) }),
    (error) => {
      fatal ??= error;
    },
    workerDatabases,
    sidecarWorkers,
  );
  closer.add('the sidecars', () => broker.close());
  const durations = DurationsRecorder.load(config.durationsFile, (message) => io.stderr.write(`trial-ts: ${message}\n`));

  let stopRequested = false;
  let dist: DistRun | undefined;
  let inProcess: WorkerState | undefined;
  const stop = (): void => {
    stopRequested = true;
    dist?.stop();
  };
  const ledger = new SnapshotLedger();
  // Obsolete snapshots are only knowable when every test of a file was selected.
  const wholeFiles = config.grep.length === 0 && config.shard === undefined && !config.lastFailed && units.every((unit) => unit.className === undefined);
  const pipeline = new Pipeline(
    (event) => {
      ledger.observe(event);
      reporter.handle(event);
    },
    durations,
    () => {
      if (config.exitFirst) stop();
    },
    config.strictTodo,
  );
  pipeline.sidecarWorkers = sidecarWorkers;
  pipeline.attachLogs = (worker, since) =>
    [...(workerDatabases.get(worker) ?? [])].flatMap((database) => broker.logLinesFor(database, since));

  // Ctrl-C / SIGTERM: stop handing out work, give running tests a grace, then end.
  let interrupted = false;
  let interruptedBy = 'SIGINT';
  let forceEnd: (() => void) | undefined;
  const forced = new Promise<void>((resolve) => (forceEnd = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return forceEnd?.();
    interrupted = true;
    interruptedBy = signal;
    io.stderr.write('\ntrial-ts: interrupted; finishing running tests (Ctrl-C again to stop now)\n');
    stop();
    realTimers.setTimeout(() => forceEnd?.(), INTERRUPT_GRACE_MS).unref();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  closer.add('the signal handlers', async () => {
    for (const signal of signals) process.off(signal, onSignal);
  });

  const inProcessState = async (): Promise<WorkerState> => {
    if (inProcess === undefined) {
      // Loaded only when tests load here: a run in a worker spares the runner this start-up.
      const { closeWorkerState, createWorkerState } = require('../runner/workerState') as typeof import('../runner/workerState');
      inProcess = await createWorkerState(workerConfig(config, temp.path), {
        emit: pipeline.emit,
        requestSidecar: (name) => broker.acquire(name, 0),
      requestSidecarForTest: (name) => broker.acquireForTest(name, 0),
      releaseSidecarForTest: (name, connection) => broker.releaseForTest(name, connection),
      });
      const state = inProcess;
      closer.add('the in-process runner', () => closeWorkerState(state));
    }
    return inProcess;
  };

  const pendingEvents: RunnerEvent[] = [];
  let planned: number | undefined;
  if (config.shard !== undefined || config.lastFailed || config.dryRun) {
    const state = await inProcessState();
    const { listTests } = require('../runner/runUnits') as typeof import('../runner/runUnits');
    const listed: TestDescription[] = await listTests(units, state, (event) => pendingEvents.push(event));
    const selection = selectTests(listed, {
      cwd: config.cwd,
      shard: config.shard,
      lastFailed: config.lastFailed ? durations.lastFailed() : undefined,
      durations: durations.previousRecord(),
    });
    units = selection.units;
    planned = selection.count;
  }
  if (config.order === 'random') units = shuffled(units, config.seed);

  const jobs = config.jobsAuto ? autoJobs(config.jobs, units, durations.previous(), config.cwd) : config.jobs;
  // Even one job runs in a worker: there a watchdog stops a synchronous loop and an
  // out-of-memory test is reported, where in-process either would end the run unreported.
  const useWorkers = !config.inProcess && !config.dryRun && units.length > 0;
  // Start the workers now, so their start-up overlaps the rest of the preparation.
  const distStarting = useWorkers ? startWorkers(Math.min(jobs, units.length)) : undefined;
  distStarting?.catch(() => undefined); // its failure is reported where it is awaited

  const runPass = async (pass: number): Promise<RunSummary> => {
    pipeline.startPass();
    ledger.reset();
    pipeline.emit({
      type: 'run:start',
      version: PROTOCOL_VERSION,
      time: realTimers.dateNow(),
      cwd: config.cwd,
      workers: useWorkers ? Math.min(jobs, units.length) : 1,
      ...(config.order === 'random' ? { seed: config.seed } : {}),
      ...(planned === undefined ? {} : { plannedTests: planned }),
      ...(config.untilFailure ? { pass } : {}),
    });
    for (const event of pendingEvents.splice(0)) pipeline.emit(event);
    const work = useWorkers ? runDistributed() : runInProcess();
    await Promise.race([work, forced]);
    await pipeline.drain();
    const obsoleteSnapshots = config.dryRun ? [] : ledger.obsolete(config.cwd, wholeFiles && !interrupted && !stopRequested, config.snapshotMode === 'all');
    const snapshots = obsoleteSnapshots.length > 0 ? { obsoleteSnapshots } : {};
    if (!interrupted) return { ...pipeline.state.summary, interrupted, ...snapshots };
    leftovers = descendantPids(process.pid);
    pipeline.endRunningAsInterrupted(interruptedBy);
    await pipeline.drain();
    return { ...pipeline.state.summary, interrupted, ...notRun(pipeline.state.summary), ...snapshots };
  };
  // What an interrupted run left out: every test when the plan was counted, else the files
  // (tests a sidecar could not serve are already counted as not run).
  const notRun = (summary: RunSummary): Pick<RunSummary, 'testsNotRun' | 'filesNotRun'> => {
    const files = new Set(units.map((unit) => relativePath(config.cwd, unit.file)));
    for (const file of pipeline.startedFiles) files.delete(file);
    const unserved = summary.testsNotRun ?? 0;
    const unreached = planned === undefined ? undefined : Math.max(0, planned - summary.tests);
    return { ...(unreached === undefined && unserved === 0 ? {} : { testsNotRun: unserved + (unreached ?? 0) }), filesNotRun: files.size };
  };
  const runInProcess = async (): Promise<void> => {
    const state = await inProcessState();
    if (config.debug) openDebugger(io);
    const { runUnits } = require('../runner/runUnits') as typeof import('../runner/runUnits');
    await runUnits(units, state, pipeline.emit, () => stopRequested);
  };
  async function startWorkers(size: number): Promise<DistRun> {
    const { workerIndex: _index, tempDir: _temp, ...worker } = workerConfig(config, temp.path);
    // Loaded only for -j N: piscina and the pools cost start-up time an in-process run does not need.
    const { startDistRun } = require('../workers/distRun') as typeof import('../workers/distRun');
    const started = await startDistRun(
      // A run of one job lets what tests print through as it happens, as in-process did;
      // with -j N output is captured per test (workers would interleave; a process's is piped).
      { kind: config.pool, size, worker: { ...worker, captureOutput: jobs > 1 || config.pool === 'processes' }, tempDir: temp.path },
      { broker, durations: durations.previous() },
    );
    dist = started;
    closer.add('the worker pool', () => started.close());
    if (stopRequested) started.stop();
    return started;
  }
  const runDistributed = async (): Promise<void> => {
    try {
      await (await distStarting!).run(units as WorkUnit[], pipeline.emit);
    } catch (error) {
      // Workers that cannot start end the run as a sidecar that cannot start: exit 3, one paragraph.
      if ((error as { code?: unknown }).code !== 'TRIAL_POOL_START') throw error;
      fatal ??= error;
      stop();
    }
  };

  let summary: RunSummary;
  for (let pass = 1; ; pass++) {
    summary = await runPass(pass);
    if (!config.untilFailure || interrupted || stopRequested || !wasSuccessful(summary) || summary.tests === 0) break;
    pipeline.emit({ type: 'run:end', summary });
  }
  finalEnd = summary;
  if (!interrupted && !config.dryRun) {
    const shard = config.shard;
    try {
      environmentGuard('write the durations file', '--durations-file PATH', () =>
        shard === undefined ? durations.save(pipeline.failedIds, config.cwd) : durations.saveShard(pipeline.failedIds, shard));
    } catch (error) {
      // A planted or foreign folder is not written through; the run's result stands (a cache, as on load).
      if (!(error instanceof UnsafeDurationsFolderError)) throw error;
      io.stderr.write(`trial-ts: ${error.message}\n`);
    }
  }
  if (fatal !== undefined) throw fatal;
  if (interrupted) return EXIT.interrupted;
  if (summary.tests === 0 && !config.allowEmpty) {
    io.stderr.write('trial-ts: no tests were selected, so nothing was checked (exit 5); pass --allow-empty if that is expected.\n');
  }
  return exitCodeOf(summary, config.allowEmpty);
}
