/**
 * Tests for src/runner/testFileWalk.ts: the plain walk that finds test files without
 * fast-glob gives exactly what discovery's globs give (names, dot entries, ignored
 * folders, declaration files, symlinks, a link cycle), and the helpers decide names and
 * ignored path parts as the globs do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { findTestFiles, TEST_EXTENSIONS } from '../../src/runner/discovery';
import { hasIgnoredPart, testFileName, walkTestFiles } from '../../src/runner/testFileWalk';

function touch(root: string, relative: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  return file;
}

/** What discovery's fast-glob patterns find (an exclude glob that matches nothing forces them). */
function globbed(folder: string): string[] {
  return findTestFiles(folder, folder, ['no-such-folder/**']);
}

export class TestFileWalkTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(this.#root);
  }

  /** On a tree of test files, helpers, ignored folders and links, the walk and the globs agree. */
  test_sameFilesAsTheGlobs(): void {
    for (const file of [
      'test_a.ts',
      'deep/er/b.test.mts',
      'deep/test_c.tsx',
      'test_.js',
      'helper.ts',
      'test_notes.md',
      'test_types.d.ts',
      'types.test.d.mts',
      '.test_hidden.ts',
      '.hidden/test_in_dot_folder.ts',
      'node_modules/pkg/test_dep.ts',
      '_trial_temp-1/test_old.ts',
      'real/test_linked.ts',
    ]) {
      touch(this.#root, file);
    }
    fs.symlinkSync(path.join(this.#root, 'real'), path.join(this.#root, 'link'), 'dir');
    fs.symlinkSync(path.join(this.#root, 'test_a.ts'), path.join(this.#root, 'test_alias.ts'));
    fs.symlinkSync(path.join(this.#root, 'gone.ts'), path.join(this.#root, 'test_broken.ts'));
    const walked = findTestFiles(this.#root, this.#root);
    this.assertEqual(walked, globbed(this.#root));
    this.assertEqual(
      walked.map((file) => path.relative(this.#root, file)),
      ['deep/er/b.test.mts', 'deep/test_c.tsx', 'link/test_linked.ts', 'real/test_linked.ts', 'test_.js', 'test_a.ts', 'test_alias.ts'],
    );
  }

  /** A link to a folder above it is entered once, not followed forever. */
  test_linkCycleEnteredOnce(): void {
    const file = touch(this.#root, 'suite/test_x.ts');
    fs.symlinkSync(this.#root, path.join(this.#root, 'suite', 'up'), 'dir');
    this.assertEqual(walkTestFiles(path.join(this.#root, 'suite'), testFileName(TEST_EXTENSIONS)), [file]);
  }

  /** Names: both patterns and the given extensions only; declaration and dot files never. */
  test_testFileName(): void {
    const matches = testFileName(['ts', 'js']);
    this.assertEqual(
      ['test_a.ts', 'a.test.js', 'test_a.mts', 'a.spec.ts', 'test_a.d.ts', '.test_a.ts', 'mytest_a.ts'].map(matches),
      [true, true, false, false, false, false, false],
    );
  }

  /** Dot folders, node_modules and _trial_temp* in a path send the search to the globs. */
  test_hasIgnoredPart(): void {
    this.assertEqual(
      ['', 'test', '../x/test', 'node_modules/pkg', 'a/.git/b', '_trial_temp/x', './test'].map(hasIgnoredPart),
      [false, false, false, true, true, true, false],
    );
  }
}
