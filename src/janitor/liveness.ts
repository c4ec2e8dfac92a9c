/**
 * Is a tracked resource still running, does it keep the process alive, and which
 * object closes it? Answered from the resource's state at test end, with no destroy
 * hook (measured on Node 20 before the janitor was written):
 * - Timeout / Immediate: `_destroyed` is true once fired (one-shot), run, or cleared;
 * - FileHandle: its `fd` turns negative once closed;
 * - other native handles: `getAsyncId()` turns -1 once closed, and the JS owner drops
 *   `_handle` synchronously when it is destroyed or closed.
 * Whether a live resource is already closing is read the same way, but for a worker
 * thread being terminated, which Node does not show: that one is noted when it is asked
 * to stop ({@link watchWorkerStop}).
 *
 * These are Node internals (checked on Node 20); every access is guarded so that a
 * change in a later Node makes a resource look dead rather than crash the runner.
 *
 * @packageDocumentation
 */

/** The async_hooks types the janitor charges to tests (everything else is ignored). */
export const TRACKED_TYPES: ReadonlySet<string> = new Set([
  'Timeout',
  'Immediate',
  'TCPSERVERWRAP',
  'PIPESERVERWRAP',
  'TCPWRAP',
  'PIPEWRAP',
  'UDPWRAP',
  'PROCESSWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'FILEHANDLE',
  'WORKER',
  'MEMORYCONNECTION',
  'MEMORYREQUEST',
]);

type Loose = Record<string | symbol, unknown>;

let ownerSymbol: symbol | null | undefined;

/**
 * The JS object that owns a native handle (Socket, Server, ChildProcess, FSWatcher,
 * StatWatcher, dgram Socket), found through Node's `owner_symbol`; undefined for
 * timers, FileHandles, Workers and ownerless pipes (a fork's IPC channel).
 */
export function ownerOf(resource: object): Loose | undefined {
  if (ownerSymbol === undefined || ownerSymbol === null) {
    const found = Object.getOwnPropertySymbols(resource).find((s) => s.description === 'owner_symbol');
    if (found === undefined) return undefined;
    ownerSymbol = found;
  }
  const owner = (resource as Loose)[ownerSymbol];
  return typeof owner === 'object' && owner !== null ? (owner as Loose) : undefined;
}

function call(resource: object, method: string): unknown {
  const fn = (resource as Loose)[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as () => unknown).call(resource);
  } catch {
    return undefined;
  }
}

/**
 * The resource is still open, pending or running.
 *
 * @param type - its async_hooks type.
 * @param resource - the hook's resource object.
 */
export function isLive(type: string, resource: object): boolean {
  const loose = resource as Loose;
  switch (type) {
    case 'Timeout':
    case 'Immediate':
      return loose._destroyed === false;
    case 'FILEHANDLE':
      return typeof loose.fd === 'number' && loose.fd >= 0;
    case 'MEMORYCONNECTION': // MemoryNetwork's own AsyncResources say whether they are open
    case 'MEMORYREQUEST':
      return call(resource, 'isOpen') === true;
    default: {
      const id = call(resource, 'getAsyncId');
      if (typeof id !== 'number' || id === -1) return false;
      if (type === 'UDPWRAP') return true; // dgram's `_handle` getter is deprecated; the id suffices
      const owner = ownerOf(resource);
      if (owner !== undefined && '_handle' in owner && owner._handle === null) return false;
      return true;
    }
  }
}

/**
 * The resource is live but already on its way out, so it will go away by itself within
 * a network round trip: a socket that was ended or destroyed (pg's `end()` resolves
 * once it has sent Terminate and ended its side, before the server's FIN arrives), a
 * child process that was signalled or has exited, a worker thread whose `terminate()`
 * was called (see {@link watchWorkerStop}). The settle phase waits for these, bounded,
 * instead of calling them leaks.
 *
 * @param type - its async_hooks type.
 * @param resource - the hook's resource object.
 * @returns true when closing has started.
 */
export function isClosing(type: string, resource: object): boolean {
  const owner = ownerOf(resource);
  switch (type) {
    case 'TCPWRAP':
    case 'PIPEWRAP':
      return owner !== undefined && (owner.destroyed === true || owner.writableEnded === true);
    case 'PROCESSWRAP':
      return owner !== undefined && (owner.killed === true || owner.exitCode !== null || owner.signalCode !== null);
    case 'TCPSERVERWRAP':
    case 'PIPESERVERWRAP':
      return owner !== undefined && owner.listening === false;
    case 'WORKER':
      return stoppingWorkers.has(resource);
    default:
      return false;
  }
}

/** Worker handles whose thread was asked to stop. */
const stoppingWorkers = new WeakSet<object>();

/**
 * Mark a worker thread's handle as closing once its thread is asked to stop. Between
 * `worker.terminate()` and the 'exit' event (a few ms: the thread must unwind) Node keeps
 * no state a reader could see, so this handle's `stopThread`, which `terminate()` calls,
 * is shadowed by one that notes the call first. Without it, a cleanup that calls
 * `worker.terminate()` without awaiting it is a leak on some runs and not on others.
 * If Node ever renames the method, nothing is shadowed and such a worker is judged as
 * before (a leak unless it has exited).
 *
 * @param resource - the WORKER hook's resource (the Worker's native handle).
 */
export function watchWorkerStop(resource: object): void {
  const stop = (resource as Loose).stopThread;
  if (typeof stop !== 'function') return;
  const noted = function (this: unknown, ...args: unknown[]): unknown {
    stoppingWorkers.add(resource);
    return (stop as (...a: unknown[]) => unknown).apply(this, args);
  };
  try {
    Object.defineProperty(resource, 'stopThread', { value: noted, configurable: true, writable: true });
  } catch {
    // A non-extensible handle: leave it, the worker is judged as before.
  }
}

/**
 * A promise for the 'close' event of a socket's JS owner, to be taken before closing it:
 * a destroyed socket drops its native handle at once, but net.Socket emits 'close'
 * (which tells a database client its connection is gone) only from libuv's close
 * callback, a loop phase later. Until then a pool still hands out the dead connection.
 *
 * @param type - its async_hooks type.
 * @param resource - the hook's resource object.
 * @returns the promise, or undefined for resources that have no such event.
 */
export function ownerClosed(type: string, resource: object): Promise<void> | undefined {
  if (type !== 'TCPWRAP' && type !== 'PIPEWRAP') return undefined;
  const owner = ownerOf(resource);
  if (owner === undefined || typeof owner.once !== 'function' || owner.destroyed === true) return undefined;
  return new Promise((resolve) => (owner.once as (event: string, fn: () => void) => void).call(owner, 'close', () => resolve()));
}

/**
 * The resource keeps the event loop (and so the process) alive. FileHandles never do,
 * but an open file is a leak all the same, so they count as referenced.
 */
export function isRefed(type: string, resource: object): boolean {
  if (type === 'FILEHANDLE') return true;
  const ref = call(resource, 'hasRef');
  return ref !== false;
}

