/**
 * Turns command-line test arguments into work units: a file, a folder (searched for
 * `test_*` and `*.test.*` files), `file.ts:Class` or `file.ts:Class.testMethod`.
 * Duplicates are removed and argument order kept; files found in a folder are sorted.
 * The tsconfig.json of every test file is read here, in the main process, so that one
 * that cannot be read is a config error before any worker starts.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkUnit } from './interfaces';
import { tsconfigFor } from './loader/tsconfigFor';
import { hasIgnoredPart, testFileName, walkTestFiles } from './testFileWalk';

/** Extensions a test file may have. */
export const TEST_EXTENSIONS = ['ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx'] as const;

const PATTERNS = [`**/test_*.{${TEST_EXTENSIONS.join(',')}}`, `**/*.test.{${TEST_EXTENSIONS.join(',')}}`];
// Declaration files hold types only, never tests.
const IGNORE = ['**/node_modules/**', '**/_trial_temp*/**', '**/.git/**', '**/*.d.{ts,mts,cts,tsx}'];
const isTestFileName = testFileName(TEST_EXTENSIONS);

/** A test argument that names nothing on disk. */
export class TestNotFoundError extends Error {
  readonly code = 'TRIAL_TEST_NOT_FOUND';
  constructor(readonly argument: string) {
    super(`No file or folder '${argument}': give a test file, a folder, file.ts:Class or file.ts:Class.testMethod.`);
    this.name = 'TestNotFoundError';
  }
}

/** Split `file.ts:Class.method` into its parts (a plain path has no selector). */
export function parseTestArgument(argument: string): { target: string; className?: string; methodName?: string } {
  const colon = argument.lastIndexOf(':');
  if (colon <= 0 || /^[A-Za-z]:[\\/]/.test(argument.slice(colon - 1))) return { target: argument };
  const selector = argument.slice(colon + 1);
  // Only the first dot splits: a parametrized case may hold dots (`test_round[1.5]`).
  const dot = selector.indexOf('.');
  const className = dot === -1 ? selector : selector.slice(0, dot);
  const methodName = dot === -1 ? undefined : selector.slice(dot + 1);
  return { target: argument.slice(0, colon), className: className || undefined, methodName: methodName || undefined };
}

/**
 * Test files under a folder, sorted.
 *
 * @param folder - absolute path of the folder.
 * @param cwd - the run's cwd, which `exclude` globs are relative to.
 * @param exclude - config `exclude`: globs of files never to collect.
 */
export function findTestFiles(folder: string, cwd: string, exclude: readonly string[] = []): string[] {
  const relative = path.relative(cwd, folder).split(path.sep).join('/');
  // Without exclude globs a plain walk gives the same files without fast-glob's ≈30 ms start-up.
  if (exclude.length === 0 && !hasIgnoredPart(relative)) return walkTestFiles(folder, isTestFileName);
  const fg = require('fast-glob') as typeof import('fast-glob');
  const base = relative === '' ? '' : fg.escapePath(relative);
  const patterns = PATTERNS.map((pattern) => (base === '' ? pattern : `${base}/${pattern}`));
  return fg.sync(patterns, { cwd, absolute: true, ignore: [...IGNORE, ...exclude], onlyFiles: true, followSymbolicLinks: true }).sort();
}

/**
 * Resolve test arguments into units.
 *
 * @param args - the command line's test arguments; none means `roots`.
 * @param roots - the config's roots (default `['test']`).
 * @param cwd - the run's working directory.
 * @param exclude - globs (relative to `cwd`) of files folders never yield.
 * @throws {@link TestNotFoundError} for an argument that names nothing.
 * @throws `TsconfigError` when the tsconfig.json of a test file cannot be read.
 */
export function discover(args: readonly string[], roots: readonly string[], cwd: string, exclude: readonly string[] = []): WorkUnit[] {
  const found: WorkUnit[] = [];
  for (const argument of args.length > 0 ? args : roots) {
    const { target, className, methodName } = parseTestArgument(argument);
    const absolute = path.resolve(cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      if (args.length === 0) continue; // a missing default root just has no tests
      throw new TestNotFoundError(argument);
    }
    if (stat.isDirectory()) for (const file of findTestFiles(absolute, cwd, exclude)) found.push({ file });
    else found.push({ file: absolute, className, methodNames: methodName === undefined ? undefined : [methodName] });
  }
  const units = mergeUnits(found);
  for (const unit of units) tsconfigFor(unit.file);
  return units;
}

/** Drop duplicates, keeping first-seen order: a whole file absorbs its class selections. */
function mergeUnits(found: readonly WorkUnit[]): WorkUnit[] {
  const wholeFiles = new Set(found.filter((unit) => unit.className === undefined).map((unit) => unit.file));
  const byKey = new Map<string, WorkUnit>();
  const units: WorkUnit[] = [];
  for (const unit of found) {
    if (unit.className !== undefined && wholeFiles.has(unit.file)) continue;
    const key = `${unit.file}\0${unit.className ?? ''}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { ...unit, methodNames: unit.methodNames && [...unit.methodNames] });
      units.push(byKey.get(key)!);
    } else if (existing.methodNames !== undefined && unit.methodNames !== undefined) {
      for (const name of unit.methodNames) if (!existing.methodNames.includes(name)) existing.methodNames.push(name);
    } else {
      existing.methodNames = undefined;
    }
  }
  return units;
}
