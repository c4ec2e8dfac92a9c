/**
 * STYLE.md R20: `src/<area>/<name>.ts` is tested by `test/<area>/test_<name>.ts` (a file in
 * a subfolder, `src/<area>/<sub>/<name>.ts`, by `test/<area>/<sub>/test_<name>.ts` or
 * `test/<area>/test_<name>.ts`). The runtime package's sources,
 * `packages/runtime/src/<area>/<name>.ts`, are tested the same way in this repository's
 * test/ (their tests need the runner, which depends on the runtime); they are named
 * `@trial-ts/runtime/<area>/<name>.ts` here. This lists the source files that have no such test and
 * no entry in {@link EXCEPTIONS}; test/test_testMirror.ts fails when there are any.
 *
 * `npm test` runs the check through test/test_testMirror.ts. To run it alone (it is
 * TypeScript): `node -e "require('./dist/runner/loader/registerTypeScript.js').registerTypeScript();
 * process.exitCode = require('./scripts/checkTestMirror.ts').main()"`.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Marks a reason that admits a gap: test/test_testMirror.ts lists these as debt. */
export const NO_TEST_YET = 'NO TEST YET';

/** Files with no mirror test of their own, and where they are tested instead. */
export const EXCEPTIONS: Readonly<Record<string, string>> = {
  // The command line: exercised end to end through bin/trial-ts.js.
  'cli/userConfig.ts': 'the config file’s type and defineConfig: test/cli/test_config.ts',
  'cli/main.ts': 'composition root; every exit code and usage error in test/cli/test_cliIntegration.ts',
  'cli/session.ts': 'one run, start to end: test/cli/test_cliIntegration.ts, test/runner/test_runnerIntegration.ts, test/workers/test_parallelIntegration.ts',
  'cli/runResources.ts': 'the open-resources stage: every end-to-end run; the temp dir, reporters and closing order in test/cli/test_cliIntegration.ts and test/cli/test_runEndIntegration.ts',
  'cli/executePlan.ts': 'the execute stage: in-process, -j N and -u runs in test/cli/test_cliIntegration.ts, test/cli/test_runnerFlagsIntegration.ts, test/workers/test_parallelIntegration.ts',
  'cli/finishRun.ts': 'the finish stage: exit codes and the durations file in test/cli/test_cliIntegration.ts, test/cli/test_lastFailedIntegration.ts, test/cli/test_shardLoopIntegration.ts',
  'cli/workerPool.ts': 'the pool of one executed plan: test/workers/test_parallelIntegration.ts, test/cli/test_poolStartFailureIntegration.ts',
  'cli/workerConfig.ts': 'the worker config every runner thread gets: test/cli/test_runnerFlagsIntegration.ts (each flag reaches the tests)',
  'cli/inProcessRunner.ts': 'the in-process runner: --in-process, -n and listing for --shard in test/cli/test_cliIntegration.ts, test/cli/test_selectionIntegration.ts',
  'cli/interruptSignals.ts': 'Ctrl-C, SIGTERM, SIGHUP: test/cli/test_interruptIntegration.ts, test/cli/test_interruptChildIntegration.ts',
  'cli/sessionBroker.ts': 'a sidecar that cannot start ends the run: test/sidecar/test_sidecarCli.ts; server logs and crash charging in test/sidecar/test_sidecarRunnerIntegration.ts',
  'cli/watchSession.ts': 'watch mode over the run’s stages: end to end in test/watch/test_watchTerminalIntegration.ts and test/watch/test_watchPipeIntegration.ts',
  'cli/changedRun.ts': '--changed in the plan stage: end to end in test/watch/test_changedIntegration.ts',
  'cli/openRunReporters.ts': 'the default tree and github-under-Actions reporters: test/reporters/test_reportersIntegration.ts, test/cli/test_cliIntegration.ts',
  'cli/helpReporters.ts': '--help-reporters output: test/cli/test_cliIntegration.ts, test/reporters/test_reportersIntegration.ts',
  'cli/mergeCommand.ts': '`trial-ts merge`: test/reporters/test_reportersIntegration.ts; the merging itself in test/cli/test_merge.ts',
  'cli/messages.ts': 'message table; the sidecar-crash text is asserted in test/sidecar/test_sidecarRunnerIntegration.ts',

  // The error taxonomy.
  'errors/messages.ts': 'message table; the internal-error text is asserted in test/errors/test_errorKinds.ts',

  // The runtime package: Deferreds.
  '@trial-ts/runtime/defer/chain.ts': "Deferred's private engine; tested through the public API in test/defer/test_deferred.ts",
  '@trial-ts/runtime/defer/messages.ts': 'message table; texts asserted where raised: test/defer/test_deferred.ts, test_deferredList.ts, test_errors.ts (not every one)',
  '@trial-ts/runtime/keys.ts': 'the key table: the brands in test/defer/test_brands.ts, the shared registry in test/defer/test_unhandled.ts',
  '@trial-ts/runtime/internal.ts': "named re-exports only: the runner's door into the runtime (its purity in test/test_importBoundaries.ts)",

  // The runtime package: protocols and the real reactor.
  '@trial-ts/runtime/internet/errors.ts': 'error classes: raised and checked in test/internet/test_*.ts and the contracts in test/internet/contracts/',
  '@trial-ts/runtime/internet/messages.ts': 'message table; partly asserted in test/internet/test_clock.ts',
  '@trial-ts/runtime/internet/reactor.ts': 'the real reactor: test/internet/test_reactorIntegration.ts (real timers and TCP)',
  '@trial-ts/runtime/internet/realDelayedCall.ts': "the real reactor's timers: test/internet/test_reactorIntegration.ts (reactor time contract)",
  '@trial-ts/runtime/internet/socketTransport.ts': 'real sockets as transports: test/internet/test_reactorIntegration.ts (wrapSocket, transport contract)',
  '@trial-ts/runtime/internet/tcpPort.ts': 'real listening ports: test/internet/test_reactorIntegration.ts',
  '@trial-ts/runtime/internet/handleDescription.ts': 'names of real handles in leak reports: test/internet/test_reactorIntegration.ts, test/janitor/test_leaksIntegration.ts',

  // Parallel runs: real workers.
  'workers/distRun.ts': '-j N runs: test/workers/test_parallelIntegration.ts, test/cli/test_cliIntegration.ts',
  'workers/processPool.ts': 'child-process workers: test/workers/test_parallelIntegration.ts (--pool processes)',
  'workers/workerEntry.ts': 'the entry of every worker: test/workers/test_parallelIntegration.ts',
  'workers/protocol.ts': 'message shapes between main process and workers: test/workers/test_sidecarRequests.ts, test/workers/test_parallelIntegration.ts',
  'workers/messages.ts': 'message table; the out-of-memory text is asserted in test/workers/test_parallelIntegration.ts (not every one)',

  // The fakes of the internet layer.
  'internet/errors.ts': "the fakes' one error class: PumpLoopError in test/internet/test_iosim.ts",
  'internet/messages.ts': 'message table; partly asserted in test/internet/test_clock.ts',
  'internet/memoryNetwork/fetchResponse.ts': 'the response half of network.fetch (bodies, redirects, decoding): test/internet/memoryNetwork/test_memoryFetch.ts',
  'internet/memoryNetwork/memoryAgent.ts': 'the keep-alive agent under network.fetch and network.agent: test/internet/memoryNetwork/test_memoryFetch.ts, test/internet/memoryNetwork/test_httpContract.ts',

  // Watch mode: the message table and the error class are checked where they are raised.
  'watch/messages.ts': 'message table; texts asserted in test/watch/test_watchLoop.ts, test_changedSelection.ts, test_changedFiles.ts and test/cli/test_resolveWatch.ts',
  'watch/restartProcess.ts': 'a config change restarts the process: end to end in test/watch/test_watchPipeIntegration.ts',
  'watch/watchUsageError.ts': 'one error class; raised and checked in test/watch/test_changedFiles.ts and by exit code 2 in test/watch/test_changedIntegration.ts',

  // Coverage: one run's pieces, exercised end to end.
  'coverage/messages.ts': 'message table; texts asserted in test/coverage/test_coverageIntegration.ts and test_resolveCoverage.ts',
  'coverage/coverageErrors.ts': 'two error classes; raised and checked by exit codes 2 and 3 in test/coverage/test_coverageIntegration.ts',
  'coverage/coverageRun.ts': 'one run’s coverage, start to report: test/coverage/test_coverageIntegration.ts (every mode, thresholds, bad folder)',
  'coverage/collector.ts': 'the per-thread inspector session: test/coverage/test_coverageIntegration.ts (in-process, threads, processes) and test_leaks there',

  // Reporters: the format helpers are tested through the reporters that use them.
  'reporters/dots.ts': 'the dots reporter: test/reporters/test_text.ts (text and dots share the char line)',
  'reporters/format/charLine.ts': 'through test/reporters/test_text.ts',
  'reporters/format/closingLines.ts': 'the summary lines of every human reporter: test/reporters/test_tree.ts, test_text.ts, test_verbose.ts',
  'reporters/format/durationsList.ts': '--durations: test/reporters/test_reportersIntegration.ts, test/reporters/test_tree.ts',
  'reporters/format/githubCommands.ts': 'through test/reporters/test_github.ts',
  'reporters/format/humanReporter.ts': 'shared by the human reporters: test/reporters/test_tree.ts, test_text.ts, test_verbose.ts',
  'reporters/format/markers.ts': 'the [OK]/[FAIL] markers: test/reporters/test_tree.ts',
  'reporters/format/problems.ts': "the summary's problem groups: test/reporters/test_tree.ts, test_text.ts, test_verbose.ts",
  'reporters/format/runLines.ts': 'seed, workers, crashes and sidecar lines: test/reporters/test_tree.ts, test_verbose.ts',
  'reporters/format/subunitPacket.ts': 'through test/reporters/test_subunit.ts (read back by the real subunit tools)',
  'reporters/format/summaryCollector.ts': 'through the human reporters: test/reporters/test_tree.ts, test_text.ts, test_verbose.ts',
  'reporters/format/treeLayout.ts': 'through test/reporters/test_tree.ts',
  'reporters/format/xml.ts': 'through test/reporters/test_junit.ts (validated against junit.xsd)',
  'reporters/format/yaml.ts': 'through test/reporters/test_tap.ts (read back by tap-parser)',
  'reporters/registry.ts': 'the reporter table: test/reporters/test_reporterSpec.ts, --help-reporters in test/cli/test_cliIntegration.ts',
  'reporters/messages.ts': 'message table; asserted in test/reporters/test_reporterSpec.ts and test_reportersIntegration.ts',

  // Running tests in a thread: the runner running this very suite, and the fixtures.
  'runner/events.ts': 'the event protocol: types and PROTOCOL_VERSION; every reporter test and test/runner/test_summary.ts build events',
  'runner/messages.ts': 'message table; the unclean-reactor texts are asserted in test/janitor/test_messages.ts, test_dirtyReactorError.ts and the reporter tests',
  'runner/workerState.ts': 'per-thread state: test/runner/test_runnerIntegration.ts, test/workers/test_parallelIntegration.ts',
  'runner/outputCapture.ts': "a test's output in its result: test/runner/test_runnerIntegration.ts, test/cli/test_cliIntegration.ts",
  'runner/loader/cjsHook.ts': 'loads every .ts/.cts test of this suite; fixtures/moduleFormats in test/runner/test_runnerIntegration.ts',
  'runner/loader/esmHooks.mts': 'ES-module TypeScript: fixtures/moduleFormats (test_esm.mts) in test/runner/test_runnerIntegration.ts',
  'runner/loader/registerTypeScript.ts': 'loads every test file: fixtures/moduleFormats in test/runner/test_runnerIntegration.ts; config files in test/cli/test_config.ts',

  // Sidecars: real servers and processes.
  'sidecar/postgresServer.ts': 'a real server: test/sidecar/test_postgresIntegration.ts (skipped without PostgreSQL)',
  'sidecar/adminConnection.ts': 'creating and dropping databases: test/sidecar/test_postgresIntegration.ts (skipped without PostgreSQL)',
  'sidecar/postgres.ts': 'postgres(): options in test/sidecar/test_postgresOptions.ts, starting it in test/sidecar/test_postgresIntegration.ts',
  'sidecar/startedPostgres.ts': 'the running server, template and clones: test/sidecar/test_postgresIntegration.ts (skipped without PostgreSQL)',
  'sidecar/processSidecar.ts': 'processSidecar(): test/sidecar/test_processSidecarIntegration.ts',
  'sidecar/startedProcess.ts': 'a started process sidecar (placeholders, readiness, stop): test/sidecar/test_processSidecarIntegration.ts',
  'sidecar/managedProcess.ts': 'spawning and stopping real processes: test/sidecar/test_processSidecarIntegration.ts',
  'sidecar/waitForReady.ts': 'readiness signals: test/sidecar/test_processSidecarIntegration.ts',
  'sidecar/transactionIsolation.ts': 'BEGIN … ROLLBACK around tests: test/sidecar/test_postgresIntegration.ts, test/sidecar/test_sidecarCli.ts',
  'sidecar/sidecarErrors.ts': 'error classes: test/sidecar/test_sidecarRegistry.ts, test_sidecarBroker.ts, test_postgresOptions.ts',

  // Writing tests.
  'unittest/testCase.ts': 'TestCase is the base class of every async test of this suite; test/unittest/test_synchronousTestCase.ts checks its flag',
  'unittest/failAssertion.ts': 'stacks of assertion failures start in the test: test/unittest/test_assertions.ts',
  'unittest/fakeTimers.ts': 'installFakeTimers: tested beside the clock, in test/internet/test_fakeTimers.ts',
  'unittest/logError.ts': 'logError charged to its test: test/runner/test_runnerIntegration.ts (fixtures/loggedErrors)',
};

/** Why a file needs no test of its own by its kind, or undefined. */
export function exceptionByKind(file: string): string | undefined {
  const name = path.posix.basename(file);
  if (name === 'index.ts') return 'named re-exports only';
  if (name === 'interfaces.ts') return 'types only (R1)';
  return undefined;
}

/** Every .ts/.mts/.cts file under `src`, relative to it with `/` separators, sorted. */
export function sourceFiles(srcDir: string): string[] {
  return (fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => /\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
}

/** How the runtime package's sources are named among trial-ts's (see the header). */
export const RUNTIME_PREFIX = '@trial-ts/runtime/';

/** Where a source file named as in this check lives, relative to the project folder. */
export function sourcePath(file: string): string {
  return file.startsWith(RUNTIME_PREFIX) ? `packages/runtime/src/${file.slice(RUNTIME_PREFIX.length)}` : `src/${file}`;
}

/** The test files that count as the mirror of `file` (relative to src/, or named with {@link RUNTIME_PREFIX}). */
export function mirrorCandidates(named: string): string[] {
  const file = named.startsWith(RUNTIME_PREFIX) ? named.slice(RUNTIME_PREFIX.length) : named;
  const dir = path.posix.dirname(file);
  const test = `test_${path.posix.basename(file).replace(/\.(m|c)?ts$/, '')}.ts`;
  if (dir === '.') return [test];
  const area = dir.split('/')[0];
  return dir === area ? [`${area}/${test}`] : [`${dir}/${test}`, `${area}/${test}`];
}

/** What the check found. */
export interface MirrorReport {
  /** Source files with no mirror test and no exception. */
  missing: string[];
  /** Exceptions for files that now have their own test or no longer exist. */
  stale: string[];
}

/**
 * Compare src/ with test/.
 *
 * @param root - the project folder (holding src/ and test/).
 * @param exceptions - files excused, with why.
 */
export function checkTestMirror(root: string, exceptions: Readonly<Record<string, string>> = EXCEPTIONS): MirrorReport {
  const runtimeSrc = path.join(root, 'packages', 'runtime', 'src');
  const runtimeFiles = fs.existsSync(runtimeSrc) ? sourceFiles(runtimeSrc).map((file) => RUNTIME_PREFIX + file) : [];
  const files = [...sourceFiles(path.join(root, 'src')), ...runtimeFiles];
  const hasTest = (file: string) => mirrorCandidates(file).some((candidate) => fs.existsSync(path.join(root, 'test', candidate)));
  const missing = files.filter((file) => !hasTest(file) && exceptionByKind(file) === undefined && !(file in exceptions));
  const stale = Object.keys(exceptions)
    .filter((file) => !files.includes(file) || hasTest(file))
    .sort();
  return { missing, stale };
}

/**
 * Print the report to stderr.
 *
 * @returns the exit code: 1 when a source file has no test, else 0.
 */
export function main(): number {
  const report = checkTestMirror(path.resolve(__dirname, '..'));
  for (const file of report.missing) process.stderr.write(`${sourcePath(file)} has no test: add test/${mirrorCandidates(file)[0]} or an exception in scripts/checkTestMirror.ts\n`);
  for (const file of report.stale) process.stderr.write(`scripts/checkTestMirror.ts: the exception for ${sourcePath(file)} is stale (it has a test now, or is gone)\n`);
  return report.missing.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
