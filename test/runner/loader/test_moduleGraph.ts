/**
 * Tests for src/runner/loader/moduleGraph.ts: the local files a loaded test file depends
 * on, through require() (CommonJS TypeScript) and import (ES-module TypeScript), directly
 * and transitively, without node_modules and without the other test files the loader
 * loaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { dependenciesOf, localImport, recordImport } from '../../../src/runner/loader/moduleGraph';
import { importTestFile } from '../../../src/runner/loader/registerTypeScript';
import { RUNTIME_ROOT } from '../../../src/runner/stack';

export class ModuleGraphTests extends TestCase {
  #dir = '';

  #write(relative: string, text: string): string {
    const file = path.join(this.#dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  override setUp(): void {
    this.#dir = this.mktemp();
    this.#write('package.json', '{}');
    this.#write('node_modules/dep/index.js', 'exports.dep = 1;\n');
    this.#write('src/leaf.ts', 'export const leaf = 1;\n');
    this.#write('src/middle.ts', "import { leaf } from './leaf';\nimport { dep } from 'dep';\nexport const middle = leaf + dep;\n");
    this.#write('src/esmLeaf.mts', 'export const esmLeaf = 2;\n');
    this.#write('src/esmMiddle.mts', "import { esmLeaf } from './esmLeaf.mjs';\nexport const esmMiddle = esmLeaf;\n");
  }

  /** require(): direct and transitive local files, not node_modules. */
  async test_commonJsTransitive(): Promise<void> {
    const test = this.#write('test_cjs.ts', "import { middle } from './src/middle';\nexport const value = middle;\n");
    await importTestFile(test);
    this.assertEqual(dependenciesOf(test), [path.join(this.#dir, 'src/leaf.ts'), path.join(this.#dir, 'src/middle.ts')]);
  }

  /** import: the edges the resolve hook reported, transitively. */
  async test_esModuleTransitive(): Promise<void> {
    const test = this.#write('test_esm.mts', "import { esmMiddle } from './src/esmMiddle.mjs';\nexport const value = esmMiddle;\n");
    await importTestFile(test);
    this.assertEqual(dependenciesOf(test), [path.join(this.#dir, 'src/esmLeaf.mts'), path.join(this.#dir, 'src/esmMiddle.mts')]);
  }

  /** A cached module is still a dependency of the second test file that requires it. */
  async test_cachedModuleCounted(): Promise<void> {
    const first = this.#write('test_one.ts', "import { leaf } from './src/leaf';\nexport const value = leaf;\n");
    const second = this.#write('test_two.ts', "import { leaf } from './src/leaf';\nexport const value = leaf;\n");
    await importTestFile(first);
    await importTestFile(second);
    this.assertEqual(dependenciesOf(second), [path.join(this.#dir, 'src/leaf.ts')]);
  }

  /** The runtime package (linked, so outside node_modules) is library code: neither it nor its modules are listed. */
  async test_libraryPackagesLeftOut(): Promise<void> {
    const runtime = path.join(RUNTIME_ROOT, 'dist', 'index.js');
    const test = this.#write('test_lib.ts', `import { leaf } from './src/leaf';\nimport { Deferred } from ${JSON.stringify(runtime)};\nexport const value = [leaf, Deferred];\n`);
    await importTestFile(test);
    this.assertEqual(dependenciesOf(test), [path.join(this.#dir, 'src/leaf.ts')]);
  }

  /** Edges into node_modules, from built-ins and between non-files are not recorded. */
  test_nonLocalEdgesIgnored(): void {
    const from = path.join(this.#dir, 'lonely.ts');
    recordImport(`file://${from}`, `file://${path.join(this.#dir, 'node_modules/x/index.js')}`);
    recordImport(`file://${from}`, 'node:fs');
    recordImport('data:text/javascript,1', `file://${from}`);
    this.assertEqual(dependenciesOf(from), []);
  }

  /** The edge kept (what the Node 20 loader thread posts) is a pair of local paths; package, built-in, runner and self edges are none. */
  test_localImport(): void {
    const from = path.join(this.#dir, 'test_a.ts');
    const to = path.join(this.#dir, 'src/leaf.ts');
    this.assertEqual(localImport(`file://${from}`, `file://${to}`), [from, to]);
    this.assertEqual(localImport(from, to), [from, to]);
    this.assertEqual(localImport(`file://${from}`, `file://${path.join(this.#dir, 'node_modules/dep/index.js')}`), undefined);
    this.assertEqual(localImport(`file://${from}`, 'node:fs'), undefined);
    this.assertEqual(localImport(`file://${from}`, `file://${path.join(RUNTIME_ROOT, 'dist', 'index.js')}`), undefined);
    this.assertEqual(localImport(`file://${from}`, `file://${from}`), undefined);
    this.assertEqual(localImport(undefined, `file://${to}`), undefined);
  }
}
