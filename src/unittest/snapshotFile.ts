/**
 * The snapshot file format: plain text beside the test file, one entry per snapshot, so a
 * change to a snapshot reads like a change to code in review.
 *
 * ```text
 * # trial-ts snapshots: written by assertMatchesSnapshot, review them like code.
 *
 * == RenderTests.test_page 1
 * | <h1>Hello</h1>
 * |
 * | <p>world</p>
 * ```
 *
 * Every line of a value is prefixed with `| ` (a bare `|` for an empty line), so no value
 * needs escaping and a header (`== key`) can never be confused with a value's line.
 * Entries are written sorted by key, so two runs in a different order write the same file.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import { inspect } from 'node:util';

/** The first line of every snapshot file. */
export const SNAPSHOT_HEADER = '# trial-ts snapshots: written by assertMatchesSnapshot, review them like code.';

const ENTRY = '== ';
const LINE = '| ';

/**
 * A value as it is stored: a string as it is (rendered output stays readable), anything
 * else as `util.inspect` prints it in full, with sorted keys so the text is stable.
 *
 * @param value - what the test produced.
 * @returns the stored text.
 */
export function serializeSnapshot(value: unknown): string {
  if (typeof value === 'string') return value;
  return inspect(value, {
    depth: Infinity,
    sorted: true,
    compact: false,
    breakLength: 80,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
    colors: false,
    getters: false,
  });
}

/**
 * Parse a snapshot file into its entries (key → stored text). Lines that belong to no
 * entry (the header, blank lines between entries) are ignored.
 *
 * @param text - the file's content.
 * @returns the entries, in file order.
 */
export function parseSnapshotFile(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  let key: string | undefined;
  let lines: string[] = [];
  const close = (): void => {
    if (key !== undefined) entries.set(key, lines.join('\n'));
  };
  for (const line of text.split('\n')) {
    if (line.startsWith(ENTRY)) {
      close();
      key = line.slice(ENTRY.length);
      lines = [];
    } else if (key !== undefined && (line === '|' || line.startsWith(LINE))) {
      lines.push(line.slice(2));
    }
  }
  close();
  return entries;
}

/**
 * Render entries as a snapshot file, sorted by key.
 *
 * @param entries - key → stored text.
 * @returns the file's content, ending with a newline.
 */
export function renderSnapshotFile(entries: ReadonlyMap<string, string>): string {
  const keys = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const blocks = keys.map((key) => {
    const body = entries.get(key)!.split('\n').map((line) => (line === '' ? '|' : `${LINE}${line}`));
    return [`${ENTRY}${key}`, ...body].join('\n');
  });
  return [SNAPSHOT_HEADER, ...blocks].join('\n\n') + '\n';
}

/**
 * Where the snapshots of a test file live: `__snapshots__/<file name>.snap` beside it.
 *
 * @param testFile - the test file's path (absolute or relative; the result is alike).
 * @returns the snapshot file's path.
 */
export function snapshotPathOf(testFile: string): string {
  return path.join(path.dirname(testFile), '__snapshots__', `${path.basename(testFile)}.snap`);
}

/**
 * The test id part of a snapshot key: `Class.test_x[case] 2` and `Class.test_x: name` both
 * belong to `Class.test_x` (resp. with the case).
 *
 * @param key - a snapshot key.
 * @returns `Class.method` (with the case, if any).
 */
export function testOfSnapshotKey(key: string): string {
  const named = key.indexOf(': ');
  if (named !== -1) return key.slice(0, named);
  const space = key.lastIndexOf(' ');
  return space === -1 ? key : key.slice(0, space);
}
