/**
 * Tests for src/runner/loader/compileCache.ts: the compile cache stays off for coverage,
 * and otherwise is on where Node has it (Node 22.1+), in the folder Node reports.
 */
import Module from 'node:module';
import { SynchronousTestCase } from 'trial-ts';
import { enableCompileCache } from '../../../src/runner/loader/compileCache';

type CacheApi = { enableCompileCache?: unknown; getCompileCacheDir?: () => string | undefined };

export class CompileCacheTests extends SynchronousTestCase {
  /** A thread that collects coverage gets no compile cache from trial-ts. */
  test_offForCoverage(): void {
    this.assertEqual(enableCompileCache(true), null);
  }

  /** Otherwise the answer is the folder Node now uses, or null on a Node without the API. */
  test_onWhereNodeHasIt(): void {
    const api = Module as unknown as CacheApi;
    const folder = enableCompileCache(false);
    if (typeof api.enableCompileCache !== 'function') {
      this.assertEqual(folder, null);
      return;
    }
    this.assertNotEqual(folder, null);
    this.assertEqual(folder, api.getCompileCacheDir?.());
  }
}
