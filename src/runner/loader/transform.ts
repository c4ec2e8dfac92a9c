/**
 * Compiles one TypeScript (or JSX) file to JavaScript with swc (≈0.9 ms for a 300-line
 * file, against ≈17 ms for tsc's transpileModule: research/node20-mechanics.md §4.1), with
 * an inline source map so Node's native source maps point stacks at the .ts lines. The
 * settings that change the output come from the file's tsconfig (compileSettings.ts);
 * import attributes (`with { type: 'json' }`) are kept.
 *
 * Output is cached on disk keyed by a hash of the source, the file name, the format and
 * the settings, so a second run transforms nothing and does not even load swc.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../../platform/replaceFile';
import { cacheFolder } from './cacheFolder';
import { compileSettingsFor, type CompileSettings } from './compileSettings';
import type { ModuleFormat } from './moduleFormat';

/** Bump when the swc options below change, so old cache entries are not reused. */
const TRANSFORM_VERSION = '2';

type SwcModule = typeof import('@swc/core');
let swc: SwcModule | undefined;

/** The folder transformed files are cached in (created on first write); null when no safe folder exists. */
export function cacheDirectory(): string | null {
  return cacheFolder('transform');
}

/**
 * swc's parse errors carry a code frame, then Rust's "Caused by" and a native backtrace.
 * Keep the code frame, and give the error a stack frame at the failing line so reports
 * and annotations point at it.
 */
function syntaxErrorFrom(error: unknown, filename: string): SyntaxError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.split(/\n\s*Caused by:/)[0].replace(/\s+$/, '');
  const position = /,-\[(.*):(\d+):(\d+)\]/.exec(message);
  const syntaxError = new SyntaxError(`${filename} does not compile:\n${message}`);
  const frame = position === null ? filename : `${position[1]}:${position[2]}:${position[3]}`;
  syntaxError.stack = `SyntaxError: ${syntaxError.message}\n    at ${frame}`;
  return syntaxError;
}

function compile(source: string, filename: string, format: ModuleFormat, settings: CompileSettings): string {
  swc ??= require('@swc/core') as SwcModule;
  const input = settings.keepImportSideEffects ? withSideEffectImports(source) : source;
  try {
    return transformWithSwc(swc, input, filename, format, settings);
  } catch (error) {
    throw syntaxErrorFrom(error, filename);
  }
}

/**
 * `importsNotUsedAsValues: preserve`, which swc lacks: put a bare `import 'x';` before
 * each value import (on the same line, so line numbers hold). swc drops the unused names
 * but never a bare import, so the module still loads, as tsc's output would load it.
 */
function withSideEffectImports(source: string): string {
  return source.replace(/^([ \t]*)import(\s+(?!type\b)[\w$*{},\s]+?\s*from\s*)(['"][^'"\n]+['"])/gm, '$1import $3; import$2$3');
}

function parserFor(filename: string): import('@swc/core').ParserConfig {
  if (filename.endsWith('.jsx')) return { syntax: 'ecmascript', jsx: true, decorators: true };
  return { syntax: 'typescript', tsx: filename.endsWith('.tsx'), decorators: true };
}

function transformWithSwc(swcModule: SwcModule, source: string, filename: string, format: ModuleFormat, settings: CompileSettings): string {
  const { jsx } = settings;
  const result = swcModule.transformSync(source, {
    filename,
    sourceMaps: 'inline',
    inlineSourcesContent: true,
    swcrc: false,
    configFile: false,
    jsc: {
      parser: parserFor(filename),
      transform: {
        ...(settings.legacyDecorators ? { legacyDecorator: true, decoratorMetadata: settings.decoratorMetadata } : { decoratorVersion: '2022-03' }),
        useDefineForClassFields: settings.useDefineForClassFields,
        verbatimModuleSyntax: settings.verbatimModuleSyntax,
        react:
          jsx.runtime === 'automatic'
            ? { runtime: 'automatic', importSource: jsx.importSource, development: jsx.development }
            : { runtime: 'classic', pragma: jsx.pragma, pragmaFrag: jsx.pragmaFrag },
      },
      target: settings.target,
      keepClassNames: true,
      experimental: { keepImportAttributes: true },
    },
    module: format === 'esm' ? { type: 'es6' } : { type: 'commonjs', ignoreDynamic: true },
  });
  return result.code;
}

/**
 * JavaScript for a TypeScript source, from the cache when it has it.
 *
 * @param source - the file's TypeScript text.
 * @param filename - its absolute path (goes into the source map).
 * @param format - emit ES module or CommonJS code.
 * @param settings - what the tsconfig asks for; by default read from the file's nearest tsconfig.json.
 * @returns the compiled code with an inline source map.
 * @throws SyntaxError when the source does not compile; `TsconfigError` when its tsconfig cannot be read.
 */
export function transformTypeScript(source: string, filename: string, format: ModuleFormat, settings: CompileSettings = compileSettingsFor(filename)): string {
  const key = createHash('sha1')
    .update(TRANSFORM_VERSION)
    .update('\0')
    .update(format)
    .update('\0')
    .update(JSON.stringify(settings))
    .update('\0')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const dir = cacheDirectory();
  if (dir === null) return compile(source, filename, format, settings);
  const cached = path.join(dir, key.slice(0, 2), `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const code = compile(source, filename, format, settings);
  try {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    replaceFile(cached, code);
  } catch {
    // A read-only or full cache only costs speed.
  }
  return code;
}
