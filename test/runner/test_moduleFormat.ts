/**
 * Tests for src/runner/loader/moduleFormat.ts: the extension rules, the `type` of the
 * nearest package.json (inherited from ancestors, overridden by a nearer one), and which
 * files are TypeScript.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { COMPILED_EXTENSIONS, moduleFormatOf, needsCompiling, TYPESCRIPT_EXTENSIONS } from '../../src/runner/loader/moduleFormat';

export class ModuleFormatTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(this.#root);
  }

  #folder(relative: string, manifest?: string): string {
    const dir = path.join(this.#root, relative);
    fs.mkdirSync(dir, { recursive: true });
    if (manifest !== undefined) fs.writeFileSync(path.join(dir, 'package.json'), manifest);
    return dir;
  }

  /** .mts and .mjs are ES modules, .cts and .cjs CommonJS, whatever the package says. */
  test_extensionRules(): void {
    const esmPackage = this.#folder('esm', '{"type":"module"}');
    const cjsPackage = this.#folder('cjs', '{"type":"commonjs"}');
    for (const dir of [esmPackage, cjsPackage]) {
      this.assertEqual(moduleFormatOf(path.join(dir, 'a.mts')), 'esm');
      this.assertEqual(moduleFormatOf(path.join(dir, 'a.mjs')), 'esm');
      this.assertEqual(moduleFormatOf(path.join(dir, 'a.cts')), 'cjs');
      this.assertEqual(moduleFormatOf(path.join(dir, 'a.cjs')), 'cjs');
    }
  }

  /** .ts, .tsx and .js follow "type": "module" of the package.json beside them. */
  test_typeModule(): void {
    const dir = this.#folder('pkg', '{"name":"x","type":"module"}');
    for (const name of ['a.ts', 'a.tsx', 'a.js']) this.assertEqual(moduleFormatOf(path.join(dir, name)), 'esm', name);
  }

  /** "type": "commonjs", no type at all, or an unreadable manifest mean CommonJS. */
  test_typeCommonJsOrMissing(): void {
    for (const [name, manifest] of [
      ['commonjs', '{"type":"commonjs"}'],
      ['untyped', '{"name":"x"}'],
      ['broken', '{not json'],
      ['odd', '{"type":"esm"}'],
    ]) {
      this.assertEqual(moduleFormatOf(path.join(this.#folder(name, manifest), 'a.ts')), 'cjs', name);
    }
  }

  /** The nearest package.json up the tree decides for files in subfolders. */
  test_inheritedFromAncestor(): void {
    this.#folder('outer', '{"type":"module"}');
    const deep = this.#folder('outer/src/deep');
    this.assertEqual(moduleFormatOf(path.join(deep, 'a.ts')), 'esm');
  }

  /** A nearer package.json without a type overrides an outer "module" one. */
  test_nearerManifestWins(): void {
    this.#folder('outer2', '{"type":"module"}');
    const inner = this.#folder('outer2/inner', '{"name":"inner"}');
    this.assertEqual(moduleFormatOf(path.join(inner, 'a.ts')), 'cjs');
    const innerModule = this.#folder('outer3/inner', '{"type":"module"}');
    this.#folder('outer3', '{"type":"commonjs"}');
    this.assertEqual(moduleFormatOf(path.join(innerModule, 'b.ts')), 'esm');
  }

  /** This project's own files are CommonJS (its package.json says so). */
  test_thisProject(): void {
    this.assertEqual(moduleFormatOf(__filename), 'cjs');
  }
}

export class NeedsCompilingTests extends SynchronousTestCase {
  /** TypeScript (.ts, .mts, .cts, .tsx) and .jsx need compiling; JavaScript and others do not. */
  test_needsCompiling(): void {
    this.assertEqual([...TYPESCRIPT_EXTENSIONS], ['.ts', '.mts', '.cts', '.tsx']);
    this.assertEqual([...COMPILED_EXTENSIONS], ['.ts', '.mts', '.cts', '.tsx', '.jsx']);
    for (const file of ['/a/b.ts', '/a/b.mts', '/a/b.cts', '/a/b.tsx', '/a/b.jsx', 'b.d.ts']) this.assertTrue(needsCompiling(file), file);
    for (const file of ['/a/b.js', '/a/b.mjs', '/a/b.cjs', '/a/b.json', '/a/ts', '/a/b.ts.bak']) this.assertFalse(needsCompiling(file), file);
  }

  /** .jsx follows the package's type like .js. */
  test_jsxFollowsPackageType(): void {
    const dir = this.mktemp();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    this.assertEqual(moduleFormatOf(path.join(dir, 'view.jsx')), 'esm');
  }
}
