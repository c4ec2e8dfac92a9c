/**
 * The lines a source file asks coverage to leave out, by the hints c8 and Node's test
 * runner made common, read from the original (TypeScript) text:
 *
 * - `/* c8 ignore next *\/` (or `v8`, `node:coverage`) on a line of its own: that line and
 *   the next; `... ignore next 3 *\/`: that line and the next three; after code on the same
 *   line: that line only.
 * - `/* c8 ignore start *\/` … `/* c8 ignore stop *\/` (or `v8`), and
 *   `/* node:coverage disable *\/` … `/* node:coverage enable *\/`: every line from one to
 *   the other, both included.
 *
 * `istanbul ignore` hints name the next syntax node, not lines; without a parser they are
 * not honoured (docs/coverage.md).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

const NEXT = /\/\*\s*(?:c8|v8|node:coverage) ignore next(?:\s+(\d+))?\s*\*\//;
const START = /\/\*\s*(?:(?:c8|v8) ignore start|node:coverage disable)\s*\*\//;
const STOP = /\/\*\s*(?:(?:c8|v8) ignore stop|node:coverage enable)\s*\*\//;
/** The hint is the first thing on its line. */
const OWN_LINE = /^\s*\/\*/;

/**
 * The 1-based lines the hints in `text` exclude.
 *
 * @param text - the original source.
 * @returns the excluded lines (empty when the file has no hints).
 */
export function ignoredLines(text: string): Set<number> {
  const ignored = new Set<number>();
  if (!text.includes('ignore') && !text.includes('node:coverage')) return ignored;
  let inRegion = false;
  let nextCount = 0;
  text.split('\n').forEach((line, index) => {
    const number = index + 1;
    if (inRegion || nextCount > 0) ignored.add(number);
    if (nextCount > 0) nextCount--;
    if (START.test(line)) {
      inRegion = true;
      ignored.add(number);
    }
    if (STOP.test(line)) {
      inRegion = false;
      ignored.add(number);
    }
    const next = NEXT.exec(line);
    if (next !== null) {
      ignored.add(number);
      if (OWN_LINE.test(line)) nextCount = next[1] === undefined ? 1 : Number(next[1]);
    }
  });
  return ignored;
}
