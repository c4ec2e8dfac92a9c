/**
 * Short, safe one-line descriptions of arbitrary values for messages (`Deferred`'s
 * `toString`, `Failure` of a thrown non-Error). Never throws, never runs user
 * `toString`s of plain objects, no Node `util.inspect` (defer is pure).
 *
 * @packageDocumentation
 */

const MAX = 200;

/**
 * Describe `value` the way a reader of a test failure wants to see it: strings quoted,
 * errors as `Name: message`, arrays and plain objects as (truncated) JSON, other
 * objects by class name.
 *
 * @param value - anything.
 * @returns a single line of at most about 200 characters.
 * @example
 * ```ts
 * describe('a'); // '"a"'
 * describe(new RangeError('x')); // 'RangeError: x'
 * ```
 */
export function describe(value: unknown): string {
  let text: string;
  try {
    text = describeUnbounded(value);
  } catch {
    text = '<unprintable value>';
  }
  text = text.replace(/\s*\n\s*/g, ' ');
  return text.length > MAX ? `${text.slice(0, MAX - 3)}...` : text;
}

function describeUnbounded(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
    case 'object':
      return describeObject(value);
    default:
      return String(value);
  }
}

function describeObject(value: object | null): string {
  if (value === null) return 'null';
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) || proto === Object.prototype || proto === null) {
    try {
      const json = JSON.stringify(value, (_key, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      if (json !== undefined) return json;
    } catch {
      // A cycle: fall through to the class name.
    }
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `<${name}>` : '<object>';
}
