/**
 * Module customization hooks (Node's `module.register`) that load TypeScript as ES
 * modules. They run in Node's loader thread; compiling and the TypeScript-aware
 * resolution (alternativeFiles.ts) are shared with the CommonJS hook. A TypeScript file
 * whose format is CommonJS is handed back compiled to CommonJS.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fs from 'node:fs';

const require = createRequire(import.meta.url);
const { transformTypeScript } = require('./transform.js') as typeof import('./transform.js');
const { moduleFormatOf, needsCompiling } = require('./moduleFormat.js') as typeof import('./moduleFormat.js');
const { packageImportTarget, pathsTarget, typeScriptTwins } = require('./alternativeFiles.js') as typeof import('./alternativeFiles.js');

interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string }>;
type NextLoad = (url: string, context: unknown) => Promise<{ format: string; source?: unknown }>;

/**
 * Resolve what TypeScript projects write: tsconfig `paths` first (as tsc does), then
 * Node's own answer, then `.ts` twins of missing `.js` files (relative or through
 * package.json `imports`).
 */
export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  const parentFile = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  const mapped = parentFile === undefined ? undefined : pathsTarget(specifier, parentFile);
  if (mapped !== undefined) return nextResolve(pathToFileURL(mapped).href, context);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const imported = parentFile === undefined ? undefined : packageImportTarget(specifier, parentFile, context.conditions ?? ['node', 'import']);
    if (imported !== undefined) return nextResolve(pathToFileURL(imported).href, context);
    if (!/^(\.|\/|file:)/.test(specifier)) throw error;
    for (const twin of typeScriptTwins(specifier)) {
      try {
        return await nextResolve(twin, context);
      } catch {
        // try the next extension
      }
    }
    throw error;
  }
}

/** Compile TypeScript and JSX files; leave everything else to Node. */
export async function load(url: string, context: unknown, nextLoad: NextLoad) {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!needsCompiling(file)) return nextLoad(url, context);
  const source = fs.readFileSync(file, 'utf8');
  // CommonJS TypeScript imported from an ES module: hand Node the compiled CommonJS so its
  // named exports are found (without a source Node would lex the .ts text and find none).
  if (moduleFormatOf(file) === 'cjs') return { format: 'commonjs', source: transformTypeScript(source, file, 'cjs'), shortCircuit: true };
  return { format: 'module', source: transformTypeScript(source, file, 'esm'), shortCircuit: true };
}
