/**
 * Tests for src/runner/loader/cacheFolder.ts: TRIAL_TS_CACHE_DIR names the transform
 * folder and holds the other kinds in subfolders; by default every kind is a subfolder
 * of node_modules/.cache/trial-ts in a project that has node_modules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { cacheFolder } from '../../../src/runner/loader/cacheFolder';

export class CacheFolderTests extends SynchronousTestCase {
  #withCacheDir(value: string | undefined): void {
    const previous = process.env.TRIAL_TS_CACHE_DIR;
    if (value === undefined) delete process.env.TRIAL_TS_CACHE_DIR;
    else process.env.TRIAL_TS_CACHE_DIR = value;
    this.addCleanup(() => {
      if (previous === undefined) delete process.env.TRIAL_TS_CACHE_DIR;
      else process.env.TRIAL_TS_CACHE_DIR = previous;
    });
  }

  /** With TRIAL_TS_CACHE_DIR, transform is that folder and the others are inside it. */
  test_fromEnvironment(): void {
    const dir = this.mktemp();
    this.#withCacheDir(dir);
    this.assertEqual([cacheFolder('transform'), cacheFolder('compile'), cacheFolder('tsconfig')], [dir, path.join(dir, 'compile'), path.join(dir, 'tsconfig')]);
  }

  /** By default each kind is a subfolder of the project's node_modules/.cache/trial-ts, made safe. */
  test_defaultUnderNodeModules(): void {
    this.#withCacheDir(undefined);
    this.assertTrue(fs.existsSync(path.join(process.cwd(), 'node_modules')));
    const root = path.join(process.cwd(), 'node_modules', '.cache', 'trial-ts');
    this.assertEqual(cacheFolder('tsconfig'), path.join(root, 'tsconfig'));
    this.assertEqual(cacheFolder('compile'), path.join(root, 'compile'));
    this.assertTrue(fs.lstatSync(root).isDirectory());
  }
}
