/**
 * Tests for src/runner/loader/alternativeFiles.ts: the `.js` → `.ts` twins, which
 * specifiers are bare, tsconfig `paths` targets (with twins and probed extensions), and
 * package.json `imports` targets that exist only as TypeScript.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { isBareSpecifier, packageImportTarget, pathsTarget, typeScriptTwins } from '../../../src/runner/loader/alternativeFiles';

export class TypeScriptTwinsTests extends SynchronousTestCase {
  /** .js has .ts and .tsx twins, .mjs has .mts, .cjs has .cts; other names have none. */
  test_twins(): void {
    this.assertEqual(typeScriptTwins('./a/b.js'), ['./a/b.ts', './a/b.tsx']);
    this.assertEqual(typeScriptTwins('/x/y.mjs'), ['/x/y.mts']);
    this.assertEqual(typeScriptTwins('file:///x/y.cjs'), ['file:///x/y.cts']);
    for (const name of ['./a.ts', './a', './a.json', './dir.js/file', '.js']) this.assertEqual(typeScriptTwins(name), [], name);
  }

  /** Packages are bare; relative, absolute, `#`, URLs and builtins are not. */
  test_bareSpecifiers(): void {
    for (const name of ['lodash', '@app/lib/util.js', 'src/lib/util.js']) this.assertTrue(isBareSpecifier(name), name);
    for (const name of ['./a', '../a', '/a', '#lib/a', 'node:fs', 'fs', 'file:///a', 'data:text/javascript,1']) {
      this.assertFalse(isBareSpecifier(name), name);
    }
  }
}

export class TargetsTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    for (const file of ['src/lib/util.ts', 'src/view.tsx', 'src/plain.js', 'src/folder/index.ts']) {
      fs.mkdirSync(path.dirname(path.join(this.#root, file)), { recursive: true });
      fs.writeFileSync(path.join(this.#root, file), '');
    }
    fs.writeFileSync(
      path.join(this.#root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { paths: { '@app/*': ['./src/*'], 'exact-alias': ['./src/plain.js'] } } }),
    );
    fs.writeFileSync(path.join(this.#root, 'package.json'), JSON.stringify({ imports: { '#lib/*': './src/lib/*', '#plain': './src/plain.js' } }));
  }

  #parent(): string {
    return path.join(this.#root, 'test', 'test_a.ts');
  }

  /** A paths alias with a `.js` name finds the `.ts` (or `.tsx`) file. */
  test_pathsToTwin(): void {
    this.assertEqual(pathsTarget('@app/lib/util.js', this.#parent()), path.join(this.#root, 'src', 'lib', 'util.ts'));
    this.assertEqual(pathsTarget('@app/view.js', this.#parent()), path.join(this.#root, 'src', 'view.tsx'));
  }

  /** Without an extension, extensions and index files are probed; exact aliases map as they are. */
  test_pathsProbeAndExact(): void {
    this.assertEqual(pathsTarget('@app/lib/util', this.#parent()), path.join(this.#root, 'src', 'lib', 'util.ts'));
    this.assertEqual(pathsTarget('@app/folder', this.#parent()), path.join(this.#root, 'src', 'folder', 'index.ts'));
    this.assertEqual(pathsTarget('exact-alias', this.#parent()), path.join(this.#root, 'src', 'plain.js'));
  }

  /** No file behind the alias, or no alias at all, leaves the specifier to Node. */
  test_pathsMiss(): void {
    this.assertEqual(pathsTarget('@app/missing.js', this.#parent()), undefined);
    this.assertEqual(pathsTarget('lodash', this.#parent()), undefined);
    this.assertEqual(pathsTarget('./relative.js', this.#parent()), undefined);
  }

  /** A package import whose `.js` target is missing resolves to the `.ts` twin. */
  test_packageImportTwin(): void {
    this.assertEqual(packageImportTarget('#lib/util.js', this.#parent(), ['node', 'import']), path.join(this.#root, 'src', 'lib', 'util.ts'));
    this.assertEqual(packageImportTarget('#plain', this.#parent(), ['node']), path.join(this.#root, 'src', 'plain.js'));
    this.assertEqual(packageImportTarget('#lib/none.js', this.#parent(), ['node']), undefined);
    this.assertEqual(packageImportTarget('@app/lib/util.js', this.#parent(), ['node']), undefined);
  }
}
