/**
 * A disk cache of read tsconfig chains, so that a run whose tsconfig files have not
 * changed neither loads get-tsconfig (≈10 ms of CPU in each thread that compiles) nor
 * resolves `extends` again. An entry holds what the loader uses of one tsconfig.json
 * (its resolved compiler options and references) and the fingerprint (inode, size,
 * mtime, or absence) of every path get-tsconfig looked at to produce it: the files of the
 * `extends` chain, the node_modules folders it searched, get-tsconfig itself. Any change
 * to one of them and the entry is not used. Only tsconfig files that were read without
 * error are cached; the entry lives in the loader's per-user cache folder.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TsConfigJson } from 'get-tsconfig';
import { replaceFile } from '../../platform/replaceFile';
import { cacheFolder } from './cacheFolder';

/** Bump when the entry's shape or meaning changes. */
const ENTRY_VERSION = 1;

/** What the loader keeps of a tsconfig.json between runs. */
export interface CachedTsconfig {
  readonly compilerOptions: NonNullable<TsConfigJson['compilerOptions']>;
  /** Absolute paths of the tsconfig files of its project `references`. */
  readonly references: readonly string[];
}

interface Entry extends CachedTsconfig {
  readonly version: number;
  readonly tsconfig: string;
  /** Path → fingerprint, for every path the read depended on. */
  readonly inputs: Record<string, string>;
}

/** What identifies a path's state: a change to the file (or its coming or going) changes it. */
function fingerprint(file: string): string {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat === undefined ? 'absent' : `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'unreadable';
  }
}

function entryPath(tsconfig: string): string | null {
  const folder = cacheFolder('tsconfig');
  return folder === null ? null : path.join(folder, `${createHash('sha1').update(tsconfig).digest('hex')}.json`);
}

/**
 * The cached reading of a tsconfig.json, when none of the paths it depended on changed.
 *
 * @param tsconfig - absolute path of the tsconfig.json.
 * @returns the cached reading, or undefined (none, stale or unreadable).
 */
export function readCachedTsconfig(tsconfig: string): CachedTsconfig | undefined {
  const file = entryPath(tsconfig);
  if (file === null) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry;
  } catch {
    return undefined;
  }
  if (entry.version !== ENTRY_VERSION || entry.tsconfig !== tsconfig) return undefined;
  for (const [input, expected] of Object.entries(entry.inputs)) if (fingerprint(input) !== expected) return undefined;
  return { compilerOptions: entry.compilerOptions, references: entry.references };
}

/**
 * The paths get-tsconfig looked at, from the keys of its file-system cache
 * (`existsSync:/a/b`, `readFileSync:/a/b:utf8`, ...).
 *
 * @param fsCache - the cache passed to `parseTsconfig`.
 * @returns absolute paths.
 */
export function pathsLookedAt(fsCache: ReadonlyMap<string, unknown>): string[] {
  const paths = new Set<string>();
  for (const key of fsCache.keys()) {
    const call = /^(existsSync|readFileSync|statSync|realpathSync):(.*?)(?::[^:/]*)?$/.exec(key);
    if (call !== null && path.isAbsolute(call[2])) paths.add(call[2]);
  }
  return [...paths];
}

/**
 * Remember a tsconfig.json's reading for the next runs. Failing to write only costs speed.
 *
 * @param tsconfig - absolute path of the tsconfig.json.
 * @param reading - what the loader uses of it.
 * @param inputs - every path the reading depended on (see {@link pathsLookedAt}).
 */
export function writeCachedTsconfig(tsconfig: string, reading: CachedTsconfig, inputs: readonly string[]): void {
  const file = entryPath(tsconfig);
  if (file === null) return;
  const entry: Entry = {
    version: ENTRY_VERSION,
    tsconfig,
    compilerOptions: reading.compilerOptions,
    references: reading.references,
    inputs: Object.fromEntries([tsconfig, ...inputs].map((input) => [input, fingerprint(input)])),
  };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    replaceFile(file, JSON.stringify(entry));
  } catch {
    // a read-only or full cache folder: read the tsconfig again next time
  }
}
