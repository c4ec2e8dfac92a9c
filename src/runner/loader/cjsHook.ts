/**
 * Teaches `require()` in this thread to load TypeScript: `.ts`, `.cts`, `.tsx` (and
 * `.jsx`) files are compiled by {@link transformTypeScript}, and resolution learns what
 * TypeScript projects rely on (alternativeFiles.ts): `./x.js` that does not exist falls
 * back to `./x.ts`, tsconfig `paths` map bare specifiers, and package.json `imports`
 * targets get the same `.js` → `.ts` fallback.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import { packageImportTarget, pathsTarget, typeScriptTwins } from './alternativeFiles';
import { registerEsmHooks } from './registerEsmHooks';
import { transformTypeScript } from './transform';
import { processKeys } from '../../platform/processKeys';

interface CompilableModule {
  _compile(code: string, filename: string): void;
}

type Loader = (module: CompilableModule, filename: string) => void;

interface ModuleInternals {
  _extensions: Record<string, Loader>;
  _resolveFilename(request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean, options?: unknown): string;
}

const INSTALLED = processKeys.loaderCjs;
const REQUIRE_CONDITIONS = ['node', 'require'];

/** Install the hook once per thread (later calls do nothing). */
export function installCjsHook(): void {
  const internals = Module as unknown as ModuleInternals & { [INSTALLED]?: boolean };
  if (internals[INSTALLED]) return;
  internals[INSTALLED] = true;

  const compileTs: Loader = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    // Compiled CommonJS keeps `import()`, which goes through the ES-module loader: it
    // needs the hooks to load TypeScript, and they must be there before the call runs.
    if (/\bimport\s*\(/.test(source)) registerEsmHooks();
    module._compile(transformTypeScript(source, filename, 'cjs'), filename);
  };
  for (const ext of ['.ts', '.cts', '.tsx', '.jsx']) internals._extensions[ext] = compileTs;

  const resolve = internals._resolveFilename;
  internals._resolveFilename = function resolveWithTypeScript(request, parent, isMain, options) {
    const parentFile = typeof parent?.filename === 'string' ? parent.filename : undefined;
    const mapped = parentFile === undefined ? undefined : pathsTarget(request, parentFile);
    if (mapped !== undefined) return mapped;
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (error) {
      const imported = parentFile === undefined ? undefined : packageImportTarget(request, parentFile, REQUIRE_CONDITIONS);
      if (imported !== undefined) return imported;
      if (!/^(\.|\/)/.test(request)) throw error;
      for (const twin of typeScriptTwins(request)) {
        try {
          return resolve.call(this, twin, parent, isMain, options);
        } catch {
          // try the next extension
        }
      }
      throw error;
    }
  };
}
