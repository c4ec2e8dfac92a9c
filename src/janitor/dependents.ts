/**
 * Which leaks only repeat another one: the connections of a leaked server, the stdio
 * pipes of a leaked child process. They are closed with the rest but not reported.
 *
 * @packageDocumentation
 */
import { ownerOf } from './liveness';
import type { Tracked } from './records';

/**
 * The leaks that go away with another leak of the same list.
 *
 * @param leaks - the referenced leftovers of one test.
 * @returns those among them to close but not report.
 */
export function dependents(leaks: readonly Tracked[]): Set<Tracked> {
  const servers = new Set<number>();
  const childStdio = new Set<unknown>();
  let anyChild = false;
  for (const t of leaks) {
    if (t.type === 'TCPSERVERWRAP' || t.type === 'PIPESERVERWRAP') servers.add(t.asyncId);
    if (t.type === 'PROCESSWRAP') {
      anyChild = true;
      const stdio = ownerOf(t.resource)?.stdio;
      if (Array.isArray(stdio)) for (const stream of stdio) childStdio.add(stream);
    }
  }
  const result = new Set<Tracked>();
  for (const t of leaks) {
    if (servers.has(t.triggerAsyncId)) result.add(t);
    if (t.type === 'PIPEWRAP') {
      const pipeOwner = ownerOf(t.resource);
      if (childStdio.has(pipeOwner) || (pipeOwner === undefined && anyChild)) result.add(t);
    }
  }
  return result;
}
