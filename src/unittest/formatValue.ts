/**
 * One-line renderings of values and classes for assertion messages: what Python's
 * `repr()` is to Trial's messages.
 *
 * @packageDocumentation
 */

import { inspect, types } from 'node:util';

/** Longest rendering kept in a one-line message; the rest is elided. */
const MAX_LENGTH = 500;

/**
 * The symbol-keyed fields Node's async_hooks (and the janitor's AsyncLocalStorage) put on
 * promises and timers, which `util.inspect` shows; at depth 0 the store is `[Object]`.
 * Node 20 and 22 print the key in brackets (`[Symbol(async_id_symbol)]: 7`), Node 24 and
 * later without (`Symbol(async_id_symbol): 7`), so both spellings are matched.
 */
const ASYNC_HOOKS_FIELDS =
  /,? \[?Symbol\((?:async_id_symbol|trigger_async_id_symbol|kResourceStore)\)\]?: (?:-?\d+|\[[A-Za-z]+\]|undefined|null|'[^']*')/g;

/**
 * Renders `value` on one line, as `util.inspect` would, cut to a readable length.
 *
 * @param value - anything.
 * @returns e.g. `'abc'`, `[ 1, 2 ]`, `{ a: { b: 1 } }`, `undefined`.
 * @internal
 */
export function formatValue(value: unknown): string {
  const text = withoutAsyncHooksFields(inspect(value, {
    // A promise's own fields are async_hooks bookkeeping; its value alone is enough.
    depth: types.isPromise(value) ? 0 : 4,
    breakLength: Infinity,
    maxArrayLength: 20,
    maxStringLength: MAX_LENGTH,
  }));
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}

/**
 * Removes the async_hooks bookkeeping fields from a `util.inspect` rendering, in the
 * spelling of any Node version from 20 on, so messages read the same on every version.
 *
 * @param text - a rendering, e.g. `Promise { 3, Symbol(async_id_symbol): 12 }`.
 * @returns it without those fields, e.g. `Promise { 3 }`.
 * @internal
 */
export function withoutAsyncHooksFields(text: string): string {
  return text.replace(ASYNC_HOOKS_FIELDS, '');
}

/**
 * Names a class (or anything passed where a class was expected) for a message.
 *
 * @param type - usually an error class.
 * @returns its name, e.g. `TypeError`; an anonymous class is `<anonymous class>`.
 * @internal
 */
export function formatType(type: unknown): string {
  if (typeof type === 'function') return type.name === '' ? '<anonymous class>' : type.name;
  if (typeof type === 'string') return type;
  return formatValue(type);
}

/**
 * Names several classes, Trial's way: joined by `or`.
 *
 * @param types - the expected classes.
 * @returns e.g. `RangeError or TypeError`.
 * @internal
 */
export function formatTypes(types: readonly unknown[]): string {
  return types.map(formatType).join(' or ');
}

/**
 * Names the class of a thrown value, or its kind when it is no object.
 *
 * @param thrown - what was thrown or rejected with.
 * @returns e.g. `TypeError`, or `string` for `throw 'oops'`.
 * @internal
 */
export function formatTypeOf(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null) {
    const ctor = (thrown as { constructor?: unknown }).constructor;
    return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'Object';
  }
  return thrown === null ? 'null' : typeof thrown;
}

/**
 * The stack of a thrown value, or its rendering when it has none, for a message that
 * shows what was thrown instead.
 *
 * @param thrown - what was thrown or rejected with.
 * @returns the stack (`TypeError: boom\n    at …`) or e.g. `'oops'`.
 * @internal
 */
export function formatThrown(thrown: unknown): string {
  if (thrown instanceof Error && typeof thrown.stack === 'string') return thrown.stack;
  const stack = (thrown as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? stack : formatValue(thrown);
}
