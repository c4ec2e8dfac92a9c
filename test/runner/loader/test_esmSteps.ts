/**
 * Tests for src/runner/loader/esmSteps.ts: what the ES-module hooks ask Node for — the
 * tsconfig `paths` URL first, the fallbacks after a failure, and compiled source for
 * TypeScript (ES module or CommonJS by the package type), nothing for other files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SynchronousTestCase } from 'trial-ts';
import { compiledModule, fallbackSpecifiers, mappedUrl } from '../../../src/runner/loader/esmSteps';

export class EsmStepsTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(path.join(this.#root, 'src'), { recursive: true });
    fs.writeFileSync(path.join(this.#root, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@src/*": ["./src/*"] } } }');
    fs.writeFileSync(path.join(this.#root, 'package.json'), '{ "type": "module", "imports": { "#src/*": "./src/*" } }');
    fs.writeFileSync(path.join(this.#root, 'src', 'a.ts'), 'export const a: number = 1;\n');
  }

  #url(relative: string): string {
    return pathToFileURL(path.join(this.#root, relative)).href;
  }

  /** A paths alias becomes the URL of the TypeScript file; other specifiers are left to Node. */
  test_mappedUrl(): void {
    this.assertEqual(mappedUrl('@src/a.js', this.#url('test/t.ts')), this.#url('src/a.ts'));
    this.assertEqual(mappedUrl('./a.js', this.#url('test/t.ts')), undefined);
    this.assertEqual(mappedUrl('@src/a.js', undefined), undefined);
  }

  /** After a failure: a package import's TypeScript file, or a relative name's .ts twins. */
  test_fallbacks(): void {
    this.assertEqual(fallbackSpecifiers('#src/a.js', this.#url('test/t.ts')), [this.#url('src/a.ts')]);
    this.assertEqual(fallbackSpecifiers('../src/a.js', this.#url('test/t.ts')), ['../src/a.ts', '../src/a.tsx']);
    this.assertEqual(fallbackSpecifiers('lodash', this.#url('test/t.ts')), []);
  }

  /** TypeScript compiles to the package's format; JavaScript and non-file URLs are Node's. */
  test_compiledModule(): void {
    const compiled = compiledModule(this.#url('src/a.ts'));
    this.assertEqual(compiled?.format, 'module');
    this.assertSubstring('export const a = 1', compiled?.source ?? '');
    this.assertEqual(compiledModule(this.#url('src/a.js')), undefined);
    this.assertEqual(compiledModule('node:fs'), undefined);
    fs.writeFileSync(path.join(this.#root, 'src', 'b.cts'), 'export const b = 2;\n');
    this.assertEqual(compiledModule(this.#url('src/b.cts'))?.format, 'commonjs');
  }
}
