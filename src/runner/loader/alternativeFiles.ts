/**
 * Where a specifier may point in a TypeScript project when Node alone would not find it,
 * shared by the CommonJS and the ES-module hooks:
 * - the TypeScript twin of a `.js` name (`./x.js` → `./x.ts`/`./x.tsx`, `.mjs` → `.mts`,
 *   `.cjs` → `.cts`), as NodeNext projects write imports;
 * - tsconfig `paths`/`baseUrl` for bare specifiers (`@app/lib/util.js`), tried before
 *   node_modules as tsc does;
 * - package.json `imports` (`#lib/util.js`) whose target is a `.js` name of a `.ts` file.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import { resolvePackageImport } from './packageImports';
import { tsconfigFor } from './tsconfigFor';

const JS_TO_TS: Record<string, readonly string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Extensions tried for a `paths` target written without one (bundler-style projects). */
const PROBED = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/**
 * The TypeScript twins of a name ending in `.js`, `.mjs` or `.cjs`.
 *
 * @param specifier - a path, URL or specifier.
 * @returns the same with each TypeScript extension instead, or `[]` for other names.
 */
export function typeScriptTwins(specifier: string): string[] {
  const dot = specifier.lastIndexOf('.');
  if (dot <= 0 || specifier.indexOf('/', dot) !== -1) return [];
  const twins = JS_TO_TS[specifier.slice(dot)];
  return twins === undefined ? [] : twins.map((ext) => specifier.slice(0, dot) + ext);
}

/** A specifier that names a package (not relative, absolute, `#`, a URL or a builtin). */
export function isBareSpecifier(specifier: string): boolean {
  if (/^[./#]/.test(specifier) || /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier)) return false;
  return !Module.isBuiltin(specifier);
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

/** The file itself, else its TypeScript twin (and with `probe`, the name plus an extension). */
function existingFile(file: string, probe: boolean): string | undefined {
  if (isFile(file)) return file;
  const twin = typeScriptTwins(file).find(isFile);
  if (twin !== undefined || !probe) return twin;
  return PROBED.map((ext) => file + ext).find(isFile);
}

/**
 * The file tsconfig `paths` (or `baseUrl`) maps a bare specifier to.
 *
 * @param specifier - what the file imports.
 * @param parentFile - absolute path of the importing file (its nearest tsconfig applies).
 * @returns an existing absolute file, or undefined when no mapping finds one.
 * @throws `TsconfigError` when the importer's tsconfig.json cannot be read.
 */
export function pathsTarget(specifier: string, parentFile: string): string | undefined {
  if (!isBareSpecifier(specifier)) return undefined;
  const match = tsconfigFor(parentFile)?.matchPaths;
  if (match == null) return undefined;
  for (const candidate of match(specifier)) {
    const file = existingFile(candidate, true);
    if (file !== undefined) return file;
  }
  return undefined;
}

/**
 * The TypeScript file a package.json `imports` mapping means when its `.js` target is
 * missing.
 *
 * @param specifier - a `#` specifier.
 * @param parentFile - absolute path of the importing file.
 * @param conditions - the active export conditions.
 * @returns an existing absolute file, or undefined.
 */
export function packageImportTarget(specifier: string, parentFile: string, conditions: readonly string[]): string | undefined {
  if (!specifier.startsWith('#')) return undefined;
  const target = resolvePackageImport(specifier, parentFile, conditions);
  return target === undefined ? undefined : existingFile(target, false);
}
