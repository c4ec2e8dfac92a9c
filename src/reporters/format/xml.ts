/**
 * Making arbitrary text safe for XML 1.0, whatever tests print: ANSI colour sequences
 * are removed, characters XML forbids (most C0 controls, lone surrogates, U+FFFE/FFFF)
 * are replaced by a visible `\xNN`/`\uNNNN` escape, and markup is escaped.
 *
 * @packageDocumentation
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// Everything outside XML 1.0's Char production (tab, LF and CR are allowed).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text with colour sequences removed and XML-forbidden characters made visible.
 *
 * @param text - any string.
 */
export function xmlSafe(text: string): string {
  return text.replace(ANSI, '').replace(FORBIDDEN, visible);
}

/**
 * Escape text content: `&`, `<`, `>` (after {@link xmlSafe}).
 *
 * @param text - any string.
 */
export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escape an attribute value: markup, quotes, and line breaks and tabs as character
 * references (a parser would otherwise normalize them to spaces).
 *
 * @param text - any string.
 */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * Attributes rendered as ` name="value"`, skipping undefined values.
 *
 * @param attributes - names and values, in order.
 */
export function attributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}
