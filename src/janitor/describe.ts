/**
 * A leaked resource in words: "a 30 s timer", "a TCP server on 127.0.0.1:41523",
 * "a client socket to 127.0.0.1:5432", "child process 4242 `sleep 100`". Reads only the
 * public or long-stable fields of the resource and its owner, and never throws: an
 * unknown shape falls back to the table name from messages.ts.
 *
 * Resources made by the real reactor carry their own words (`describeHandle`), used first.
 * Imports nothing from Node, so it is tested with plain objects.
 *
 * @packageDocumentation
 */
import { describeHandle } from '@trial-ts/runtime/internal';
import { formatDelay, resourceName } from './messages';

/** What describe needs to know about one resource. */
export interface ResourceView {
  /** async_hooks type. */
  type: string;
  /** The hook's resource (Timeout, Immediate or native handle). */
  resource: object;
  /** Its JS owner (Socket, Server, ChildProcess, ...), if any. */
  owner?: object;
  /** The formatted creation stack, when already read (to recognise `callLater`). */
  stackText?: string;
}

/** A description and the hint variant it calls for (`interval`, `accepted`, ...). */
export interface Described {
  description: string;
  /** Finer key for `closeHint(type, variant)`. */
  variant?: string;
}

type Loose = Record<string, unknown>;

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function method(target: object | undefined, name: string): unknown {
  if (target === undefined) return undefined;
  const fn = (target as Loose)[name];
  return typeof fn === 'function' ? safe(() => (fn as () => unknown).call(target)) : undefined;
}

/** "127.0.0.1:41523", "[::1]:80", a pipe path, or undefined. */
export function formatAddress(address: unknown): string | undefined {
  if (typeof address === 'string') return address;
  if (typeof address !== 'object' || address === null) return undefined;
  const { address: host, port } = address as { address?: unknown; port?: unknown };
  if (typeof host !== 'string' || typeof port !== 'number') return undefined;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function remote(owner: object | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const { remoteAddress, remotePort } = owner as Loose;
  if (typeof remoteAddress !== 'string') return undefined;
  return formatAddress({ address: remoteAddress, port: remotePort });
}

function callbackName(fn: unknown): string | undefined {
  if (typeof fn !== 'function') return undefined;
  const name = fn.name;
  if (name === '' || name.startsWith('bound ') || name === 'listOnTimeout') return undefined;
  return name;
}

function describeTimer(resource: object, stackText: string | undefined): Described {
  const loose = resource as Loose;
  const delay = typeof loose._idleTimeout === 'number' ? formatDelay(loose._idleTimeout) : 'timer';
  const interval = typeof loose._repeat === 'number';
  const unref = method(resource, 'hasRef') === false ? 'an unreferenced ' : 'a ';
  if (stackText !== undefined && /\bcallLater\b/.test(stackText)) {
    return { description: `${unref}${delay} reactor.callLater timer`, variant: 'callLater' };
  }
  const name = callbackName(loose._onTimeout);
  const calling = name === undefined ? '' : ` calling \`${name}\``;
  return {
    description: `${unref}${delay} ${interval ? 'interval' : 'timer'}${calling}`,
    variant: interval ? 'interval' : undefined,
  };
}

function describeServer(type: string, owner: object | undefined): Described {
  const isHttp = owner !== undefined && typeof (owner as Loose).closeAllConnections === 'function';
  const noun = isHttp ? 'an HTTP server' : type === 'PIPESERVERWRAP' ? 'an IPC server' : 'a TCP server';
  const address = formatAddress(method(owner, 'address'));
  return { description: address === undefined ? noun : `${noun} on ${address}` };
}

function describeSocket(type: string, owner: object | undefined): Described {
  const loose = (owner ?? {}) as Loose;
  const to = remote(owner);
  if (loose.server !== undefined && loose.server !== null) {
    const server = formatAddress(method(loose.server as object, 'address'));
    const from = to === undefined ? '' : ` from ${to}`;
    const on = server === undefined ? '' : ` (accepted by the server on ${server})`;
    return { description: `a server-side connection${from}${on}`, variant: 'accepted' };
  }
  if (typeof (owner as { listenerCount?: unknown } | undefined)?.listenerCount === 'function') {
    const free = safe(() => (owner as { listenerCount(name: string): number }).listenerCount('free'));
    if (free !== undefined && free > 0) {
      const target = to === undefined ? '' : ` to ${to}`;
      return { description: `a keep-alive HTTP client socket${target}`, variant: 'keepAlive' };
    }
  }
  if (type === 'PIPEWRAP') {
    if (owner === undefined) return { description: 'an IPC channel' };
    // A child's stdio pipe reads or writes, never both; a socket that does both is a client
    // of a Unix-socket server (the PostgreSQL sidecar's default) and gets a client's hint.
    // Node keeps no path on a connected pipe socket, so none is named.
    if (loose.readable === true && loose.writable === true) return { description: 'a client socket on a Unix socket', variant: 'client' };
    return { description: 'a pipe' };
  }
  if (loose.connecting === true) return { description: 'a client socket still connecting' };
  return { description: to === undefined ? 'a client socket' : `a client socket to ${to}` };
}

function describeChild(resource: object, owner: object | undefined): Described {
  const loose = (owner ?? resource) as Loose;
  const pid = typeof loose.pid === 'number' ? ` ${loose.pid}` : '';
  const args = Array.isArray(loose.spawnargs) ? loose.spawnargs.map(String).join(' ') : '';
  return { description: `child process${pid}${args === '' ? '' : ` \`${args}\``}` };
}

/**
 * Describe a tracked resource in a few words.
 *
 * @param view - the resource, its owner and (optionally) its creation stack.
 * @returns the description and the hint variant.
 */
export function describeResource(view: ResourceView): Described {
  const { type, resource, owner } = view;
  const byReactor = safe(() => describeHandle(type === 'Timeout' ? resource : owner));
  if (byReactor !== undefined) return { description: byReactor, variant: type === 'Timeout' ? 'callLater' : undefined };
  switch (type) {
    case 'Timeout':
      return describeTimer(resource, view.stackText);
    case 'Immediate': {
      const name = callbackName((resource as Loose)._onImmediate);
      return { description: `a pending setImmediate${name === undefined ? '' : ` calling \`${name}\``}` };
    }
    case 'TCPSERVERWRAP':
    case 'PIPESERVERWRAP':
      return describeServer(type, owner);
    case 'TCPWRAP':
    case 'PIPEWRAP':
      return describeSocket(type, owner);
    case 'UDPWRAP': {
      const address = formatAddress(method(owner, 'address'));
      return { description: address === undefined ? 'a UDP socket' : `a UDP socket on ${address}` };
    }
    case 'PROCESSWRAP':
      return describeChild(resource, owner);
    case 'FSEVENTWRAP':
      return { description: 'a file watcher (fs.watch)' };
    case 'STATWATCHER':
      return { description: 'a file poller (fs.watchFile)' };
    case 'FILEHANDLE': {
      const fd = (resource as Loose).fd;
      return { description: typeof fd === 'number' ? `an open file handle (fd ${fd})` : 'an open file handle' };
    }
    case 'MEMORYCONNECTION':
    case 'MEMORYREQUEST': {
      const description = safe(() => (resource as Loose).description);
      return typeof description === 'string' ? { description } : { description: resourceName(type).noun };
    }
    case 'WORKER': {
      const id = (resource as Loose).threadId;
      return { description: typeof id === 'number' ? `worker thread ${id}` : 'a worker thread' };
    }
    default:
      return { description: `${resourceName(type).noun} (${type})` };
  }
}
