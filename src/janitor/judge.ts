/**
 * Judging a test's live leftovers: the referenced ones are leaks (those another leak
 * accounts for are not named twice), then the unreferenced handles and last the timers,
 * each reported and closed; Node's own lazy caches are handed back to be remembered.
 *
 * @packageDocumentation
 */
import type { LeakReport } from '../runner/events';
import { dependents } from './dependents';
import { isLive, isRefed } from './liveness';
import type { Tracked } from './records';
import { buildReport, groupReports, type StackLink } from './report';

/** What judging needs from the janitor. */
export interface JudgeContext {
  /** The run's cwd: creation sites are reported relative to it. */
  cwd: string;
  /** Creation stacks of resources and callbacks, by async id. */
  lookup: (asyncId: number) => StackLink | undefined;
  /** Close resources and wait until they are gone; false when some did not go in time. */
  closeAll: (list: readonly Tracked[]) => Promise<boolean>;
  /** Keep a leftover that is not the test's doing (never blamed, never closed). */
  remember: (tracked: Tracked) => void;
}

/** The verdict on a test's leftovers. */
export interface Judgement {
  leaks: LeakReport[];
  unrefLeaks: LeakReport[];
  /** Everything reported went away in time (otherwise the worker must be recycled). */
  closed: boolean;
}

/**
 * Report and close the live leftovers of a test.
 *
 * @param judged - the test's live leftovers that are neither allowed nor process-wide.
 * @param context - see {@link JudgeContext}.
 * @returns the leaks, the unreferenced leaks, and whether all of them closed.
 */
export async function judgeLeftovers(judged: readonly Tracked[], context: JudgeContext): Promise<Judgement> {
  if (judged.length === 0) return { leaks: [], unrefLeaks: [], closed: true };
  const refed = judged.filter((t) => isRefed(t.type, t.resource));
  const hidden = dependents(refed);
  const leaks = groupReports(refed.filter((t) => !hidden.has(t)).map((t) => buildReport(t, context.cwd, context.lookup)));
  let closed = await context.closeAll(refed);
  // Closing a server or a socket also clears its own unreferenced helpers (idle
  // timers): judge handles after the referenced leaks are closed, and timers last.
  const unrefLeaks: LeakReport[] = [];
  const rest = judged.filter((t) => !refed.includes(t));
  for (const timers of [false, true]) {
    const unref = unreferencedLeaks(rest, timers, context);
    unrefLeaks.push(...unref.map((t) => t.report));
    if (!(await context.closeAll(unref.map((t) => t.tracked)))) closed = false;
  }
  return { leaks, unrefLeaks: groupReports(unrefLeaks), closed };
}

/** The still-live unreferenced handles (or timers) of `rest`, with their reports. */
function unreferencedLeaks(rest: readonly Tracked[], timers: boolean, context: JudgeContext): Array<{ tracked: Tracked; report: LeakReport }> {
  const found: Array<{ tracked: Tracked; report: LeakReport }> = [];
  for (const t of rest) {
    if ((t.type === 'Timeout') !== timers || !isLive(t.type, t.resource)) continue;
    const report = buildReport(t, context.cwd, context.lookup);
    // Node's own lazy caches (http's date timer) are unreferenced and made with no frame
    // of the test on the stack: not the test's doing, and closing them would break Node.
    if (report.createdAt === undefined) context.remember(t);
    else found.push({ tracked: t, report });
  }
  return found;
}
