/**
 * The part of a tsconfig that changes the JavaScript the loader emits, as one plain
 * object: it chooses swc's options and is part of the transform cache key, so editing
 * tsconfig.json never serves stale output. Everything else in a tsconfig (strictness,
 * lib, types, outDir...) concerns type checking, which stays `tsc --noEmit`'s job.
 *
 * @packageDocumentation
 */
import type { TsCompilerOptions } from './tsconfigFor';
import { tsconfigFor } from './tsconfigFor';

/** ECMAScript versions the loader emits, oldest first. */
const TARGETS = ['es2015', 'es2016', 'es2017', 'es2018', 'es2019', 'es2020', 'es2021', 'es2022'] as const;

/** An ECMAScript version swc emits. */
export type EmitTarget = (typeof TARGETS)[number];

/** How JSX is compiled. */
export interface JsxSettings {
  /** `classic`: `React.createElement` (or `pragma`); `automatic`: imports from `importSource/jsx-runtime`. */
  runtime: 'classic' | 'automatic';
  importSource: string;
  pragma: string;
  pragmaFrag: string;
  /** `react-jsxdev`: the development runtime (`jsxDEV`, with source positions). */
  development: boolean;
}

/** What the loader takes from a tsconfig to compile a file. */
export interface CompileSettings {
  target: EmitTarget;
  jsx: JsxSettings;
  /** `experimentalDecorators`: TypeScript's legacy decorators instead of the standard ones. */
  legacyDecorators: boolean;
  /** `emitDecoratorMetadata` (legacy decorators only): `design:type` and friends. */
  decoratorMetadata: boolean;
  useDefineForClassFields: boolean;
  /** `verbatimModuleSyntax`: imports are kept exactly as written (only `import type` goes). */
  verbatimModuleSyntax: boolean;
  /** `importsNotUsedAsValues: preserve | error`: an import whose names are all unused still loads its module. */
  keepImportSideEffects: boolean;
}

/**
 * The emitted version: the tsconfig's, but never below ES2015 (test classes extend the
 * runner's native classes, which ES5 functions cannot) nor above ES2022 (what Node 20
 * runs; newer syntax is lowered rather than left for Node to reject).
 */
function emitTarget(target: string | undefined): EmitTarget {
  const wanted = (target ?? 'es2022').toLowerCase();
  if (wanted === 'es3' || wanted === 'es5' || wanted === 'es6') return 'es2015';
  return (TARGETS as readonly string[]).includes(wanted) ? (wanted as EmitTarget) : 'es2022';
}

/** The year of an ES version (`es5` → 5, `es6` → 2015, `esnext` → Infinity). */
function targetYear(target: string): number {
  if (target === 'esnext') return Infinity;
  if (target === 'es6') return 2015;
  const match = /^es(\d+)$/.exec(target);
  return match === null ? 2022 : Number(match[1]);
}

function jsxSettings(options: TsCompilerOptions): JsxSettings {
  const mode = (options.jsx ?? 'react').toLowerCase();
  // `preserve` and `react-native` leave JSX for another tool, but Node cannot run JSX:
  // compile it with the automatic runtime, which is what those projects' bundlers use.
  const automatic = mode === 'react-jsx' || mode === 'react-jsxdev' || mode === 'preserve' || mode === 'react-native';
  return {
    runtime: automatic ? 'automatic' : 'classic',
    importSource: options.jsxImportSource ?? 'react',
    pragma: options.jsxFactory ?? 'React.createElement',
    pragmaFrag: options.jsxFragmentFactory ?? 'React.Fragment',
    development: mode === 'react-jsxdev',
  };
}

/**
 * Compile settings from a tsconfig's compiler options.
 *
 * @param options - resolved `compilerOptions` (get-tsconfig fills implied defaults), or
 *   undefined for a file with no tsconfig.
 * @returns the settings; with no options, the loader's defaults (ES2022, standard
 *   decorators, define semantics for class fields, classic JSX).
 */
export function compileSettingsFrom(options: TsCompilerOptions = {}): CompileSettings {
  const target = emitTarget(options.target);
  const legacyDecorators = options.experimentalDecorators === true;
  const notUsed = options.importsNotUsedAsValues?.toLowerCase();
  const rawTarget = (options.target ?? 'es2022').toLowerCase();
  return {
    target,
    jsx: jsxSettings(options),
    legacyDecorators,
    decoratorMetadata: legacyDecorators && options.emitDecoratorMetadata === true,
    // tsc's default: define semantics from ES2022 on, assignments before.
    useDefineForClassFields: options.useDefineForClassFields ?? targetYear(rawTarget) >= 2022,
    verbatimModuleSyntax: options.verbatimModuleSyntax === true,
    keepImportSideEffects: options.verbatimModuleSyntax !== true && (notUsed === 'preserve' || notUsed === 'error'),
  };
}

/**
 * Compile settings for a file, from its nearest tsconfig.json.
 *
 * @param file - absolute path of the file to compile.
 * @returns the settings (the defaults when no tsconfig applies).
 * @throws {@link TsconfigError} when its tsconfig.json cannot be read.
 */
export function compileSettingsFor(file: string): CompileSettings {
  return compileSettingsFrom(tsconfigFor(file)?.compilerOptions);
}
