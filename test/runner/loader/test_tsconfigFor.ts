/**
 * Tests for src/runner/loader/tsconfigFor.ts: the nearest tsconfig.json applies, with
 * its `extends` chain; node_modules and files with none get null; `paths` give a
 * matcher; every way a tsconfig cannot be read is a TsconfigError naming the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { tsconfigFor, TsconfigError } from '../../../src/runner/loader/tsconfigFor';

export class TsconfigForTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(this.#root);
  }

  #write(relative: string, text: string): string {
    const file = path.join(this.#root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  /** A file in a subfolder gets the tsconfig of the nearest folder above it that has one. */
  test_nearestWins(): void {
    const outer = this.#write('tsconfig.json', '{ "compilerOptions": { "jsx": "react" } }');
    const inner = this.#write('pkg/tsconfig.json', '{ "compilerOptions": { "jsx": "react-jsx" } }');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'pkg', 'deep', 'a.ts'))?.file, inner);
    this.assertEqual(tsconfigFor(path.join(this.#root, 'pkg', 'deep', 'a.ts'))?.compilerOptions.jsx, 'react-jsx');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'other', 'b.ts'))?.file, outer);
  }

  /** `extends` chains are followed: the base's options, overridden by the nearer file's. */
  test_extendsChain(): void {
    this.#write('base.json', '{ "compilerOptions": { "experimentalDecorators": true, "target": "es2020" } }');
    this.#write('app/tsconfig.json', '{ "extends": "../base.json", "compilerOptions": { "target": "es2021" } }');
    const options = tsconfigFor(path.join(this.#root, 'app', 'x.ts'))!.compilerOptions;
    this.assertEqual([options.experimentalDecorators, options.target], [true, 'es2021']);
  }

  /** `paths` with `baseUrl` give a matcher that lists candidate files. */
  test_pathsMatcher(): void {
    this.#write('tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }');
    const match = tsconfigFor(path.join(this.#root, 'test', 't.ts'))!.matchPaths!;
    this.assertEqual(match('@app/lib/util.js'), [path.join(this.#root, 'src', 'lib', 'util.js')]);
    this.assertEqual(tsconfigFor(path.join(this.#root, 'test', 't.ts')), tsconfigFor(path.join(this.#root, 'test', 'u.ts')));
  }

  /** A tsconfig without paths or baseUrl has no matcher. */
  test_noPathsNoMatcher(): void {
    this.#write('tsconfig.json', '{ "compilerOptions": { "strict": true } }');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'a.ts'))?.matchPaths, null);
  }

  /** Dependencies in node_modules are compiled with no project tsconfig. */
  test_nodeModulesGetNone(): void {
    this.#write('tsconfig.json', '{ "compilerOptions": { "jsx": "react-jsx" } }');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'node_modules', 'dep', 'index.ts')), null);
  }

  /** A missing `extends` target is a TsconfigError naming the tsconfig and the target. */
  test_missingExtends(): void {
    const file = this.#write('tsconfig.json', '{ "extends": "./gone.json" }');
    const error = this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'a.ts')));
    this.assertEqual([error.file, error.code], [file, 'TRIAL_USAGE']);
    this.assertSubstring(`Cannot read ${file}: File './gone.json' not found. `, error.message);
  }

  /** Broken JSON is an error with its position, not a silently empty config. */
  test_brokenJson(): void {
    const file = this.#write('tsconfig.json', '{\n  "compilerOptions": {\n    "jsx": "react-jsx"\n    "strict": true\n  }\n}');
    const error = this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'a.ts')));
    this.assertSubstring(`Cannot read ${file}: it is not valid JSON with comments (line 4, column 5`, error.message);
  }

  /** A cycle of `extends` is reported, not followed forever. */
  test_extendsCycle(): void {
    this.#write('a.json', '{ "extends": "./tsconfig.json" }');
    this.#write('tsconfig.json', '{ "extends": "./a.json" }');
    const error = this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'x.ts')));
    this.assertSubstring('Circularity', error.message);
  }

  /** A folder named tsconfig.json, or a top level that is not an object, cannot be read. */
  test_notAFileOrNotAnObject(): void {
    fs.mkdirSync(path.join(this.#root, 'dir', 'tsconfig.json'), { recursive: true });
    this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'dir', 'a.ts')));
    this.#write('list/tsconfig.json', '[1, 2]');
    const error = this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'list', 'a.ts')));
    this.assertSubstring('not a JSON object', error.message);
  }

  /** The error is remembered: every file of the folder gets it again. */
  test_errorRemembered(): void {
    this.#write('tsconfig.json', '{ "extends": "./gone.json" }');
    const first = this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'a.ts')));
    fs.writeFileSync(path.join(this.#root, 'gone.json'), '{}');
    this.assertIdentical(this.assertRaises(TsconfigError, () => tsconfigFor(path.join(this.#root, 'b.ts'))), first);
  }

  /** Under a solution-style tsconfig, the referenced project that includes a file applies; others fall back to it. */
  test_referencedProject(): void {
    const solution = this.#write('tsconfig.json', '{ "files": [], "references": [{ "path": "./tsconfig.node.json" }, { "path": "./tsconfig.web.json" }] }');
    this.#write('tsconfig.node.json', '{ "include": ["tools"], "compilerOptions": { "target": "es2020" } }');
    const web = this.#write('tsconfig.web.json', '{ "include": ["web/src"], "compilerOptions": { "jsx": "react-jsx" } }');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'web', 'src', 'view.tsx'))?.file, web);
    this.assertEqual(tsconfigFor(path.join(this.#root, 'tools', 'build.ts'))?.compilerOptions.target, 'es2020');
    this.assertEqual(tsconfigFor(path.join(this.#root, 'elsewhere.ts'))?.file, solution);
  }
}
