/**
 * Every word the janitor says to users, as tables with fallbacks: what a leaked
 * resource is called, how to close it, and how one leak reads as a line of a
 * `DirtyReactorAggregateError`. Every message says what happened, then the code to call.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { LeakReport, SourceLocation } from '../runner/events';

/** The broad kinds of resources, used by config `leaks.ignore` (`kind: 'timer'`). */
export type ResourceKind =
  | 'timer'
  | 'server'
  | 'socket'
  | 'udp'
  | 'child'
  | 'watcher'
  | 'file'
  | 'worker'
  | 'other';

/** How a resource type is named: its kind (for allow-list rules) and its noun. */
export interface ResourceName {
  /** The kind it belongs to, for allow-list rules. */
  kind: ResourceKind;
  /** Indefinite noun phrase, e.g. "a timer", for a resource describe.ts has no words for. */
  noun: string;
}

/** Names of the async resource types the janitor tracks, keyed by async_hooks type. */
export const RESOURCE_NAMES: Readonly<Record<string, ResourceName>> = {
  Timeout: { kind: 'timer', noun: 'a timer' },
  Immediate: { kind: 'timer', noun: 'an immediate' },
  TCPSERVERWRAP: { kind: 'server', noun: 'a TCP server' },
  PIPESERVERWRAP: { kind: 'server', noun: 'an IPC server' },
  TCPWRAP: { kind: 'socket', noun: 'a TCP socket' },
  PIPEWRAP: { kind: 'socket', noun: 'a pipe' },
  UDPWRAP: { kind: 'udp', noun: 'a UDP socket' },
  PROCESSWRAP: { kind: 'child', noun: 'a child process' },
  FSEVENTWRAP: { kind: 'watcher', noun: 'a file watcher' },
  STATWATCHER: { kind: 'watcher', noun: 'a file poller' },
  FILEHANDLE: { kind: 'file', noun: 'a file handle' },
  WORKER: { kind: 'worker', noun: 'a worker thread' },
  MEMORYCONNECTION: { kind: 'socket', noun: 'a memory connection' },
  MEMORYREQUEST: { kind: 'socket', noun: 'a memory fetch' },
};

/** The name of a resource type the table does not know. */
export const FALLBACK_RESOURCE_NAME: ResourceName = {
  kind: 'other',
  noun: 'a resource',
};

/** How to close each kind of resource, keyed by async_hooks type (a few by a finer variant). */
export const CLOSE_HINTS: Readonly<Record<string, string>> = {
  Timeout:
    'Clear it with `clearTimeout(t)`, or register `this.addCleanup(() => clearTimeout(t))` right after creating it.',
  'Timeout:interval':
    'Clear it with `clearInterval(t)`, or register `this.addCleanup(() => clearInterval(t))` right after creating it.',
  'Timeout:callLater':
    'Cancel it with `call.cancel()`, or wait for it to fire before the test ends.',
  Immediate: 'Await it, or cancel it with `clearImmediate(i)` before the test ends.',
  TCPSERVERWRAP:
    'Close it with `await new Promise((r) => server.close(r))` in a cleanup (for HTTP servers also call `server.closeAllConnections()`).',
  PIPESERVERWRAP: 'Close it with `await new Promise((r) => server.close(r))` in a cleanup.',
  TCPWRAP:
    'Close it with `socket.destroy()` (or `client.end()` for a database client) in a cleanup; if a pool or client made in setUpClass opened it, wrap that object with `suiteScoped(...)`.',
  'TCPWRAP:accepted':
    'The server still holds this connection: call `server.closeAllConnections()` or destroy the socket in a cleanup.',
  'TCPWRAP:keepAlive':
    'A keep-alive agent kept this connection: use `agent.destroy()`, or pass `agent: false` for one-off requests.',
  PIPEWRAP: 'Close it with `socket.destroy()` in a cleanup.',
  'PIPEWRAP:client':
    'Close it with `socket.destroy()` (or `client.end()` for a database client) in a cleanup; if a pool or client made in setUpClass opened it, wrap that object with `suiteScoped(...)`.',
  UDPWRAP: 'Close it with `socket.close()` in a cleanup.',
  PROCESSWRAP:
    'Wait for it to exit (`await once(child, "exit")`), or kill it with `child.kill()` in a cleanup.',
  FSEVENTWRAP: 'Close it with `watcher.close()` in a cleanup.',
  STATWATCHER: 'Stop it with `fs.unwatchFile(path)` in a cleanup.',
  FILEHANDLE: 'Close it with `await handle.close()`, for example in a `finally` block.',
  WORKER:
    'Wait for it to exit (`await once(worker, "exit")`; a worker whose script has ended is still running until then), or terminate it with `await worker.terminate()` in a cleanup.',
  MEMORYCONNECTION:
    'Close it with `socket.destroy()` (or `socket.end()` and await its "close") before the test ends, or use `network.install(this)`, whose cleanup closes the network.',
  MEMORYREQUEST: 'Await the `network.fetch(...)` promise (and read its body) before the test ends.',
};

/** The hint for a resource type the table does not know. */
export const FALLBACK_CLOSE_HINT = 'Close or cancel it before the test ends, for example in `this.addCleanup(...)`.';

/** The name of a resource type, or the fallback. */
export function resourceName(resourceType: string): ResourceName {
  return RESOURCE_NAMES[resourceType] ?? FALLBACK_RESOURCE_NAME;
}

/**
 * The hint for a resource type, preferring the finer `type:variant` entry.
 *
 * @param resourceType - the async_hooks type.
 * @param variant - a finer variant (`interval`, `callLater`, `accepted`, `keepAlive`), if any.
 */
export function closeHint(resourceType: string, variant?: string): string {
  if (variant !== undefined) {
    const finer = CLOSE_HINTS[`${resourceType}:${variant}`];
    if (finer !== undefined) return finer;
  }
  return CLOSE_HINTS[resourceType] ?? FALLBACK_CLOSE_HINT;
}

/** "30 s", "250 ms", "1.5 s": a timer's delay in words. */
export function formatDelay(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'timer';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(1))} s`;
}

/** `file:line:column`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** The first line of a `DirtyReactorAggregateError` message, as Trial words it. */
export const DIRTY_REACTOR_HEADLINE = 'Reactor was unclean.';

/** One leak as a line: what it is, where it was created, how to close it. */
export function formatLeakLine(leak: LeakReport): string {
  const via = leak.libraryFrame === undefined ? '' : ` (via ${formatLocation(leak.libraryFrame)})`;
  const where =
    leak.createdAt !== undefined
      ? `created at ${formatLocation(leak.createdAt)}${via}`
      : leak.libraryFrame !== undefined
        ? `created at ${formatLocation(leak.libraryFrame)} (no frame of your code was on the stack)`
        : 'created at an unknown place (no frame of your code was on the stack)';
  const count = leak.count === undefined || leak.count < 2 ? '' : `${leak.count} x `;
  return `${count}${leak.description}, ${where}. ${leak.hint}`;
}

/** The whole message of a `DirtyReactorAggregateError`: the headline, then one line per leak. */
export function formatDirtyReactorMessage(leaks: readonly LeakReport[]): string {
  return [DIRTY_REACTOR_HEADLINE, ...leaks.map((leak) => `  - ${formatLeakLine(leak)}`)].join('\n');
}

/** A warning line for an unreferenced leftover (it does not keep the process alive). */
export function formatUnrefWarning(leak: LeakReport): string {
  return `Left running (unreferenced, not a failure): ${formatLeakLine(leak)}`;
}

/** A warning for a leak reported under `--unclean-warnings`. */
export function formatUncleanWarning(leak: LeakReport): string {
  return `Reactor was unclean: ${formatLeakLine(leak)}`;
}

/** A test changed timer globals, clocks or the cwd and did not put them back. */
export function formatChangedGlobals(names: readonly string[]): string {
  const it = names.length === 1 ? 'it' : 'them';
  return (
    `The test changed ${names.join(', ')} and did not put ${it} back; trial-ts has restored ${it} so later tests are not affected. ` +
    'Undo such changes in a cleanup: `this.addCleanup(() => clock.uninstall())` for fake timers, ' +
    'save and restore a replaced global, or `this.addCleanup(() => process.chdir(before))` after `process.chdir()`.'
  );
}

/** A test changed environment variables and did not put them back. */
export function formatChangedEnv(names: readonly string[]): string {
  return (
    `The test changed process.env (${names.join(', ')}) and did not put it back; trial-ts has restored it. ` +
    'Restore it in a cleanup, e.g. `this.addCleanup(() => { process.env.X = before; })`.'
  );
}

/** Leak detection does not work on this Node version (the start-up self-check failed). */
export function formatSelfCheckWarning(nodeVersion: string, failed: readonly string[]): string {
  return (
    `LEAK CHECKING DOES NOT WORK ON NODE ${nodeVersion}: trial-ts could not read ${failed.join('; ')}. ` +
    'Tests may pass their leak check without having been checked. Run on a Node version trial-ts supports (20, 22, 24, 26), ' +
    'and report this at the trial-ts issue tracker with your `node --version`.'
  );
}
