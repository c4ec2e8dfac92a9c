/**
 * From a tracked resource to a {@link LeakReport}: its description, the user's
 * TypeScript line that created it, and the hint. Creation stacks are formatted here,
 * and only here, so only reported leaks pay for formatting and source mapping.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { LeakReport, SourceLocation } from '../runner/events';
import { firstUserLocation, parseFrame } from '../runner/stack';
import { describeResource } from './describe';
import type { LeakIgnoreRule } from './interfaces';
import { ownerOf } from './liveness';
import { closeHint, resourceName } from './messages';
import type { Tracked } from './records';

/** A creation stack kept for a resource that is not itself tracked (a `process.nextTick`). */
export interface StackLink {
  readonly stack: { stack?: string };
  readonly triggerAsyncId: number;
}

/** Looks up the creation stack of a resource by async id, for resources created with no user frame. */
export type StackLookup = (asyncId: number) => StackLink | undefined;

function stackText(holder: { stack?: string }): string {
  try {
    return typeof holder.stack === 'string' ? holder.stack : '';
  } catch {
    return '';
  }
}

/**
 * trial-ts's own sources. With source maps on, frames of `dist/` are reported at their
 * `src/` positions, so the library's `src/` folder is the runner's code too (the real
 * reactor's `callLater` creates its Timeout in src/internet/realDelayedCall.ts).
 */
const LIBRARY_SOURCE = path.join(path.resolve(__dirname, '..', '..'), 'src') + path.sep;

function withoutLibraryFrames(stack: string): string {
  if (!stack.includes(LIBRARY_SOURCE)) return stack;
  return stack
    .split('\n')
    .filter((line) => !line.includes(LIBRARY_SOURCE))
    .join('\n');
}

/**
 * Where the user's code created `tracked`. Resources that Node creates a tick later
 * (`server.listen(port, host)` binds in a `process.nextTick`) or from another resource
 * (an accepted connection) have no user frame of their own; the search then follows
 * `triggerAsyncId` to the resource that caused them, a few links at most.
 */
export function creationSite(tracked: Tracked, cwd: string, lookup: StackLookup): SourceLocation | undefined {
  let link: StackLink | undefined = tracked;
  for (let hops = 0; link !== undefined && hops < 6; hops++) {
    const location = firstUserLocation(withoutLibraryFrames(stackText(link.stack)), cwd);
    if (location !== undefined) return location;
    link = lookup(link.triggerAsyncId);
  }
  return undefined;
}

/**
 * Build the report of one leaked resource. Call it while the resource is still open:
 * its description reads live state (addresses, pid).
 */
export function buildReport(tracked: Tracked, cwd: string, lookup: StackLookup): LeakReport {
  const owner = ownerOf(tracked.resource);
  const described = describeResource({
    type: tracked.type,
    resource: tracked.resource,
    owner,
    stackText: tracked.type === 'Timeout' ? stackText(tracked.stack) : undefined,
  });
  const report: LeakReport = {
    resourceType: tracked.type,
    description: described.description,
    hint: closeHint(tracked.type, described.variant),
  };
  const createdAt = creationSite(tracked, cwd, lookup);
  if (createdAt !== undefined) report.createdAt = createdAt;
  return report;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*').replace(/\?/g, '.');
  return new RegExp(pattern);
}

function createdIn(tracked: Tracked, needle: string, lookup: StackLookup): boolean {
  const matcher = needle.includes('*') || needle.includes('?') ? globToRegExp(needle) : null;
  let link: StackLink | undefined = tracked;
  for (let hops = 0; link !== undefined && hops < 6; hops++) {
    for (const line of stackText(link.stack).split('\n')) {
      const frame = parseFrame(line);
      if (frame === null) continue;
      if (matcher === null ? frame.file.includes(needle) : matcher.test(frame.file)) return true;
    }
    link = lookup(link.triggerAsyncId);
  }
  return false;
}

/**
 * The resource is allowed by config `leaks.ignore`: every field a rule sets must match.
 * `kind` matches the async_hooks type (case-insensitive) or its broad kind (`timer`,
 * `socket`, ...); `createdIn` matches any frame of the creation stack.
 */
export function isIgnored(tracked: Tracked, rules: readonly LeakIgnoreRule[], lookup: StackLookup): boolean {
  return rules.some((rule) => {
    if (rule.kind === undefined && rule.createdIn === undefined) return false;
    if (rule.kind !== undefined) {
      const kind = rule.kind.toLowerCase();
      if (kind !== tracked.type.toLowerCase() && kind !== resourceName(tracked.type).kind) return false;
    }
    return rule.createdIn === undefined || createdIn(tracked, rule.createdIn, lookup);
  });
}
