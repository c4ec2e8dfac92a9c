/**
 * Makes this thread able to load TypeScript test files with no build step. Must run in
 * every thread that loads tests: hooks registered in the main thread do not reach worker
 * threads on Node 20 (research/node20-mechanics.md §4.3).
 *
 * CommonJS needs only a `require` hook (cheap). ES-module TypeScript needs Node's module
 * hooks (registerEsmHooks.ts; on Node 20 they start a loader thread, ≈45 ms), so those
 * are registered only when the first ES-module TypeScript file is about to be imported.
 *
 * @packageDocumentation
 */
import { pathToFileURL } from 'node:url';
import { installCjsHook } from './cjsHook';
import { moduleFormatOf, needsCompiling } from './moduleFormat';
import { registerEsmHooks } from './registerEsmHooks';

/** Turn on native source maps and the CommonJS hook for this thread. */
export function registerTypeScript(): void {
  process.setSourceMapsEnabled(true);
  installCjsHook();
}

/**
 * Load a test file the way Node would, compiling TypeScript on the way.
 *
 * @param file - absolute path.
 * @returns the module's exports (the namespace for an ES module).
 */
export async function importTestFile(file: string): Promise<Record<string, unknown>> {
  if (moduleFormatOf(file) === 'cjs') return require(file) as Record<string, unknown>;
  if (needsCompiling(file)) registerEsmHooks();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
