/**
 * Module customization hooks for `module.register` (Node 20, which has no
 * `module.registerHooks`): they run in Node's loader thread and load TypeScript as ES
 * modules. What they decide is in esmSteps.ts, shared with the synchronous hooks.
 */
import { createRequire } from 'node:module';
import type { MessagePort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { compiledModule, fallbackSpecifiers, mappedUrl } = require('./esmSteps.js') as typeof import('./esmSteps.js');
const { localImport } = require('./moduleGraph.js') as typeof import('./moduleGraph.js');

interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string }>;
type NextLoad = (url: string, context: unknown) => Promise<{ format: string; source?: unknown }>;

/** Where each import edge is posted for the thread's module graph (moduleGraph.ts). */
let graphPort: MessagePort | undefined;

/** Called by `module.register` with the port of the module graph. */
export function initialize(data: { graphPort?: MessagePort } | undefined): void {
  graphPort = data?.graphPort;
}

/** Resolve, and tell the module graph which local file imports which (only those: a post costs ≈0.1 ms). */
export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  const resolved = await resolveTypeScript(specifier, context, nextResolve);
  const edge = graphPort === undefined ? undefined : localImport(context.parentURL, resolved.url);
  if (edge !== undefined) graphPort?.postMessage(edge);
  return resolved;
}

/** tsconfig `paths` first, then Node, then the `.ts` twins of what Node did not find. */
async function resolveTypeScript(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  const mapped = mappedUrl(specifier, context.parentURL);
  if (mapped !== undefined) return nextResolve(mapped, context);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    for (const alternative of fallbackSpecifiers(specifier, context.parentURL, context.conditions)) {
      try {
        return await nextResolve(alternative, context);
      } catch {
        // try the next one
      }
    }
    throw error;
  }
}

/** Compile TypeScript and JSX files; leave everything else to Node. */
export async function load(url: string, context: unknown, nextLoad: NextLoad) {
  return compiledModule(url) ?? nextLoad(url, context);
}
