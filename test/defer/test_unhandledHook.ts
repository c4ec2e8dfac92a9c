/**
 * Tests for packages/runtime/src/defer/unhandledHook.ts and the policy of src/defer/unhandled.ts outside
 * the runner: in a plain Node process (started with --expose-gc, so the test can collect
 * garbage when it wants), a failed Deferred nobody handled is reported once when it is
 * garbage-collected, and nothing keeps it, or its error, alive.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { ROOT } from '../support/runCli';

/** The built runtime package, as production code loads it (no runner in the process). */
const RUNTIME_DIST = path.join(ROOT, 'packages', 'runtime', 'dist');

/** The prologue of every script: the built runtime, and a way to collect until reports arrive. */
const PROLOGUE = `
const lib = require(${JSON.stringify(path.join(RUNTIME_DIST, 'index.js'))});
const { unhandledCount } = require(${JSON.stringify(path.join(RUNTIME_DIST, 'internal.js'))});
// Finalization callbacks run in a later task than the collection: collect, then yield.
async function collect(times = 5) {
  for (let i = 0; i < times; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
`;

/** What a script printed on stdout (one JSON value) and stderr. */
interface ScriptRun {
  out: Record<string, unknown>;
  stderr: string;
}

function runScript(body: string): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const script = `${PROLOGUE}(async () => {${body}})().catch((e) => { process.exitCode = 9; console.error(e); });`;
    execFile(process.execPath, ['--expose-gc', '-e', script], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`script failed: ${error.message}\n${stderr}`));
      else resolve({ out: JSON.parse(stdout) as Record<string, unknown>, stderr });
    });
  });
}

/** Tests of unhandled Deferred failures in an application (no runner). */
export class UnhandledHookTests extends TestCase {
  /** An abandoned failed Deferred is reported once, at collection, through the hook, and neither it nor its error stays alive. */
  async test_abandonedFailureReportedAfterGc(): Promise<void> {
    const { out } = await runScript(`
      const texts = [];
      lib.setUnhandledErrorHook((report) => texts.push(report.text.split('\\n').slice(0, 2).join('|')));
      let deferredRef, errorRef;
      (() => {
        const error = new RangeError('abandoned');
        const d = new lib.Deferred();
        d.errback(error);
        deferredRef = new WeakRef(d);
        errorRef = new WeakRef(error);
      })();
      const beforeGc = texts.length;
      const registered = unhandledCount();
      await collect();
      console.log(JSON.stringify({ beforeGc, registered, texts, deferredGone: deferredRef.deref() === undefined, errorGone: errorRef.deref() === undefined }));
    `);
    this.assertEqual(out, {
      beforeGc: 0,
      registered: 0,
      texts: ['Unhandled error in Deferred:|RangeError: abandoned'],
      deferredGone: true,
      errorGone: true,
    });
  }

  /** A failure handled before the Deferred is collected (errback, a promise of it, succeeded) is never reported. */
  async test_handledFailuresNotReported(): Promise<void> {
    const { out } = await runScript(`
      const texts = [];
      lib.setUnhandledErrorHook((report) => texts.push(report.text));
      (() => {
        const late = lib.fail(new Error('handled later'));
        late.addErrback(() => null);
        lib.fail(new Error('awaited')).then(undefined, () => null);
        lib.succeed(1);
      })();
      await collect();
      console.log(JSON.stringify({ texts }));
    `);
    this.assertEqual(out, { texts: [] });
  }

  /** Many abandoned failures are each reported and none is retained: the thread keeps no registry of them. */
  async test_manyAbandonedNothingRetained(): Promise<void> {
    const { out } = await runScript(`
      let reported = 0;
      lib.setUnhandledErrorHook(() => { reported += 1; });
      const refs = [];
      for (let i = 0; i < 2000; i++) refs.push(new WeakRef(lib.fail(new Error('lost ' + i))));
      const registered = unhandledCount();
      await collect(10);
      console.log(JSON.stringify({ registered, reported, alive: refs.filter((r) => r.deref() !== undefined).length }));
    `);
    this.assertEqual(out, { registered: 0, reported: 2000, alive: 0 });
  }

  /** With no hook set, the report goes to stderr, once. */
  async test_defaultHookPrintsToStderrOnce(): Promise<void> {
    const { out, stderr } = await runScript(`
      (() => { lib.fail(new TypeError('nobody listened')); })();
      await collect();
      await collect();
      console.log(JSON.stringify({}));
    `);
    this.assertEqual(out, {});
    this.assertEqual(stderr.split('\n').filter((line) => !line.startsWith('    at ')), ['Unhandled error in Deferred:', 'TypeError: nobody listened', '']);
  }

  /** setUnhandledErrorHook returns the previous hook, and null restores the default. */
  async test_setHookReturnsPrevious(): Promise<void> {
    const { out } = await runScript(`
      const mine = () => {};
      const first = lib.setUnhandledErrorHook(mine);
      const second = lib.setUnhandledErrorHook(null);
      const third = lib.setUnhandledErrorHook(null);
      console.log(JSON.stringify({ sameDefault: first === third, mineReturned: second === mine, defaultIsFunction: typeof first === 'function' }));
    `);
    this.assertEqual(out, { sameDefault: true, mineReturned: true, defaultIsFunction: true });
  }
}
