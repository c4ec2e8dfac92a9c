/**
 * Resources that belong to Node or to a library's process-wide state, not to the test
 * that happened to trigger their creation. They are never leaks and never closed:
 * closing them breaks every later user of that state in the thread (closing Node's
 * HTTP date-cache timer freezes the `Date` header of every later response). The list,
 * and why each entry is on it, is in docs/leaks.md ("Process-wide state").
 *
 * A table, one row per kind of state: a row names the async_hooks type it applies to and
 * a test over the resource and its (lazily formatted) creation stack.
 *
 * @packageDocumentation
 */

import { ownerOf } from './liveness';
import type { Tracked } from './records';

type Loose = Record<string, unknown>;

/** What a policy row may look at. */
export interface ProcessWideView {
  /** The async_hooks type. */
  readonly type: string;
  /** The hook's resource. */
  readonly resource: object;
  /** The resource's JS owner (a Socket for a TCPWRAP), if any. */
  readonly owner: object | undefined;
  /** The creation stack, formatted on first call. */
  stack(): string;
}

/** One kind of process-wide state. */
export interface ProcessWideRule {
  /** Short name, as docs/leaks.md lists it. */
  readonly name: string;
  /** The async_hooks types it can match. */
  readonly types: readonly string[];
  /** True when the resource is this state. */
  matches(view: ProcessWideView): boolean;
}

function callbackName(resource: object, field: string): string {
  const fn = (resource as Loose)[field];
  return typeof fn === 'function' ? fn.name : '';
}

function isUnrefed(resource: object | undefined): boolean {
  if (resource === undefined) return false;
  const hasRef = (resource as Loose).hasRef;
  if (typeof hasRef !== 'function') return false;
  try {
    return (hasRef as () => unknown).call(resource) === false;
  } catch {
    return false;
  }
}

/** undici's frames: Node's bundled copy (global `fetch`) and the npm package. */
const UNDICI_FRAME = /node:internal\/deps\/undici|[\\/]node_modules[\\/]undici[\\/]/;

/** The rows, in the order docs/leaks.md lists them. */
export const PROCESS_WIDE_RULES: readonly ProcessWideRule[] = [
  {
    // lib/internal/http.js caches the Date header string and resets it from an unref'd
    // timer; a closed timer leaves the cache stale forever.
    name: "Node's HTTP Date-header cache timer",
    types: ['Timeout'],
    matches: (view) => callbackName(view.resource, '_onTimeout') === 'resetCache' && isUnrefed(view.resource),
  },
  {
    // undici keeps one coarse clock per process for all its timeouts (unref'd).
    name: "undici's shared timeout clock",
    types: ['Timeout'],
    matches: (view) => isUnrefed(view.resource) && UNDICI_FRAME.test(view.stack()),
  },
  {
    // `fetch` uses the global dispatcher; once a response is read its socket idles in
    // the dispatcher's keep-alive pool, unref'd, and is reused by any later fetch.
    name: "undici's global dispatcher: idle keep-alive sockets",
    types: ['TCPWRAP', 'PIPEWRAP'],
    matches: (view) => isUnrefed(view.resource) && UNDICI_FRAME.test(view.stack()),
  },
];

/**
 * The process-wide state this resource is, if any.
 *
 * @param view - the resource, its owner and its creation stack.
 * @returns the matching rule, or undefined when the resource is the test's own.
 */
export function processWideRule(view: ProcessWideView): ProcessWideRule | undefined {
  for (const rule of PROCESS_WIDE_RULES) {
    if (rule.types.includes(view.type) && rule.matches(view)) return rule;
  }
  return undefined;
}

/**
 * A tracked resource is process-wide state (see {@link processWideRule}).
 *
 * @param tracked - a resource a test created.
 * @returns true when it must be neither reported nor closed.
 */
export function isProcessWideTracked(tracked: Tracked): boolean {
  const stack = (): string => {
    try {
      return tracked.stack.stack ?? '';
    } catch {
      return '';
    }
  };
  return processWideRule({ type: tracked.type, resource: tracked.resource, owner: ownerOf(tracked.resource), stack }) !== undefined;
}
