/**
 * Checks that a tsconfig text is JSON with comments, the dialect tsc accepts: `//` and
 * `/* *\/` comments and trailing commas allowed. get-tsconfig reads files leniently and
 * drops what it cannot parse, so a truncated tsconfig.json would silently lose its
 * `jsx` or `paths`; this check turns that into a clear error instead.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The text with comments blanked out (same length, newlines kept, strings untouched). */
function withoutComments(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '/' && (text[index + 1] === '/' || text[index + 1] === '*')) {
      const block = text[index + 1] === '*';
      const close = block ? text.indexOf('*/', index + 2) : text.indexOf('\n', index);
      const end = close === -1 ? text.length : block ? close + 2 : close;
      out += text.slice(index, end).replace(/[^\n]/g, ' ');
      index = end;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

/** `line L, column C` of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * What is wrong with a tsconfig text, or `undefined` when it parses.
 *
 * @param text - the file's contents.
 * @returns a short description with the line and column when JSON.parse gives a position.
 */
export function jsoncSyntaxError(text: string): string | undefined {
  const json = withoutComments(text.replace(/^\uFEFF/, '')).replace(/,(\s*[}\]])/g, ' $1');
  if (json.trim() === '') return undefined;
  try {
    JSON.parse(json);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position === null ? 'unexpected end of the file' : lineAndColumn(json, Number(position[1]));
    return `${where}: ${message.replace(/\s*in JSON at position \d+.*$/s, '')}`;
  }
}
