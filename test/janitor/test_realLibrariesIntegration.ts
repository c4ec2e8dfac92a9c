/**
 * End to end over the real-library corpus (issue #10): pg on the PostgreSQL sidecar,
 * fastify, express with fetch, ws, child processes, fs.watch, aborted timers, worker
 * threads, keep-alive agents. Every correct cleanup, repeated under `-j 2`, is clean;
 * every forgotten cleanup is one [ERROR] of its own test naming the user's line (then
 * the library frame), with nothing else reported, and the test after it passes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { LeakReport, RunnerEvent, SerializedError, TestEndEvent } from '../../src/runner/events';
import { postgresMissing } from '../sidecar/sidecarTestSupport';
import { FIXTURES, runCli, type CliResult } from '../support/runCli';

/** pg reaches the PostgreSQL sidecar through its Unix socket (the default listen mode). */
const PG_SOCKET = 'PIPEWRAP';

interface CorpusRun {
  result: CliResult;
  /** test:end by `Class.method`. */
  ends: Map<string, TestEndEvent>;
  lateErrors: number;
  junit: string;
}

async function runCorpus(base: string, fixture: string, env: Record<string, string> = {}): Promise<CorpusRun> {
  fs.mkdirSync(base, { recursive: true });
  const events = path.join(base, 'events.jsonl');
  const junit = path.join(base, 'junit.xml');
  const result = await runCli(
    ['-j', '2', '--temp-directory', path.join(base, 'trial'), '--reporter', `json:${events}`, '--reporter', `junit:${junit}`, '--reporter', 'dots'],
    { cwd: path.join(FIXTURES, fixture), env, timeoutMs: 180_000 },
  );
  const ends = new Map<string, TestEndEvent>();
  let lateErrors = 0;
  const lines = fs.existsSync(events) ? fs.readFileSync(events, 'utf8').split('\n').filter(Boolean) : [];
  for (const event of lines.map((line) => JSON.parse(line) as RunnerEvent)) {
    if (event.type === 'test:end') ends.set(`${event.test.className}.${event.test.methodName}`, event);
    if (event.type === 'test:lateError') lateErrors++;
  }
  return { result, ends, lateErrors, junit: fs.existsSync(junit) ? fs.readFileSync(junit, 'utf8') : '' };
}

/** The 1-based line of the first line of `file` (in fixtures/forgottenCleanups/test) containing `snippet`. */
function lineOf(file: string, snippet: string): number {
  const lines = fs.readFileSync(path.join(FIXTURES, 'forgottenCleanups', 'test', file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(snippet));
  if (index === -1) throw new Error(`${snippet} not found in ${file}`);
  return index + 1;
}

export class RealLibrariesIntegrationTests extends TestCase {
  static timeout = 300;

  /** The forgotten-cleanup corpus, run once for the class (its tests read one run). */
  static forgotten: CorpusRun | undefined;
  static base = '';

  static async setUpClass(): Promise<void> {
    if (postgresMissing()) return;
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-corpus-'));
    this.forgotten = await runCorpus(path.join(this.base, 'forgotten'), 'forgottenCleanups');
  }

  static tearDownClass(): void {
    if (this.base !== '') fs.rmSync(this.base, { recursive: true, force: true });
  }

  override setUp(): void {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
  }

  #runForgotten(): CorpusRun {
    return RealLibrariesIntegrationTests.forgotten!;
  }

  /** The one error of `key`, which must be a DirtyReactorAggregateError; its leaks. */
  #onlyLeakError(run: CorpusRun, key: string): LeakReport[] {
    const end = run.ends.get(key);
    this.assertEqual(end?.outcome, 'error', `${key}: ${JSON.stringify(end)}`);
    this.assertEqual(end!.errors.map((e: SerializedError) => e.name), ['DirtyReactorAggregateError'], `${key}: ${JSON.stringify(end!.errors)}`);
    return end!.errors[0].leaks ?? [];
  }

  /** Every correct cleanup of the corpus, many times each under -j 2: zero errors, zero late errors. */
  async test_correctCleanupsAreClean(): Promise<void> {
    const run = await runCorpus(this.mktemp(), 'realLibraryCleanups');
    const output = `${run.result.stdout}${run.result.stderr}`;
    const bad = [...run.ends.values()].filter((end) => end.outcome !== 'success');
    this.assertEqual(bad.map((end) => `${end.test.id}: ${end.errors.map((e) => e.message).join('; ')}`), [], output);
    this.assertEqual(run.lateErrors, 0, output);
    // An unreferenced leftover is a warning; on correct code that is a false alarm too.
    const warned = [...run.ends.values()].filter((end) => (end.warnings ?? []).length > 0);
    this.assertEqual(warned.map((end) => `${end.test.id}: ${end.warnings!.join('; ')}`), [], output);
    this.assertTrue(run.ends.size >= 170, `only ${run.ends.size} tests ran:\n${output}`);
    this.assertEqual(run.result.code, 0, output);
    for (const key of ['HttpCleanupTests.test_fastifyDateHeaderStaysFresh', 'DateCacheTests.test_2_dateHeaderStaysFresh', 'SuiteServerFetchTests.test_globalFetch_2']) {
      this.assertEqual(run.ends.get(key)?.outcome, 'success', key);
    }
  }

  /** Each forgotten cleanup is one leak error naming the user's line, then the library frame. */
  async test_forgottenCleanupsNameTheUsersLine(): Promise<void> {
    const run = this.#runForgotten();
    const cases: Array<[string, string, string, string, RegExp | null]> = [
      ['ForgottenPoolTests.test_1_poolNotEnded', 'test_forgottenPg.ts', "pool.query('SELECT 1", PG_SOCKET, /^node_modules\/pg\/lib\/connection\.js$/],
      ['ForgottenClientTests.test_1_clientNotEnded', 'test_forgottenPg.ts', 'await client.connect(); // forgotten', PG_SOCKET, /^node_modules\/pg\//],
      ['ForgottenFastifyTests.test_1_notClosed', 'test_forgottenHttp.ts', 'await app.listen', 'TCPSERVERWRAP', /^node_modules\/fastify\//],
      ['ForgottenExpressTests.test_1_notClosed', 'test_forgottenHttp.ts', "server.listen(0, '127.0.0.1', resolve)); // forgotten", 'TCPSERVERWRAP', null],
      ['ForgottenWsTests.test_1_notClosed', 'test_forgottenHttp.ts', 'new WebSocketServer', 'TCPSERVERWRAP', /^node_modules\/ws\//],
      ['ForgottenWsTests.test_1_notClosed', 'test_forgottenHttp.ts', 'new WebSocket(', 'TCPWRAP', /^node_modules\/ws\//],
      ['ForgottenProcessTests.test_1_childNotKilled', 'test_forgottenProcess.ts', "spawn('sleep'", 'PROCESSWRAP', null],
      ['ForgottenProcessTests.test_2_watcherNotClosed', 'test_forgottenProcess.ts', 'fs.watch(dir)', 'FSEVENTWRAP', null],
      ['ForgottenProcessTests.test_3_sleepNotAborted', 'test_forgottenProcess.ts', 'void sleep(30_000)', 'Timeout', null],
      ['ForgottenProcessTests.test_4_workerNotTerminated', 'test_forgottenProcess.ts', 'new Worker(', 'WORKER', null],
    ];
    for (const [key, file, snippet, type, library] of cases) {
      const leak = this.#onlyLeakError(run, key).find((l) => l.resourceType === type && l.createdAt?.line === lineOf(file, snippet));
      this.assertTrue(leak !== undefined, `${key}: no ${type} at ${file}:${lineOf(file, snippet)} in ${JSON.stringify(run.ends.get(key)?.errors[0].leaks)}`);
      this.assertEqual(leak!.createdAt!.file, `test/${file}`);
      if (library !== null) this.assertTrue(library.test(leak!.libraryFrame?.file ?? ''), `${key}: library frame ${JSON.stringify(leak!.libraryFrame)}`);
      this.assertTrue((leak!.stack ?? []).some((frame) => frame.includes(`test/${file}:${lineOf(file, snippet)}:`)), `${key}: stack ${JSON.stringify(leak!.stack)}`);
    }
  }

  /** The test after each forgotten cleanup passes, and the janitor's closing raises nothing of its own. */
  async test_forgottenCleanupsLeaveTheNextTestAlone(): Promise<void> {
    const run = this.#runForgotten();
    for (const key of ['ForgottenPoolTests.test_2_next', 'ForgottenClientTests.test_2_next', 'ForgottenFastifyTests.test_2_next', 'ForgottenExpressTests.test_2_next', 'ForgottenWsTests.test_2_next', 'ForgottenProcessTests.test_5_next', 'ManyLeaksTests.test_2_next']) {
      this.assertEqual(run.ends.get(key)?.outcome, 'success', `${key}: ${JSON.stringify(run.ends.get(key)?.errors)}`);
    }
    this.assertEqual(run.lateErrors, 0, `${run.result.stdout}${run.result.stderr}`);
    this.assertNotSubstring('Connection terminated', `${run.result.stdout}${run.result.stderr}${run.junit}`);
  }

  /** A pool made in setUpClass without suiteScoped: each test that connects is charged its own socket with the suiteScoped hint, and its query still works. */
  async test_setUpClassPoolIsChargedWithTheHint(): Promise<void> {
    const run = this.#runForgotten();
    for (const key of ['SetUpClassPoolTests.test_1_lazyConnect', 'SetUpClassPoolTests.test_2_sameSuitePool']) {
      const socket = this.#onlyLeakError(run, key).find((l) => l.resourceType === PG_SOCKET);
      this.assertSubstring('suiteScoped', socket?.hint ?? '', key);
    }
  }

  /** 300 intervals and 100 sockets made at two lines are one short report with counts. */
  async test_hundredsOfLeaksAreOneReadableReport(): Promise<void> {
    const run = this.#runForgotten();
    const leaks = this.#onlyLeakError(run, 'ManyLeaksTests.test_1_hundredsOfHandles');
    this.assertTrue(leaks.length <= 5, JSON.stringify(leaks));
    this.assertEqual(leaks.find((l) => l.resourceType === 'Timeout')?.count, 300);
    this.assertEqual(leaks.find((l) => l.resourceType === 'TCPWRAP')?.count, 100);
    this.assertSubstring('300 x a 60 s interval', run.result.stdout);
  }

  /** JUnit carries each leak's filtered creation stack: the library frame and the user's line. */
  async test_junitCarriesTheStack(): Promise<void> {
    const run = this.#runForgotten();
    this.assertSubstring('at Connection.connect (node_modules/pg/lib/connection.js:', run.junit);
    this.assertSubstring(`test/test_forgottenPg.ts:${lineOf('test_forgottenPg.ts', "pool.query('SELECT 1")}:`, run.junit);
  }
}
