/**
 * Teaches `require()` in this thread to load TypeScript: `.ts`, `.cts` and `.tsx` files
 * are compiled by {@link transformTypeScript}, and a relative `./x.js` that does not
 * exist falls back to `./x.ts` (the NodeNext style of writing TypeScript imports).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import { transformTypeScript } from './transform';

interface CompilableModule {
  _compile(code: string, filename: string): void;
}

type Loader = (module: CompilableModule, filename: string) => void;

interface ModuleInternals {
  _extensions: Record<string, Loader>;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
}

const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

const INSTALLED = Symbol.for('trial-ts.loader.cjs');

/** Install the hook once per thread (later calls do nothing). */
export function installCjsHook(): void {
  const internals = Module as unknown as ModuleInternals & { [INSTALLED]?: boolean };
  if (internals[INSTALLED]) return;
  internals[INSTALLED] = true;

  const compileTs: Loader = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(transformTypeScript(source, filename, 'cjs'), filename);
  };
  for (const ext of ['.ts', '.cts', '.tsx']) internals._extensions[ext] = compileTs;

  const resolve = internals._resolveFilename;
  internals._resolveFilename = function resolveWithTypeScript(request, parent, isMain, options) {
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (error) {
      const dot = request.lastIndexOf('.');
      const alternatives = request.startsWith('.') && dot > 0 ? JS_TO_TS[request.slice(dot)] : undefined;
      if (alternatives === undefined) throw error;
      for (const ext of alternatives) {
        try {
          return resolve.call(this, request.slice(0, dot) + ext, parent, isMain, options);
        } catch {
          // try the next extension
        }
      }
      throw error;
    }
  };
}
