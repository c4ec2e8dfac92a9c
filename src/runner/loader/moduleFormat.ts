/**
 * Decides whether a file is an ES module or CommonJS the way Node does: by extension
 * (`.mts`/`.mjs` ESM, `.cts`/`.cjs` CommonJS) and otherwise by the `type` field of the
 * nearest package.json. TypeScript and JSX files follow the same rule as their JS twins.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How a module is loaded. */
export type ModuleFormat = 'esm' | 'cjs';

/** File extensions the loader compiles from TypeScript. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'] as const;

/** File extensions the loader compiles: TypeScript, and JSX (which Node cannot run either). */
export const COMPILED_EXTENSIONS = [...TYPESCRIPT_EXTENSIONS, '.jsx'] as const;

const packageTypeCache = new Map<string, ModuleFormat>();

/** `type` of the nearest package.json above `dir`, cached per folder. */
function packageFormat(dir: string): ModuleFormat {
  const cached = packageTypeCache.get(dir);
  if (cached !== undefined) return cached;
  let format: ModuleFormat;
  const manifest = path.join(dir, 'package.json');
  let text: string | undefined;
  try {
    text = fs.readFileSync(manifest, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let type: unknown;
    try {
      type = (JSON.parse(text) as { type?: unknown }).type;
    } catch {
      type = undefined;
    }
    format = type === 'module' ? 'esm' : 'cjs';
  } else {
    const parent = path.dirname(dir);
    format = parent === dir ? 'cjs' : packageFormat(parent);
  }
  packageTypeCache.set(dir, format);
  return format;
}

/** The format Node would load `file` in. */
export function moduleFormatOf(file: string): ModuleFormat {
  const ext = path.extname(file);
  if (ext === '.mts' || ext === '.mjs') return 'esm';
  if (ext === '.cts' || ext === '.cjs') return 'cjs';
  return packageFormat(path.dirname(file));
}

/** The file needs compiling before Node can run it (TypeScript or JSX). */
export function needsCompiling(file: string): boolean {
  return (COMPILED_EXTENSIONS as readonly string[]).includes(path.extname(file));
}
