/**
 * The decisions of the ES-module hooks, shared by the two ways Node offers to install
 * them: `module.register` (Node 20, asynchronous, in a loader thread: esmHooks.mts) and
 * `module.registerHooks` (newer Nodes, synchronous, in the thread itself:
 * registerEsmHooks.ts). Each hook calls Node's next step itself; these say what to ask.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBareSpecifier, packageImportTarget, pathsTarget, typeScriptTwins } from './alternativeFiles';
import { moduleFormatOf, needsCompiling } from './moduleFormat';
import { transformTypeScript } from './transform';

function parentFileOf(parentURL: string | undefined): string | undefined {
  return parentURL?.startsWith('file:') ? fileURLToPath(parentURL) : undefined;
}

/**
 * The URL tsconfig `paths` map a specifier to, tried before Node's own resolution (as
 * tsc does), or undefined.
 *
 * @param specifier - what the module imports.
 * @param parentURL - the importing module's URL.
 */
export function mappedUrl(specifier: string, parentURL: string | undefined): string | undefined {
  // `paths` map bare specifiers only: the others (most imports) need not turn the URL into a path.
  if (!isBareSpecifier(specifier)) return undefined;
  const parentFile = parentFileOf(parentURL);
  const mapped = parentFile === undefined ? undefined : pathsTarget(specifier, parentFile);
  return mapped === undefined ? undefined : pathToFileURL(mapped).href;
}

/**
 * What to try, in order, after Node failed to resolve `specifier`: the TypeScript file a
 * package.json `imports` target means, or the `.ts` twins of a relative `.js` name.
 *
 * @param specifier - what the module imports.
 * @param parentURL - the importing module's URL.
 * @param conditions - the active export conditions.
 */
export function fallbackSpecifiers(specifier: string, parentURL: string | undefined, conditions: readonly string[] = ['node', 'import']): string[] {
  const parentFile = parentFileOf(parentURL);
  const imported = parentFile === undefined ? undefined : packageImportTarget(specifier, parentFile, conditions);
  if (imported !== undefined) return [pathToFileURL(imported).href];
  return /^(\.|\/|file:)/.test(specifier) ? typeScriptTwins(specifier) : [];
}

/**
 * The compiled module for a TypeScript or JSX file URL, or undefined for anything Node
 * loads itself. A file whose format is CommonJS is handed back as compiled CommonJS, so
 * its named exports are found (from the .ts text Node would find none).
 *
 * @param url - the resolved URL.
 * @throws SyntaxError when the file does not compile; `TsconfigError` for an unreadable tsconfig.
 */
export function compiledModule(url: string): { format: 'module' | 'commonjs'; source: string; shortCircuit: true } | undefined {
  if (!url.startsWith('file:')) return undefined;
  const file = fileURLToPath(url);
  if (!needsCompiling(file)) return undefined;
  const source = fs.readFileSync(file, 'utf8');
  if (moduleFormatOf(file) === 'cjs') return { format: 'commonjs', source: transformTypeScript(source, file, 'cjs'), shortCircuit: true };
  return { format: 'module', source: transformTypeScript(source, file, 'esm'), shortCircuit: true };
}
