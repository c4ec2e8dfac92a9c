/**
 * From a tracked resource to a {@link LeakReport}: its description, the user's
 * TypeScript line that created it, and the hint. Creation stacks are formatted here,
 * and only here, so only reported leaks pay for formatting and source mapping.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { LeakReport, SourceLocation } from '../runner/events';
import { isRunnerFrame, parseFrame, relativePath, RUNTIME_ROOT } from '../runner/stack';
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
 * trial-ts's own sources and the runtime's. With source maps on, frames of `dist/` are
 * reported at their `src/` positions, so the `src/` folders are the library's code too
 * (the real reactor's `callLater` creates its Timeout in the runtime's
 * src/internet/realDelayedCall.ts).
 */
const LIBRARY_SOURCES = [path.resolve(__dirname, '..', '..'), RUNTIME_ROOT].map((root) => path.join(root, 'src') + path.sep);

function withoutLibraryFrames(stack: string): string {
  if (!LIBRARY_SOURCES.some((source) => stack.includes(source))) return stack;
  return stack
    .split('\n')
    .filter((line) => !LIBRARY_SOURCES.some((source) => line.includes(source)))
    .join('\n');
}

const NODE_MODULES = /[\\/]node_modules[\\/]/;

/** Where a resource was made: the user's line, the library frame, and the stack both come from. */
export interface CreationSite {
  /** The first frame of the user's own code (not Node, not trial-ts, not node_modules). */
  user?: SourceLocation;
  /** The innermost frame in node_modules, when a library made the resource for the user. */
  library?: SourceLocation;
  /** The stack the site was found in, without Node's and trial-ts's frames. */
  stack: string[];
}

/** A library file from its last `node_modules/` on (`node_modules/pg/lib/client.js`), wherever it is installed. */
function libraryPath(file: string): string {
  const index = Math.max(file.lastIndexOf('/node_modules/'), file.lastIndexOf('\\node_modules\\'));
  return index === -1 ? file : file.slice(index + 1);
}

function locationOf(line: string, cwd: string, library: boolean): SourceLocation | undefined {
  const frame = parseFrame(line);
  if (frame === null) return undefined;
  const file = library ? libraryPath(frame.file) : relativePath(cwd, frame.file);
  return { file, line: frame.line, column: frame.column };
}

/** The user and library frames of one stack, and its frames without Node's and trial-ts's. */
function siteOf(stack: string, cwd: string): CreationSite {
  const site: CreationSite = { stack: [] };
  for (const line of withoutLibraryFrames(stack).split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('at ')) continue;
    const library = NODE_MODULES.test(trimmed) && parseFrame(trimmed) !== null;
    if (!library && isRunnerFrame(trimmed)) continue;
    const frame = parseFrame(trimmed);
    site.stack.push(library && frame !== null ? trimmed.replace(frame.file, libraryPath(frame.file)) : trimmed.split(cwd + path.sep).join(''));
    if (library) site.library ??= locationOf(trimmed, cwd, true);
    else site.user ??= locationOf(trimmed, cwd, false);
  }
  return site;
}

/**
 * Where the user's code created `tracked`, and which library frame did it for them.
 * Resources that Node creates a tick later (`server.listen(port, host)` binds in a
 * `process.nextTick`) or from another resource (an accepted connection, a pool's lazy
 * connect) have no user frame of their own; the search then follows `triggerAsyncId` to
 * the resource that caused them, a few links at most. The library frame is the first one
 * seen on the way.
 */
export function creationSite(tracked: Tracked, cwd: string, lookup: StackLookup): CreationSite {
  let link: StackLink | undefined = tracked;
  let first: CreationSite | undefined;
  for (let hops = 0; link !== undefined && hops < 6; hops++) {
    const site = siteOf(stackText(link.stack), cwd);
    first ??= site;
    if (site.user !== undefined) {
      const library = first.library ?? site.library;
      const stack = site === first ? site.stack : [...first.stack, ...site.stack];
      return { user: site.user, ...(library === undefined ? {} : { library }), stack };
    }
    link = lookup(link.triggerAsyncId);
  }
  return first ?? { stack: [] };
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
  const site = creationSite(tracked, cwd, lookup);
  if (site.user !== undefined) report.createdAt = site.user;
  if (site.library !== undefined) report.libraryFrame = site.library;
  if (site.stack.length > 0) report.stack = site.stack;
  return report;
}

/** Most leak reports one test gets; beyond it, reports of the same kind and place are merged. */
export const MAX_LEAK_REPORTS = 20;

function siteKey(report: LeakReport): string {
  const at = report.createdAt;
  return `${report.resourceType}|${at === undefined ? '' : `${at.file}:${at.line}:${at.column}`}`;
}

/**
 * One readable report for many leaks: leaks of the same type made at the same line are
 * merged into one entry with a `count` (a loop that opened 300 sockets is one line).
 *
 * @param reports - the leaks of one test, in creation order.
 * @returns at most {@link MAX_LEAK_REPORTS} reports; unchanged when there are few.
 */
export function groupReports(reports: readonly LeakReport[]): LeakReport[] {
  if (reports.length <= MAX_LEAK_REPORTS) return [...reports];
  const groups = new Map<string, LeakReport>();
  for (const report of reports) {
    const key = siteKey(report);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ...report });
    else group.count = (group.count ?? 1) + 1;
  }
  const grouped = [...groups.values()];
  if (grouped.length <= MAX_LEAK_REPORTS) return grouped;
  const kept = grouped.slice(0, MAX_LEAK_REPORTS - 1);
  const rest = grouped.slice(MAX_LEAK_REPORTS - 1);
  const count = rest.reduce((sum, report) => sum + (report.count ?? 1), 0);
  kept.push({ resourceType: 'various', description: `${count} more resources made at ${rest.length} other places`, hint: rest[0].hint, count });
  return kept;
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
