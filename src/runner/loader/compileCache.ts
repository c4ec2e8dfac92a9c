/**
 * Node's module compile cache (`module.enableCompileCache`, Node 22.1 and later): V8 keeps
 * the compiled code of every module it loads in a folder and reuses it while the source is
 * unchanged, which saves most of the time spent compiling the runner's own ~200 modules
 * and the (already transformed) test files on every start. It is per thread, so the
 * launcher and each worker turn it on for themselves, before they load anything else.
 *
 * The folder is the loader's per-user cache (cacheFolder.ts): V8 runs what it finds
 * there. Not turned on for coverage runs: code from the cache would make V8's counts less
 * precise. `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as for any Node program.
 *
 * @packageDocumentation
 */
import Module from 'node:module';
import { cacheFolder } from './cacheFolder';

type EnableCompileCache = (directory: string) => { status: number; directory?: string };

/**
 * Turn the compile cache on in this thread, where Node has it.
 *
 * @param coverage - whether this thread collects coverage (then it stays off).
 * @returns the folder in use, or null when the cache stays off.
 * @example
 * ```ts
 * enableCompileCache(process.argv.includes('--coverage'));
 * ```
 */
export function enableCompileCache(coverage: boolean): string | null {
  const enable = (Module as unknown as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function' || coverage) return null;
  const folder = cacheFolder('compile');
  if (folder === null) return null;
  try {
    return enable(folder).directory ?? null;
  } catch {
    return null; // a cache that cannot be used only costs speed
  }
}

