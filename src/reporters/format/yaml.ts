/**
 * The little YAML the TAP diagnostics need: scalars that any YAML 1.2 parser reads back
 * as the same string, whatever characters a test printed.
 *
 * @packageDocumentation
 */

// Outside YAML's printable set, or unsafe in a block scalar.
// eslint-disable-next-line no-control-regex
const NOT_BLOCK_SAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]|\r/;
const NEEDS_ESCAPE_IN_QUOTES = /[\u007f-\u009f\ufffe\uffff]/g;

/**
 * A double-quoted YAML scalar (JSON string syntax is valid YAML; YAML's extra
 * non-printables are escaped too).
 *
 * @param text - any string.
 */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(NEEDS_ESCAPE_IN_QUOTES, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A `key: value` entry: a literal block (`|-`) for readable multi-line text when
 * `blocks` is true, else a quoted scalar (Perl's TAP::Parser, behind `prove`, reads
 * only the quoted form).
 *
 * @param key - the mapping key.
 * @param value - the text.
 * @param indent - the indentation of the key.
 * @param blocks - allow a literal block.
 * @returns lines, without newlines.
 */
export function yamlEntry(key: string, value: string, indent: string, blocks = false): string[] {
  const lines = value.split('\n');
  const blockSafe = blocks && lines.length > 1 && !NOT_BLOCK_SAFE.test(value) && !/^\s/.test(value) && !/\s$/.test(value);
  if (!blockSafe) return [`${indent}${key}: ${quoted(value)}`];
  return [`${indent}${key}: |-`, ...lines.map((line) => (line === '' ? '' : `${indent}  ${line}`))];
}
