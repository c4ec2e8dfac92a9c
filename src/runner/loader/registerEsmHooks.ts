/**
 * Registers the ES-module hooks (esmHooks.mts) in this thread, once. `module.register`
 * starts Node's loader thread (≈45 ms), so callers do it only when an ES module that
 * needs compiling is about to load: a TypeScript test file, or CommonJS TypeScript that
 * calls `import()`.
 *
 * @packageDocumentation
 */
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ESM_REGISTERED = Symbol.for('trial-ts.loader.esm');

/** Register the hooks unless this thread already has them. */
export function registerEsmHooks(): void {
  const holder = globalThis as { [ESM_REGISTERED]?: boolean };
  if (holder[ESM_REGISTERED]) return;
  holder[ESM_REGISTERED] = true;
  Module.register(pathToFileURL(path.join(__dirname, 'esmHooks.mjs')).href);
}
