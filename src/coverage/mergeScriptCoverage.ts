/**
 * Adds up one script's raw V8 coverage from several pieces (workers, batches) before it is
 * converted, and gives one piece the same normal form, so every mode reports alike.
 *
 * V8 reports a block only where its count differs from the enclosing range's, so two
 * workers give different, overlapping block lists: neither converting each piece and
 * merging istanbul maps (istanbul would keep both lists) nor taking the innermost range
 * is right. Here each piece becomes a count per stretch of source (the innermost range
 * at each offset), the stretches are summed, and the result is written back as ranges:
 * every function's own range, followed by one block per stretch whose count differs from
 * that function's.
 *
 * @packageDocumentation
 */
import type { ScriptCoverage } from './collector';

type FunctionCoverage = ScriptCoverage['functions'][number];
type Range = FunctionCoverage['ranges'][number];
interface Span {
  start: number;
  end: number;
}

const outerFirst = (a: Span, b: Span): number => a.start - b.start || b.end - a.end;

/**
 * For each elementary stretch between `bounds`, the value of the innermost span around it
 * (spans nest properly), by one sweep.
 */
function innermost<T extends Span>(spans: readonly T[], bounds: readonly number[]): Array<T | undefined> {
  const sorted = [...spans].sort(outerFirst);
  const stack: T[] = [];
  const result: Array<T | undefined> = [];
  let next = 0;
  for (let index = 0; index < bounds.length - 1; index++) {
    const at = bounds[index];
    while (stack.length > 0 && stack[stack.length - 1].end <= at) stack.pop();
    while (next < sorted.length && sorted[next].start <= at) {
      const span = sorted[next++];
      while (stack.length > 0 && stack[stack.length - 1].end <= span.start) stack.pop();
      if (span.end > at) stack.push(span);
    }
    result.push(stack[stack.length - 1]);
  }
  return result;
}

/**
 * Merge the pieces of one script.
 *
 * @param pieces - the script's function lists, one per piece.
 * @returns one function list, outer functions first, each with its own range and then its
 *   blocks (V8's shape, so a merged list can be merged again: shards).
 */
export function mergeScriptCoverage(pieces: ReadonlyArray<ScriptCoverage['functions']>): ScriptCoverage['functions'] {
  const functions = new Map<string, Span & { name: string }>();
  const boundSet = new Set<number>();
  for (const piece of pieces) {
    for (const fn of piece) {
      fn.ranges.forEach((range, index) => {
        boundSet.add(range.startOffset).add(range.endOffset);
        if (index !== 0) return;
        const key = `${range.startOffset}:${range.endOffset}`;
        const known = functions.get(key);
        if (known === undefined) functions.set(key, { start: range.startOffset, end: range.endOffset, name: fn.functionName });
        else if (known.name === '') known.name = fn.functionName;
      });
    }
  }
  const bounds = [...boundSet].sort((a, b) => a - b);
  const totals = new Array<number>(Math.max(bounds.length - 1, 0)).fill(0);
  for (const piece of pieces) {
    const ranges = piece.flatMap((fn) => fn.ranges.map((range: Range) => ({ start: range.startOffset, end: range.endOffset, count: range.count })));
    innermost(ranges, bounds).forEach((range, index) => (totals[index] += range?.count ?? 0));
  }
  const roots = [...functions.values()].sort(outerFirst);
  const owners = innermost(roots, bounds);
  const countAt = new Map<Span, number>();
  owners.forEach((owner, index) => {
    if (owner !== undefined && !countAt.has(owner) && bounds[index] === owner.start) countAt.set(owner, totals[index]);
  });
  const entries = new Map<Span, FunctionCoverage>();
  for (const root of roots) {
    entries.set(root, { functionName: root.name, isBlockCoverage: true, ranges: [{ startOffset: root.start, endOffset: root.end, count: countAt.get(root) ?? 0 }] });
  }
  for (let index = 0; index < totals.length; index++) {
    const owner = owners[index];
    if (owner === undefined || totals[index] === (countAt.get(owner) ?? 0)) continue;
    let last = index;
    while (last + 1 < totals.length && owners[last + 1] === owner && totals[last + 1] === totals[index]) last++;
    entries.get(owner)!.ranges.push({ startOffset: bounds[index], endOffset: bounds[last + 1], count: totals[index] });
    index = last;
  }
  const merged = [...entries.values()];
  return merged;
}
