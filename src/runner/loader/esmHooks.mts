/**
 * Module customization hooks (Node's `module.register`) that load TypeScript as ES
 * modules. They run in Node's loader thread; the actual compiling is shared with the
 * CommonJS hook (transform.ts). A TypeScript file whose format is CommonJS is handed
 * back to the CommonJS loader, where the `require` hook compiles it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';

const require = createRequire(import.meta.url);
const { transformTypeScript } = require('./transform.js') as typeof import('./transform.js');
const { moduleFormatOf, isTypeScript } = require('./moduleFormat.js') as typeof import('./moduleFormat.js');

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string; format?: string }>;
type NextLoad = (url: string, context: unknown) => Promise<{ format: string; source?: unknown }>;

const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Resolve `./x.js` to `./x.ts` when only the TypeScript file exists. */
export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const dot = specifier.lastIndexOf('.');
    const alternatives = specifier.startsWith('.') && dot > 0 ? JS_TO_TS[specifier.slice(dot)] : undefined;
    if (alternatives === undefined) throw error;
    for (const ext of alternatives) {
      try {
        return await nextResolve(specifier.slice(0, dot) + ext, context);
      } catch {
        // try the next extension
      }
    }
    throw error;
  }
}

/** Compile TypeScript files; leave everything else to Node. */
export async function load(url: string, context: unknown, nextLoad: NextLoad) {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!isTypeScript(file)) return nextLoad(url, context);
  const source = fs.readFileSync(file, 'utf8');
  // CommonJS TypeScript imported from an ES module: hand Node the compiled CommonJS so its
  // named exports are found (without a source Node would lex the .ts text and find none).
  if (moduleFormatOf(file) === 'cjs') return { format: 'commonjs', source: transformTypeScript(source, file, 'cjs'), shortCircuit: true };
  return { format: 'module', source: transformTypeScript(source, file, 'esm'), shortCircuit: true };
}
