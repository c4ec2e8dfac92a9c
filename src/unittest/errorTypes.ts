/**
 * Matching an error against expected error types (a `todo`'s, `flushLoggedErrors`'s): by
 * class, subclasses included, or by name up the prototype chain, so a class from the other
 * copy of a library (or trial-ts) still matches.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { ErrorType } from './markers';

/**
 * The error is an instance of one of `types` (by class, or by name up its prototype chain);
 * an empty list matches anything.
 *
 * @param error - the thrown value.
 * @param types - classes or class names.
 */
export function matchesErrorType(error: unknown, types: readonly ErrorType[]): boolean {
  if (types.length === 0) return true;
  return types.some((type) => {
    if (typeof type === 'function') {
      if (typeof error === 'object' && error !== null && error instanceof (type as Function)) return true;
      type = type.name;
    }
    for (let proto = error; proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
      const ctor = (proto as { constructor?: { name?: string } }).constructor;
      if (Object.prototype.hasOwnProperty.call(proto, 'constructor') && ctor?.name === type) return true;
    }
    return false;
  });
}

