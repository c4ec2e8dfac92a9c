/**
 * Tests for src/runner/loader/packageImports.ts: package.json `imports` resolved as Node
 * resolves them — exact keys, the longest `*` pattern, conditions in key order, arrays —
 * from the importer's nearest package.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { resolvePackageImport } from '../../../src/runner/loader/packageImports';

const IMPORTS = {
  '#config': './src/config.js',
  '#lib/*': './src/lib/*',
  '#lib/special/*': './src/special/*.js',
  '#env': { types: './types/env.d.ts', import: './src/env.mjs', require: './src/env.cjs', default: './src/env.js' },
  '#list': [{ worker: './src/worker.js' }, './src/fallback.js'],
  '#dep': 'some-package',
};

export class ResolvePackageImportTests extends SynchronousTestCase {
  #root = '';
  #parent = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(path.join(this.#root, 'test', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(this.#root, 'package.json'), JSON.stringify({ name: 'p', imports: IMPORTS }));
    this.#parent = path.join(this.#root, 'test', 'deep', 'test_a.ts');
  }

  #resolve(specifier: string, conditions: readonly string[] = ['node', 'import']): string | undefined {
    const resolved = resolvePackageImport(specifier, this.#parent, conditions);
    return resolved === undefined ? undefined : path.relative(this.#root, resolved);
  }

  /** An exact key maps to its target, relative to the package.json. */
  test_exactKey(): void {
    this.assertEqual(this.#resolve('#config'), path.join('src', 'config.js'));
  }

  /** A pattern substitutes what `*` matched; the longest matching prefix wins. */
  test_patterns(): void {
    this.assertEqual(this.#resolve('#lib/util.js'), path.join('src', 'lib', 'util.js'));
    this.assertEqual(this.#resolve('#lib/special/x'), path.join('src', 'special', 'x.js'));
  }

  /** Conditions are tried in the object's key order; `default` always matches. */
  test_conditions(): void {
    this.assertEqual(this.#resolve('#env'), path.join('src', 'env.mjs'));
    this.assertEqual(this.#resolve('#env', ['node', 'require']), path.join('src', 'env.cjs'));
    this.assertEqual(this.#resolve('#env', ['node']), path.join('src', 'env.js'));
  }

  /** An array falls back to the first entry that resolves. */
  test_arrayFallback(): void {
    this.assertEqual(this.#resolve('#list'), path.join('src', 'fallback.js'));
    this.assertEqual(this.#resolve('#list', ['worker']), path.join('src', 'worker.js'));
  }

  /** A target naming a package, an unknown key, or no package.json give undefined. */
  test_nothingToMap(): void {
    this.assertEqual(this.#resolve('#dep'), undefined);
    this.assertEqual(this.#resolve('#nope'), undefined);
    this.assertEqual(resolvePackageImport('#config', path.join(path.parse(this.#root).root, 'no-such-dir', 'a.ts'), ['node']), undefined);
  }

  /** A broken package.json maps nothing rather than throwing (Node reports it itself). */
  test_brokenManifest(): void {
    fs.writeFileSync(path.join(this.#root, 'package.json'), '{ not json');
    this.assertEqual(this.#resolve('#config'), undefined);
  }
}
