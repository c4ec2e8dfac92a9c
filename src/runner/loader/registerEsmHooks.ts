/**
 * Registers the ES-module hooks in this thread, once: with `module.registerHooks` where
 * Node has it (synchronous, in this thread; `module.register` is deprecated from Node
 * 26), else with `module.register` (Node 20: esmHooks.mts in a loader thread, ≈45 ms to
 * start). Callers do it only when an ES module that needs compiling is about to load: a
 * TypeScript test file, or CommonJS TypeScript that calls `import()`. `require()` is
 * left to the CommonJS hook (cjsHook.ts) in both cases.
 *
 * @packageDocumentation
 */
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { compiledModule, fallbackSpecifiers, mappedUrl } from './esmSteps';
import { receiveImportsFrom, recordImport } from './moduleGraph';
import { processKeys } from '../../platform/processKeys';

const ESM_REGISTERED = processKeys.loaderEsm;

interface HookContext {
  parentURL?: string;
  conditions?: readonly string[];
}
type Resolved = { url: string; format?: string | null };
type Loaded = { format?: string | null; source?: unknown };
interface SyncHooks {
  resolve(specifier: string, context: HookContext, next: (specifier: string, context?: HookContext) => Resolved): Resolved;
  load(url: string, context: HookContext, next: (url: string, context?: HookContext) => Loaded): Loaded;
}
type RegisterHooks = (hooks: SyncHooks) => unknown;

const fromRequire = (context: HookContext): boolean => context.conditions?.includes('require') === true;

/** The same decisions as esmHooks.mts, made synchronously; each import is told to the module graph. */
const SYNC_HOOKS: SyncHooks = {
  resolve(specifier, context, next) {
    const resolved = resolveTypeScript(specifier, context, next);
    if (!fromRequire(context)) recordImport(context.parentURL, resolved.url);
    return resolved;
  },
  load(url, context, next) {
    return (fromRequire(context) ? undefined : compiledModule(url)) ?? next(url, context);
  },
};

/** tsconfig `paths` first, then Node, then the `.ts` twins of what Node did not find. */
function resolveTypeScript(specifier: string, context: HookContext, next: (specifier: string, context?: HookContext) => Resolved): Resolved {
  if (fromRequire(context)) return next(specifier, context);
  const mapped = mappedUrl(specifier, context.parentURL);
  if (mapped !== undefined) return next(mapped, context);
  try {
    return next(specifier, context);
  } catch (error) {
    for (const alternative of fallbackSpecifiers(specifier, context.parentURL, context.conditions)) {
      try {
        return next(alternative, context);
      } catch {
        // try the next one
      }
    }
    throw error;
  }
}

/** Register the hooks unless this thread already has them. */
export function registerEsmHooks(): void {
  const holder = globalThis as { [ESM_REGISTERED]?: boolean };
  if (holder[ESM_REGISTERED]) return;
  holder[ESM_REGISTERED] = true;
  const registerHooks = (Module as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === 'function') registerHooks(SYNC_HOOKS);
  else registerInLoaderThread();
}

/** Node 20: the hooks run in a loader thread, which posts the import edges back over a port. */
function registerInLoaderThread(): void {
  const { port1, port2 } = new MessageChannel();
  receiveImportsFrom(port1);
  Module.register(pathToFileURL(path.join(__dirname, 'esmHooks.mjs')).href, { data: { graphPort: port2 }, transferList: [port2] });
}
