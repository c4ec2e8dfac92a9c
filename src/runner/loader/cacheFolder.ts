/**
 * Where the loader keeps what it caches on disk: compiled test files (`transform`), V8's
 * code cache of the runner and the tests (`compile`, see compileCache.ts) and read
 * tsconfig chains (`tsconfig`, see tsconfigDiskCache.ts). Everything in these folders is
 * run or trusted, so they live in a per-user folder another user cannot have made first
 * or linked elsewhere (src/platform/safeDirectory.ts).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { safeDirectoryOr } from '../../platform';

/** What a cache folder holds. */
export type CacheKind = 'transform' | 'compile' | 'tsconfig';

/**
 * The folder for one kind of cache (created by its first writer); null when no safe
 * folder exists, and the loader then caches nothing. `TRIAL_TS_CACHE_DIR` names the
 * transform folder itself; the other kinds go in subfolders of it.
 *
 * @param kind - what the folder holds.
 * @returns an absolute path, or null.
 * @example
 * ```ts
 * const dir = cacheFolder('tsconfig'); // e.g. <project>/node_modules/.cache/trial-ts/tsconfig
 * ```
 */
export function cacheFolder(kind: CacheKind): string | null {
  const fromEnv = process.env.TRIAL_TS_CACHE_DIR;
  if (fromEnv) return kind === 'transform' ? fromEnv : path.join(fromEnv, kind);
  const root = sharedRoot();
  return root === null ? null : path.join(root, kind);
}

/**
 * The checked root of the default folders, by working directory and XDG_CACHE_HOME (what
 * it depends on). Checked once per thread: the transform cache asks for every file it
 * compiles, and the check (two mkdir calls that fail with EEXIST, an lstat) cost ≈0.1 ms
 * each time, ≈20 ms on 200 test files.
 */
const sharedRoots = new Map<string, string | null>();

function sharedRoot(): string | null {
  const key = `${process.cwd()}\0${process.env.XDG_CACHE_HOME ?? ''}`;
  let root = sharedRoots.get(key);
  if (root === undefined) sharedRoots.set(key, (root = checkedSharedRoot()));
  return root;
}

function checkedSharedRoot(): string | null {
  const local = path.join(process.cwd(), 'node_modules');
  const shared = fs.existsSync(local) ? path.join(local, '.cache', 'trial-ts') : path.join(os.tmpdir(), `trial-ts-cache-${os.userInfo().uid}`);
  try {
    // Cached code is run: a folder another user made first (or a link they planted) is never read.
    return safeDirectoryOr(shared, path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'trial-ts'));
  } catch {
    return null; // no safe folder at all: cache nothing
  }
}
