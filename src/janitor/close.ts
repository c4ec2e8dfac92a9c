/**
 * Closing what a test left running, one way per kind of resource (measured on Node 20
 * before the janitor was written): cancel timers, close servers (and
 * their connections), destroy sockets, kill a child's whole process tree, close
 * watchers, FileHandles and worker threads. Every step is guarded: closing must never
 * throw into the runner.
 *
 * @packageDocumentation
 */
import { readFileSync, readdirSync } from 'node:fs';
import { realTimers } from '../runner/realTimers';
import { ownerOf } from './liveness';

type Loose = Record<string, unknown>;

function invoke(target: unknown, name: string, ...args: unknown[]): unknown {
  if (typeof target !== 'object' || target === null) return undefined;
  const fn = (target as Loose)[name];
  if (typeof fn !== 'function') return undefined;
  try {
    const result: unknown = (fn as (...a: unknown[]) => unknown).apply(target, args);
    // A FileHandle's native close() returns a promise; a rejection here is not the test's.
    if (result instanceof Promise) result.catch(() => undefined);
    return result;
  } catch {
    return undefined;
  }
}

/**
 * The pids of every descendant of `pid`, deepest first, read from
 * `/proc/<pid>/task/<tid>/children` (Linux). Empty elsewhere or when the process is gone.
 */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number, depth: number): void => {
    if (depth > 32) return;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
        visit(child, depth + 1);
        found.push(child);
      }
    }
  };
  visit(pid, 0);
  return found;
}

/**
 * SIGKILL `pid` and all its descendants (an `exec` child is a shell with the real command
 * below it). The tree is listed first and `pid` killed before what runs below it: a shell
 * whose command died first would run on (`sleep 30; echo never` echoes) and exit by itself.
 */
export function killTree(pid: number): void {
  const below = descendantsOf(pid);
  for (const target of [pid, ...below]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Start closing one leaked resource. Closing completes asynchronously for most kinds;
 * the janitor then waits, bounded, until `isLive` says it is gone.
 *
 * @param type - the async_hooks type.
 * @param resource - the hook's resource.
 */
export function closeResource(type: string, resource: object): void {
  const owner = ownerOf(resource);
  switch (type) {
    case 'Timeout':
      realTimers.clearTimeout(resource as NodeJS.Timeout);
      return;
    case 'Immediate':
      realTimers.clearImmediate(resource as NodeJS.Immediate);
      return;
    case 'TCPSERVERWRAP':
    case 'PIPESERVERWRAP':
      invoke(owner, 'closeAllConnections');
      if (invoke(owner, 'close') === undefined && owner === undefined) invoke(resource, 'close');
      return;
    case 'TCPWRAP':
    case 'PIPEWRAP':
      if (owner !== undefined) invoke(owner, 'destroy');
      else invoke(resource, 'close');
      return;
    case 'UDPWRAP':
      if (owner !== undefined) invoke(owner, 'close');
      else invoke(resource, 'close');
      return;
    case 'PROCESSWRAP': {
      const pid = (owner ?? (resource as Loose)).pid;
      if (typeof pid === 'number') killTree(pid);
      else invoke(owner, 'kill', 'SIGKILL');
      return;
    }
    case 'FSEVENTWRAP':
      invoke(owner, 'close');
      return;
    case 'STATWATCHER':
      // fs.unwatchFile needs the path, which Node does not keep; stopping is enough to
      // release the loop, and dropping the listeners releases the user's callback.
      invoke(owner, 'stop');
      invoke(owner, 'removeAllListeners', 'change');
      return;
    case 'FILEHANDLE':
      invoke(resource, 'close');
      return;
    case 'WORKER':
      invoke(resource, 'stopThread');
      return;
    case 'MEMORYCONNECTION':
    case 'MEMORYREQUEST':
      invoke(resource, 'close');
      return;
    default:
      invoke(owner ?? resource, 'close');
  }
}
