/**
 * Makes this thread able to load TypeScript test files with no build step. Must run in
 * every thread that loads tests: hooks registered in the main thread do not reach worker
 * threads on Node 20 (research/node20-mechanics.md §4.3).
 *
 * CommonJS needs only a `require` hook (cheap). ES-module TypeScript needs Node's
 * `module.register` hooks, which start a loader thread (≈45 ms), so those are registered
 * only when the first ES-module TypeScript file is about to be imported.
 *
 * @packageDocumentation
 */
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installCjsHook } from './cjsHook';
import { isTypeScript, moduleFormatOf } from './moduleFormat';

const ESM_REGISTERED = Symbol.for('trial-ts.loader.esm');

/** Turn on native source maps and the CommonJS hook for this thread. */
export function registerTypeScript(): void {
  process.setSourceMapsEnabled(true);
  installCjsHook();
}

function ensureEsmHooks(): void {
  const holder = globalThis as { [ESM_REGISTERED]?: boolean };
  if (holder[ESM_REGISTERED]) return;
  holder[ESM_REGISTERED] = true;
  Module.register(pathToFileURL(path.join(__dirname, 'esmHooks.mjs')).href);
}

/**
 * Load a test file the way Node would, compiling TypeScript on the way.
 *
 * @param file - absolute path.
 * @returns the module's exports (the namespace for an ES module).
 */
export async function importTestFile(file: string): Promise<Record<string, unknown>> {
  if (moduleFormatOf(file) === 'cjs') return require(file) as Record<string, unknown>;
  if (isTypeScript(file)) ensureEsmHooks();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
