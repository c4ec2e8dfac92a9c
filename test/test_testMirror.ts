/**
 * Runs scripts/checkTestMirror.ts (STYLE.md R20): every source file has its mirror test
 * or an exception that says where it is tested; and checks the check itself on a made-up
 * tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { checkTestMirror, EXCEPTIONS, exceptionByKind, mirrorCandidates, NO_TEST_YET, sourcePath } from '../scripts/checkTestMirror';

const ROOT = path.resolve(__dirname, '..');

function touch(root: string, relative: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
}

export class TestMirrorTests extends SynchronousTestCase {
  /** Every source file has a test, or an exception naming where it is tested. */
  test_everySourceFileTested(): void {
    const { missing } = checkTestMirror(ROOT);
    this.assertEqual(missing.map((file) => `${sourcePath(file)} → test/${mirrorCandidates(file)[0]}`), []);
  }

  /** No exception is left for a file that now has its own test or is gone. */
  test_noStaleExceptions(): void {
    this.assertEqual(checkTestMirror(ROOT).stale, []);
  }

  /** Every exception gives a reason that names a test file, or admits the gap. */
  test_exceptionsGiveReasons(): void {
    const vague = Object.entries(EXCEPTIONS)
      .filter(([, reason]) => !/test\/\S+\.ts|test_\w+\.ts/.test(reason) && !reason.includes(NO_TEST_YET))
      .map(([file]) => file);
    this.assertEqual(vague, []);
  }

  /** The test files named in the reasons exist. */
  test_namedTestsExist(): void {
    const named = new Set(Object.values(EXCEPTIONS).flatMap((reason) => reason.match(/test\/[\w/]+\.ts/g) ?? []));
    this.assertTrue(named.size > 10);
    this.assertEqual([...named].filter((file) => !fs.existsSync(path.join(ROOT, file))), []);
  }

  /** Known gaps: files whose exception admits they are not (fully) tested yet. */
  test_noKnownGaps(): void {
    this.assertEqual(Object.keys(EXCEPTIONS).filter((file) => EXCEPTIONS[file].includes(NO_TEST_YET)), []);
  }

  /** index.ts and interfaces.ts need no test; other files do. */
  test_exceptionByKind(): void {
    this.assertEqual(exceptionByKind('defer/index.ts'), 'named re-exports only');
    this.assertEqual(exceptionByKind('index.ts'), 'named re-exports only');
    this.assertEqual(exceptionByKind('runner/interfaces.ts'), 'types only (R1)');
    this.assertEqual(exceptionByKind('runner/outcome.ts'), undefined);
  }

  /** A file in a subfolder may be tested beside its area or in the same subfolder. */
  test_mirrorCandidates(): void {
    this.assertEqual(mirrorCandidates('runner/outcome.ts'), ['runner/test_outcome.ts']);
    this.assertEqual(mirrorCandidates('runner/loader/esmHooks.mts'), ['runner/loader/test_esmHooks.ts', 'runner/test_esmHooks.ts']);
    this.assertEqual(mirrorCandidates('index.ts'), ['test_index.ts']);
    this.assertEqual(mirrorCandidates('@trial-ts/runtime/defer/deferred.ts'), ['defer/test_deferred.ts']);
    this.assertEqual(sourcePath('@trial-ts/runtime/defer/deferred.ts'), 'packages/runtime/src/defer/deferred.ts');
  }

  /** On a made-up tree: untested files are reported, tested and excused ones are not, stale exceptions are found. */
  test_checkOnMadeUpTree(): void {
    const root = this.mktemp();
    for (const file of ['src/a/tested.ts', 'src/a/untested.ts', 'src/a/excused.ts', 'src/a/index.ts', 'src/a/sub/deep.ts', 'src/b/alsoTested.ts']) touch(root, file);
    for (const file of ['test/a/test_tested.ts', 'test/a/test_deep.ts', 'test/b/test_alsoTested.ts']) touch(root, file);
    const report = checkTestMirror(root, { 'a/excused.ts': 'covered by test/a/test_tested.ts', 'a/tested.ts': 'stale', 'a/gone.ts': 'gone' });
    this.assertEqual(report, { missing: ['a/untested.ts'], stale: ['a/gone.ts', 'a/tested.ts'] });
  }
}
