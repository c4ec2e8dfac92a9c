/**
 * Finds the tsconfig.json that applies to a file — the nearest one up the folder tree,
 * as `tsc` picks it — and reads it with get-tsconfig, `extends` chains resolved and
 * implied defaults filled in (`module: nodenext` implies `target: esnext`, and so on).
 * When that one is a solution (project `references`, files of its own excluded), the
 * referenced project that includes the file applies, as in editors.
 *
 * Results are kept per folder in a per-thread registry on `globalThis`, shared by both
 * copies of the library, and on disk between runs (tsconfigDiskCache.ts). get-tsconfig is
 * loaded only to read a tsconfig.json the disk cache does not hold, or to match `paths`
 * a specifier may match, so an unchanged project, or one without a tsconfig, never pays
 * for it. Files inside node_modules and the runner's own
 * modules get no tsconfig: a dependency is compiled the same whatever the project says.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cache, TsConfigJson } from 'get-tsconfig';
import { TrialError } from '@trial-ts/runtime/internal';
import { jsoncSyntaxError } from './jsoncSyntaxError';
import { pathsLookedAt, readCachedTsconfig, writeCachedTsconfig, type CachedTsconfig } from './tsconfigDiskCache';
import { messages } from './messages';
import { processKeys, processRegistry } from '../../platform/processKeys';

/** The compiler options of a tsconfig, after `extends` and implied defaults. */
export type TsCompilerOptions = NonNullable<TsConfigJson['compilerOptions']>;

/** A tsconfig.json as the loader uses it. */
export interface LoadedTsconfig {
  /** Absolute path of the tsconfig.json. */
  readonly file: string;
  readonly compilerOptions: TsCompilerOptions;
  /** Candidate paths for a bare specifier from `paths`/`baseUrl`, or null when it has neither. */
  readonly matchPaths: ((specifier: string) => string[]) | null;
  /** Absolute paths of the tsconfig files of its project `references`. */
  readonly references: readonly string[];
  /** Whether its `files`/`include`/`exclude` take in a file (asked only of solution-style configs). */
  readonly includes: (file: string) => boolean;
}

/**
 * A tsconfig.json that cannot be read: missing `extends`, a cycle, broken JSON, a folder
 * in its place. A config error (the CLI exits 2) that names the file.
 */
export class TsconfigError extends TrialError {
  /**
   * @param file - the tsconfig.json that was being read.
   * @param reason - what is wrong with it.
   */
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(messages.tsconfigUnreadable(file, reason.replace(/\.$/, '')), 'TRIAL_USAGE');
  }
}

interface TsconfigRegistry {
  /** Per folder: its tsconfig, none (null), or the error reading it gave. */
  readonly byFolder: Map<string, LoadedTsconfig | null | TsconfigError>;
  /** Per tsconfig path, so folders sharing one read it once. */
  readonly byFile: Map<string, LoadedTsconfig | TsconfigError>;
  /** Per source file whose nearest tsconfig has references: the referenced one that includes it. */
  readonly bySource: Map<string, LoadedTsconfig | TsconfigError>;
  /** get-tsconfig's own cache of file-system answers. */
  readonly fsCache: Cache;
}

/** The runner's own modules (dist/ or, for the second copy, src/). */
const RUNNER_ROOT = path.resolve(__dirname, '..', '..');

function registry(): TsconfigRegistry {
  return processRegistry(processKeys.loaderTsconfig, (): TsconfigRegistry => ({ byFolder: new Map(), byFile: new Map(), bySource: new Map(), fsCache: new Map() }));
}

type GetTsconfig = typeof import('get-tsconfig');

function readTsconfig(file: string, library: GetTsconfig, fsCache: Cache): LoadedTsconfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TsconfigError(file, (error as Error).message);
  }
  const syntax = jsoncSyntaxError(text);
  if (syntax !== undefined) throw new TsconfigError(file, messages.tsconfigSyntax(syntax));
  let config: TsConfigJson;
  try {
    config = library.parseTsconfig(file, fsCache);
  } catch (error) {
    throw new TsconfigError(file, (error as Error).message);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new TsconfigError(file, messages.tsconfigNotAnObject);
  let matchPaths: LoadedTsconfig['matchPaths'];
  try {
    matchPaths = library.createPathsMatcher({ path: file, config });
  } catch (error) {
    throw new TsconfigError(file, (error as Error).message);
  }
  const references = (config.references ?? []).map((reference) => {
    const target = path.resolve(path.dirname(file), reference.path);
    return target.endsWith('.json') ? target : path.join(target, 'tsconfig.json');
  });
  let matchFiles: ((source: string) => unknown) | undefined;
  const includes = (source: string): boolean => {
    matchFiles ??= library.createFilesMatcher({ path: file, config }, process.platform !== 'darwin' && process.platform !== 'win32');
    return matchFiles(source) !== undefined;
  };
  return { file, compilerOptions: config.compilerOptions ?? {}, matchPaths, references, includes };
}

/**
 * The cached answer for `key`, computing it on first use. A TsconfigError is cached too
 * (and thrown again), so a broken file is read once; it may be the other copy's class,
 * hence `instanceof Error`.
 */
function remembered<T>(cache: Map<string, T | TsconfigError>, key: string, compute: () => T): T {
  let entry = cache.get(key);
  if (entry === undefined) {
    try {
      entry = compute();
    } catch (error) {
      if (!(error instanceof TsconfigError)) throw error;
      entry = error;
    }
    cache.set(key, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry as T;
}

/** The nearest tsconfig.json at or above `folder` (tsc's findConfigFile). */
function findUp(folder: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function lookUp(folder: string, reg: TsconfigRegistry): LoadedTsconfig | null {
  // Found by hand so that a project without a tsconfig never loads get-tsconfig.
  const file = findUp(folder);
  if (file === undefined) return null;
  return remembered(reg.byFile, file, () => loadTsconfig(file, reg));
}

/** A tsconfig.json from the disk cache when nothing it depends on changed; else read, and cached. */
function loadTsconfig(file: string, reg: TsconfigRegistry): LoadedTsconfig {
  const cached = readCachedTsconfig(file);
  if (cached !== undefined) return fromDiskCache(file, cached, reg);
  const loaded = readTsconfig(file, require('get-tsconfig') as GetTsconfig, reg.fsCache);
  writeCachedTsconfig(file, loaded, [...pathsLookedAt(reg.fsCache), require.resolve('get-tsconfig')]);
  return loaded;
}

/**
 * Whether tsconfig `paths` with these keys may map a (bare) specifier: an exact key, or a
 * `prefix*suffix` pattern around it.
 */
function mayMatchPaths(specifier: string, keys: readonly string[]): boolean {
  return keys.some((key) => {
    const star = key.indexOf('*');
    if (star === -1) return key === specifier;
    return specifier.length >= key.length - 1 && specifier.startsWith(key.slice(0, star)) && specifier.endsWith(key.slice(star + 1));
  });
}

/**
 * A tsconfig from the disk cache. Only a specifier that may match a `paths` key, and the
 * files matcher, need get-tsconfig: the file is then read in full, once. The rest is
 * answered as get-tsconfig's matcher would: nothing for relative specifiers, and under
 * `baseUrl` the specifier inside that folder.
 */
function fromDiskCache(file: string, cached: CachedTsconfig, reg: TsconfigRegistry): LoadedTsconfig {
  let full: LoadedTsconfig | undefined;
  const read = (): LoadedTsconfig => (full ??= readTsconfig(file, require('get-tsconfig') as GetTsconfig, reg.fsCache));
  const { paths, baseUrl } = cached.compilerOptions;
  const keys = Object.keys(paths ?? {});
  const matchPaths = (specifier: string): string[] => {
    if (/^\.{1,2}(\/|$)/.test(specifier)) return [];
    if (mayMatchPaths(specifier, keys)) return read().matchPaths?.(specifier) ?? [];
    if (baseUrl === undefined) return [];
    return [path.join(path.resolve(path.dirname(file), baseUrl), specifier).split(path.sep).join('/')];
  };
  return {
    file,
    compilerOptions: cached.compilerOptions,
    matchPaths: paths === undefined && baseUrl === undefined ? null : matchPaths,
    references: cached.references,
    includes: (source) => read().includes(source),
  };
}

/**
 * The tsconfig that applies to a file.
 *
 * @param file - absolute path of a source file.
 * @returns its nearest tsconfig.json, or null when there is none (or the file is a
 *   dependency or part of the runner).
 * @throws {@link TsconfigError} when that tsconfig.json cannot be read.
 */
export function tsconfigFor(file: string): LoadedTsconfig | null {
  const folder = path.dirname(file);
  if (folder.split(path.sep).includes('node_modules') || folder === RUNNER_ROOT || folder.startsWith(RUNNER_ROOT + path.sep)) return null;
  const reg = registry();
  const nearest = remembered(reg.byFolder, folder, () => lookUp(folder, reg));
  if (nearest === null || nearest.references.length === 0) return nearest;
  return remembered(reg.bySource, file, () => referencedProject(nearest, file, reg));
}

/**
 * A solution-style tsconfig (Vite's templates: `"files": []` and `references` to
 * tsconfig.app.json, tsconfig.node.json) holds no options for the code: the referenced
 * project that includes the file does, as in editors. Falls back to the nearest one.
 */
function referencedProject(solution: LoadedTsconfig, file: string, reg: TsconfigRegistry): LoadedTsconfig {
  if (solution.includes(file)) return solution;
  for (const reference of solution.references) {
    const project = remembered(reg.byFile, reference, () => loadTsconfig(reference, reg));
    if (project.includes(file)) return project;
  }
  return solution;
}
