/**
 * Tests for src/runner/discovery.ts: parsing `file.ts:Class.method`, finding test files
 * in folders (both naming patterns, eight extensions, node_modules and declaration files
 * ignored, sorted), merging units (duplicates dropped, argument order kept, whole files
 * absorbing class selections, missing paths), and the tsconfig check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { discover, findTestFiles, parseTestArgument, TEST_EXTENSIONS, TestNotFoundError } from '../../src/runner/discovery';
import { TsconfigError } from '../../src/runner/loader/tsconfigFor';
import type { WorkUnit } from '../../src/runner/interfaces';

function touch(root: string, relative: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  return file;
}

/** A unit as plain fields, so absent and undefined compare alike. */
function plain(unit: WorkUnit): { file: string; className: string | null; methodNames: string[] | null } {
  return { file: unit.file, className: unit.className ?? null, methodNames: unit.methodNames ?? null };
}

export class ParseTestArgumentTests extends SynchronousTestCase {
  /** A plain path has no selector. */
  test_plainPath(): void {
    this.assertEqual(parseTestArgument('test/test_a.ts'), { target: 'test/test_a.ts' });
  }

  /** file:Class selects a class. */
  test_fileAndClass(): void {
    const parsed = parseTestArgument('test/test_a.ts:ATests');
    this.assertEqual([parsed.target, parsed.className, parsed.methodName], ['test/test_a.ts', 'ATests', undefined]);
  }

  /** file:Class.method selects one method. */
  test_fileClassAndMethod(): void {
    const parsed = parseTestArgument('test/test_a.ts:ATests.test_x');
    this.assertEqual([parsed.target, parsed.className, parsed.methodName], ['test/test_a.ts', 'ATests', 'test_x']);
  }

  /** A Windows drive letter is not a selector. */
  test_windowsDrive(): void {
    this.assertEqual(parseTestArgument('C:\\suite\\test_a.ts'), { target: 'C:\\suite\\test_a.ts' });
    const parsed = parseTestArgument('C:\\suite\\test_a.ts:ATests');
    this.assertEqual([parsed.target, parsed.className], ['C:\\suite\\test_a.ts', 'ATests']);
  }

  /** A leading colon is part of the path, and an empty selector selects nothing. */
  test_degenerateColons(): void {
    this.assertEqual(parseTestArgument(':ATests'), { target: ':ATests' });
    const parsed = parseTestArgument('test_a.ts:');
    this.assertEqual([parsed.target, parsed.className, parsed.methodName], ['test_a.ts', undefined, undefined]);
  }
}

export class DiscoverTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(this.#root);
  }

  /** Both naming patterns in all eight extensions (TSX and JSX included) are found, recursively, sorted. */
  test_findsBothPatternsAllExtensions(): void {
    const expected: string[] = [];
    for (const ext of TEST_EXTENSIONS) {
      expected.push(touch(this.#root, `test_${ext}.${ext}`));
      expected.push(touch(this.#root, `deep/${ext}.test.${ext}`));
    }
    this.assertEqual([...TEST_EXTENSIONS].sort(), ['cjs', 'cts', 'js', 'jsx', 'mjs', 'mts', 'ts', 'tsx']);
    this.assertEqual(findTestFiles(this.#root, path.dirname(this.#root)), [...expected].sort());
  }

  /** A folder that is the cwd itself (`trial-ts .`) is searched like any other. */
  test_folderIsCwd(): void {
    const file = touch(this.#root, 'test_here.ts');
    this.assertEqual(findTestFiles(this.#root, this.#root), [file]);
    this.assertEqual(discover(['.'], [], this.#root).map((u) => u.file), [file]);
  }

  /** A folder outside the cwd is searched too. */
  test_folderOutsideCwd(): void {
    const file = touch(this.#root, 'suite/test_out.ts');
    const cwd = path.join(this.#root, 'elsewhere');
    fs.mkdirSync(cwd);
    this.assertEqual(discover([path.join(this.#root, 'suite')], [], cwd).map((u) => u.file), [file]);
  }

  /** exclude globs, relative to the cwd, drop files a folder would yield. */
  test_excludeGlobs(): void {
    const kept = touch(this.#root, 'suite/test_kept.ts');
    touch(this.#root, 'suite/slow/test_slow.ts');
    this.assertEqual(discover(['suite'], [], this.#root, ['suite/slow/**']).map((u) => u.file), [kept]);
  }

  /** Helpers, other extensions, node_modules, _trial_temp and .git are ignored. */
  test_ignoresNonTests(): void {
    const kept = touch(this.#root, 'suite/test_kept.ts');
    for (const file of [
      'helper.ts',
      'test_notes.md',
      'test_types.d.tsx',
      'test_types.d.ts',
      'mytest_a.ts',
      'node_modules/pkg/test_dep.ts',
      'sub/node_modules/test_dep.js',
      '_trial_temp/test_old.ts',
      '_trial_temp-2/test_old.ts',
      '.git/test_hook.js',
    ]) {
      touch(this.#root, `suite/${file}`);
    }
    this.assertEqual(discover([], ['suite'], this.#root).map((u) => u.file), [kept]);
  }

  /** Files from folders come sorted; named files keep argument order; duplicates go. */
  test_argumentOrderKeptDuplicatesRemoved(): void {
    const b = touch(this.#root, 'b/test_b.ts');
    const a1 = touch(this.#root, 'a/test_2.ts');
    const a0 = touch(this.#root, 'a/test_1.ts');
    const units = discover(['b/test_b.ts', 'a', 'b', 'a/test_1.ts'], [], this.#root);
    this.assertEqual(units.map((u) => u.file), [b, a0, a1]);
  }

  /** A file argument is resolved against cwd, and absolute paths work too. */
  test_relativeAndAbsolute(): void {
    const file = touch(this.#root, 'test_x.ts');
    this.assertEqual(discover(['test_x.ts'], [], this.#root).map(plain), [{ file, className: null, methodNames: null }]);
    this.assertEqual(discover([file], [], '/').map((u) => u.file), [file]);
  }

  /** file:Class and file:Class.method become narrowed units. */
  test_selectors(): void {
    const file = touch(this.#root, 'test_x.ts');
    this.assertEqual(discover(['test_x.ts:XTests.test_one', 'test_x.ts:YTests'], [], this.#root).map(plain), [
      { file, className: 'XTests', methodNames: ['test_one'] },
      { file, className: 'YTests', methodNames: null },
    ]);
  }

  /** Methods of the same class are merged into one unit, in order. */
  test_methodsMerged(): void {
    const file = touch(this.#root, 'test_x.ts');
    const units = discover(['test_x.ts:XTests.test_b', 'test_x.ts:XTests.test_a', 'test_x.ts:XTests.test_b'], [], this.#root);
    this.assertEqual(units.map(plain), [{ file, className: 'XTests', methodNames: ['test_b', 'test_a'] }]);
  }

  /** A whole class absorbs selections of its methods. */
  test_classAbsorbsMethods(): void {
    const file = touch(this.#root, 'test_x.ts');
    for (const args of [
      ['test_x.ts:XTests.test_b', 'test_x.ts:XTests'],
      ['test_x.ts:XTests', 'test_x.ts:XTests.test_b'],
    ]) {
      this.assertEqual(discover(args, [], this.#root).map(plain), [{ file, className: 'XTests', methodNames: null }], args.join(' '));
    }
  }

  /** A whole file absorbs its class and method selections, wherever it appears. */
  test_wholeFileAbsorbsClass(): void {
    const file = touch(this.#root, 'test_x.ts');
    const other = touch(this.#root, 'test_y.ts');
    const units = discover(['test_x.ts:XTests.test_a', 'test_y.ts', 'test_x.ts:YTests', 'test_x.ts'], [], this.#root);
    this.assertEqual(units.map(plain), [
      { file: other, className: null, methodNames: null },
      { file, className: null, methodNames: null },
    ]);
  }

  /** A file found through its folder absorbs a class selection of it too. */
  test_folderAbsorbsClass(): void {
    const file = touch(this.#root, 'dir/test_x.ts');
    const units = discover(['dir/test_x.ts:XTests', 'dir'], [], this.#root);
    this.assertEqual(units.map(plain), [{ file, className: null, methodNames: null }]);
  }

  /** A missing path on the command line is a TestNotFoundError naming the argument. */
  test_missingArgumentThrows(): void {
    const error = this.assertRaises(TestNotFoundError, () => discover(['nope/test_gone.ts:XTests'], [], this.#root));
    this.assertEqual(error.argument, 'nope/test_gone.ts:XTests');
    this.assertEqual(error.code, 'TRIAL_TEST_NOT_FOUND');
    this.assertSubstring("'nope/test_gone.ts:XTests'", error.message);
  }

  /** With no arguments the roots are searched, and a missing root has no tests. */
  test_missingDefaultRootIsEmpty(): void {
    this.assertEqual(discover([], ['test'], this.#root), []);
    const file = touch(this.#root, 'spec/test_s.ts');
    this.assertEqual(discover([], ['test', 'spec'], this.#root).map((u) => u.file), [file]);
  }

  /** Arguments replace the roots entirely. */
  test_argumentsReplaceRoots(): void {
    touch(this.#root, 'test/test_r.ts');
    const file = touch(this.#root, 'other/test_o.ts');
    this.assertEqual(discover(['other'], ['test'], this.#root).map((u) => u.file), [file]);
  }

  /** A test file whose tsconfig.json cannot be read fails discovery with a config error naming it. */
  test_unreadableTsconfigThrows(): void {
    touch(this.#root, 'suite/test_a.ts');
    const tsconfig = path.join(this.#root, 'suite', 'tsconfig.json');
    fs.writeFileSync(tsconfig, '{ "compilerOptions": { "jsx": ');
    const error = this.assertRaises(TsconfigError, () => discover(['suite'], [], this.#root));
    this.assertEqual(error.code, 'TRIAL_USAGE');
    this.assertEqual(error.file, tsconfig);
    this.assertSubstring(tsconfig, error.message);
  }
}
