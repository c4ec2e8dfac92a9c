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
import * as path from 'node:path';
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
 * Register the ES-module hooks now when `folder` is in an ES-module package
 * (`"type": "module"`), whose TypeScript test files will need them: a worker does it
 * while it waits for its first batch, which on Node 20 takes the loader thread's start
 * off the path to the first test.
 *
 * @param folder - the run's working directory.
 * @returns whether the hooks are registered now.
 */
export function registerEsmHooksForPackage(folder: string): boolean {
  if (moduleFormatOf(path.join(folder, 'index.ts')) !== 'esm') return false;
  registerEsmHooks();
  return true;
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
