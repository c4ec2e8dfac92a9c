/**
 * The module graph of this thread, as files load: which local files each module imports.
 * `require()` edges are read from Node's own record (`module.children`, which lists a
 * cached child too); `import` edges are told by the ES-module resolve hook (in this
 * thread with `module.registerHooks`, over a port from the loader thread on Node 20).
 * Watch mode and `--changed` ask it which local files a test file depends on.
 *
 * Files under node_modules and Node's built-ins are left out: they are not the user's
 * sources, and watching them would cost more than it tells.
 *
 * @packageDocumentation
 */
import Module from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { processKeys, processRegistry } from '../../platform/processKeys';
import { RUNTIME_ROOT } from '../stack';

/** Per-thread state, shared by both copies of the library (see CONTRIBUTING: two copies). */
interface GraphState {
  /** `import` edges: importing file → imported files. */
  imports: Map<string, Set<string>>;
  /** Where the Node 20 loader thread posts its edges, drained before each question. */
  port?: MessagePort;
}


/**
 * The module that loads test files (registerTypeScript.ts, compiled or not): every test
 * file is its child, which makes none of them a dependency of whatever imports it.
 */
const TEST_FILE_LOADERS = new Set(['.js', '.ts'].map((ext) => path.join(__dirname, `registerTypeScript${ext}`)));

/**
 * The running runner's own compiled files and the runtime package's: library code, like
 * node_modules (through a linked install their real paths lie outside it). Leaving them out
 * keeps each test file's entry to the project's files, and spares walking ~300 of the
 * runner's modules for every test file (half a second on 200 files).
 */
const LIBRARY_FOLDERS = [path.resolve(__dirname, '..', '..'), path.join(RUNTIME_ROOT, 'dist')].map((folder) => folder + path.sep);

function state(): GraphState {
  return processRegistry(processKeys.loaderModuleGraph, (): GraphState => ({ imports: new Map() }));
}

/** A local source file: a `file:` URL or path outside node_modules; else undefined. */
function localFile(urlOrPath: string | undefined): string | undefined {
  if (urlOrPath === undefined) return undefined;
  let file: string;
  if (urlOrPath.startsWith('file:')) file = fileURLToPath(urlOrPath);
  else if (urlOrPath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(urlOrPath)) file = urlOrPath;
  else return undefined; // node:fs, data:, a built-in's bare name
  if (/[\\/]node_modules[\\/]/.test(file) || LIBRARY_FOLDERS.some((folder) => file.startsWith(folder))) return undefined;
  return file;
}

/**
 * Record that `parent` imports `child` (URLs or absolute paths; others are ignored).
 *
 * @param parent - the importing module's URL or path.
 * @param child - the resolved URL or path of what it imports.
 */
export function recordImport(parent: string | undefined, child: string | undefined): void {
  const edge = localImport(parent, child);
  if (edge === undefined) return;
  const imports = state().imports;
  let targets = imports.get(edge[0]);
  if (targets === undefined) imports.set(edge[0], (targets = new Set()));
  targets.add(edge[1]);
}

/**
 * The edge the graph keeps for `parent` importing `child`: both local files, as paths; else
 * undefined (a package, a built-in, the runner's own files, a test file's loader). The Node 20
 * loader thread asks it before posting, so the edges nobody keeps cross no thread: in a test
 * suite most imports are packages and the runner's API (≈2 posts a test file, ≈0.1 ms each).
 *
 * @param parent - the importing module's URL or path.
 * @param child - the resolved URL or path of what it imports.
 * @returns `[from, to]` absolute paths, or undefined.
 */
export function localImport(parent: string | undefined, child: string | undefined): [string, string] | undefined {
  const from = localFile(parent);
  if (from === undefined || TEST_FILE_LOADERS.has(from)) return undefined;
  const to = localFile(child);
  return to === undefined || from === to ? undefined : [from, to];
}

/**
 * Receive the edges of a loader thread (Node 20's `module.register`) through `port`.
 *
 * @param port - the end the loader thread does not hold; it is unref'd (it must not keep the thread alive).
 */
export function receiveImportsFrom(port: MessagePort): void {
  port.unref();
  state().port = port;
}

/** Move what the loader thread posted into the graph: it posted before the import it served returned. */
function drainPort(): void {
  const port = state().port;
  if (port === undefined) return;
  for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
    const [from, to] = message.message as [string, string];
    recordImport(from, to);
  }
}

/** The local files a loaded file imports directly, by `require()` or `import`. */
function directDependencies(file: string): string[] {
  if (TEST_FILE_LOADERS.has(file)) return [];
  const cached = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache[file];
  const required = (cached?.children ?? []).map((child) => localFile(child.filename));
  const imported = state().imports.get(file) ?? [];
  return [...required, ...imported].filter((dependency): dependency is string => dependency !== undefined);
}

/**
 * Every local file `file` depends on, directly or through others (itself excluded),
 * as far as this thread has loaded them.
 *
 * @param file - an absolute path of a loaded module (a test file).
 * @returns absolute paths, sorted.
 */
export function dependenciesOf(file: string): string[] {
  drainPort();
  const seen = new Set<string>([file]);
  const pending = [file];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const dependency of directDependencies(next)) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      pending.push(dependency);
    }
  }
  seen.delete(file);
  return [...seen].sort();
}
