/**
 * Membership as `assertIn` and `assertNotIn` judge it: Python's `in` for TypeScript
 * containers.
 *
 * @packageDocumentation
 */

import { isDeepStrictEqual } from 'node:util';
import { formatValue } from './formatValue';
import { ASSERTION_MESSAGES } from './messages';

/**
 * Whether `container` holds `containee`.
 *
 * - a string holds its substrings;
 * - a Map holds its keys, a Set its elements, an array or other iterable its elements
 *   (an iterator is consumed);
 * - any other object holds its own keys (strings, numbers, symbols).
 *
 * Elements and keys match by the same deep strict equality as `assertEqual`, the way
 * Python's `in` compares with `==`: `[1, 2]` is in `[[1, 2]]`.
 *
 * @param method - the assertion's name, for the error.
 * @param containee - what is looked for.
 * @param container - where it is looked for.
 * @returns `true` when found.
 * @throws TypeError when `container` holds nothing (a number, `null`, …), or when it is a
 *   string and `containee` is not.
 * @internal
 */
export function contains(method: string, containee: unknown, container: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof containee !== 'string') {
      throw new TypeError(ASSERTION_MESSAGES.notASubstring(method, formatValue(containee)));
    }
    return container.includes(containee);
  }
  if (container instanceof Map) return container.has(containee) || someEqual(container.keys(), containee);
  if (container instanceof Set) return container.has(containee) || someEqual(container.values(), containee);
  if (Array.isArray(container)) return container.includes(containee) || someEqual(container, containee);
  if (isIterable(container)) return someEqual(container, containee);
  if ((typeof container === 'object' && container !== null) || typeof container === 'function') {
    return isPropertyKey(containee) && Object.hasOwn(container, containee);
  }
  throw new TypeError(ASSERTION_MESSAGES.notAContainer(method, formatValue(container)));
}

function someEqual(items: Iterable<unknown>, containee: unknown): boolean {
  for (const item of items) {
    if (isDeepStrictEqual(item, containee)) return true;
  }
  return false;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function isPropertyKey(value: unknown): value is PropertyKey {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'symbol';
}
