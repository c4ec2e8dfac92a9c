/**
 * Tests for src/workers/workerBoot.ts: loading it (as a worker's first module does) turns
 * the compile cache on in the loader's cache folder on a Node that has one, and leaves
 * it off when the run collects coverage.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';

const BOOT = path.resolve(__dirname, '..', '..', 'dist', 'workers', 'workerBoot.js');
const SCRIPT = `require(${JSON.stringify(BOOT)}); process.stdout.write(String(require('node:module').getCompileCacheDir?.() ?? 'none'));`;
const HAS_COMPILE_CACHE = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

export class WorkerBootTests extends SynchronousTestCase {
  #compileCacheDir(extraEnv: Record<string, string>): string {
    const cacheDir = this.mktemp();
    const env: NodeJS.ProcessEnv = { ...process.env, TRIAL_TS_CACHE_DIR: cacheDir, ...extraEnv };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    if (extraEnv.TRIAL_TS_COVERAGE_TEMP === undefined) delete env.TRIAL_TS_COVERAGE_TEMP;
    const result = spawnSync(process.execPath, ['-e', SCRIPT], { env, encoding: 'utf8' });
    this.assertEqual(result.status, 0, result.stderr);
    return result.stdout.replace(cacheDir, '<cache>');
  }

  /** The compile cache is on, in <cache>/compile (Node adds a folder per version), where Node has one. */
  test_turnsCompileCacheOn(): void {
    const dir = this.#compileCacheDir({});
    if (!HAS_COMPILE_CACHE) {
      this.assertEqual(dir, 'none');
      return;
    }
    const expected = path.join('<cache>', 'compile');
    this.assertTrue(dir === expected || dir.startsWith(expected + path.sep), dir);
  }

  /** With the run's coverage folder in the environment it stays off. */
  test_offWhenCollectingCoverage(): void {
    this.assertEqual(this.#compileCacheDir({ TRIAL_TS_COVERAGE_TEMP: this.mktemp() }), 'none');
  }
}
