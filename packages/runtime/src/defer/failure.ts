/**
 * `Failure`: the error half of a Deferred's result, wrapping whatever was thrown.
 *
 * @packageDocumentation
 */
import { FAILURE_BRAND, isFailure } from './brands';
import type { ErrorClass } from './interfaces';
import { describe } from './repr';

/** How many `cause`s `getTraceback` follows before it stops (a cycle guard). */
const MAX_CAUSES = 10;

/**
 * A thrown value, wrapped so a Deferred can carry it down the errback chain, with
 * Twisted's `check`/`trap` to dispatch on its class.
 *
 * Any value can be wrapped: errors, but also strings or objects that were thrown.
 * Matching follows the prototype chain (subclasses match), and the trial-ts errors
 * (`CancelledError`, `TimeoutError`, ...) also match by name across the two copies of
 * the library a test run may load.
 *
 * @example
 * ```ts
 * d.addErrback((f: Failure) => {
 *   f.trap(KeyError, RangeError); // rethrows anything else
 *   return 'recovered';
 * });
 * ```
 */
export class Failure {
  /** What was thrown (usually an Error). */
  readonly value: unknown;
  /** The class of {@link Failure.value} (`String` for a thrown string; undefined for null/undefined). */
  readonly type: ErrorClass | undefined;

  /**
   * @param value - the thrown value. A Failure is unwrapped, so `new Failure(f).value === f.value`.
   * @example
   * ```ts
   * const f = new Failure(new TypeError('bad'));
   * f.type === TypeError; // true
   * ```
   */
  constructor(value: unknown) {
    if (isFailure(value)) {
      this.value = value.value;
      this.type = value.type;
      return;
    }
    this.value = value;
    this.type = classOf(value);
  }

  /**
   * `value` itself when it is already a Failure (from any copy of the library),
   * otherwise a new Failure wrapping it.
   *
   * @param value - a Failure or a thrown value.
   * @returns a Failure, identical to `value` when it was one.
   * @example
   * ```ts
   * const f = Failure.from(err);
   * Failure.from(f) === f; // true
   * ```
   */
  static from(value: unknown): Failure {
    return isFailure(value) ? value : new Failure(value);
  }

  /**
   * The first of `types` (in argument order) that the wrapped value is an instance of.
   *
   * @param types - classes to test against; subclasses match.
   * @returns the matching class, or null.
   * @example
   * ```ts
   * new Failure(new RangeError('x')).check(TypeError, Error); // Error
   * new Failure(new RangeError('x')).check(TypeError); // null
   * ```
   */
  check<C extends ErrorClass[]>(...types: C): C[number] | null {
    for (const type of types) {
      if (matches(this.value, type)) return type;
    }
    return null;
  }

  /**
   * Like {@link Failure.check}, but rethrows the original value when nothing matches,
   * so that an errback can let other errors through.
   *
   * @param types - classes to accept.
   * @returns the matching class.
   * @throws the wrapped value itself when no type matches.
   * @example
   * ```ts
   * d.addErrback((f) => {
   *   f.trap(CancelledError);
   *   return null; // a cancellation is not an error here
   * });
   * ```
   */
  trap<C extends ErrorClass[]>(...types: C): C[number] {
    const match = this.check(...types);
    if (match === null) throw this.value;
    return match;
  }

  /**
   * Throw the wrapped value.
   *
   * @throws the wrapped value, always.
   * @example
   * ```ts
   * d.addErrback((f) => f.raiseException());
   * ```
   */
  raiseException(): never {
    throw this.value;
  }

  /**
   * The wrapped error's message (for a thrown non-Error, a description of the value).
   *
   * @returns a short message without the class name.
   * @example
   * ```ts
   * new Failure(new Error('disk full')).getErrorMessage(); // 'disk full'
   * ```
   */
  getErrorMessage(): string {
    const value = this.value;
    if (isErrorLike(value)) return value.message;
    return typeof value === 'string' ? value : describe(value);
  }

  /**
   * A printable traceback: the error's stack (which starts with `Name: message`), then
   * each `cause` in turn. A thrown non-Error has no stack; its text says so.
   *
   * @returns the traceback text, possibly several lines.
   * @example
   * ```ts
   * console.log(failure.getTraceback());
   * ```
   */
  getTraceback(): string {
    const value = this.value;
    if (!isErrorLike(value)) return `${typeName(this)} thrown: ${describe(value)} (no stack: throw an Error to get one)`;
    let text = stackOf(value);
    let cause: unknown = value.cause;
    for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
      text += `\nCaused by: ${isErrorLike(cause) ? stackOf(cause) : describe(cause)}`;
      cause = isErrorLike(cause) ? cause.cause : undefined;
    }
    return text;
  }

  /**
   * @returns `[Failure Name: message]`.
   * @example
   * ```ts
   * String(new Failure(new TypeError('x'))); // '[Failure TypeError: x]'
   * ```
   */
  toString(): string {
    return `[Failure ${typeName(this)}: ${this.getErrorMessage()}]`;
  }
}
// The brand lives on the prototype and not in the type: a declared brand (or any
// private member) would make the dist/ and src/ copies' Failure types incompatible.
Object.defineProperty(Failure.prototype, FAILURE_BRAND, { value: true });

function typeName(failure: Failure): string {
  if (isErrorLike(failure.value)) return failure.value.name;
  return failure.type?.name || String(failure.value);
}

interface ErrorLike {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
}

/** Errors from other realms (vm contexts) fail `instanceof Error`; look at the shape. */
function isErrorLike(value: unknown): value is ErrorLike {
  if (value instanceof Error) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorLike).message === 'string' &&
    typeof (value as ErrorLike).name === 'string' &&
    typeof (value as ErrorLike).stack === 'string'
  );
}

function stackOf(error: ErrorLike): string {
  const header = `${error.name}: ${error.message}`;
  const stack = typeof error.stack === 'string' ? error.stack : '';
  // A stack that does not start with the header (rewritten, or a renamed error) would
  // hide what failed; put the header first.
  return stack.startsWith(header) || stack.startsWith(error.name) ? stack : `${header}\n${stack}`.trimEnd();
}

function classOf(value: unknown): ErrorClass | undefined {
  if (value === null || value === undefined) return undefined;
  const ctor = (Object(value) as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' ? (ctor as ErrorClass) : undefined;
}

/**
 * Whether `value` is an instance of `type`, walking the prototype chain (primitives are
 * boxed, so `String` matches a thrown string). A trial-ts error class also matches an
 * error of the same name from the other copy of the library.
 */
function matches(value: unknown, type: ErrorClass): boolean {
  if (value === null || value === undefined) return false;
  const target: unknown = type.prototype;
  const crossCopy = isTrialErrorClass(type);
  for (let proto: unknown = Object.getPrototypeOf(Object(value)); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto === target) return true;
    if (crossCopy) {
      const ctor = Object.hasOwn(proto as object, 'constructor') ? (proto as { constructor: unknown }).constructor : undefined;
      if (typeof ctor === 'function' && ctor.name === type.name && isTrialErrorClass(ctor)) return true;
    }
  }
  return false;
}

/** Whether `cls` is `TrialError` or extends it (by name, so either copy counts). */
function isTrialErrorClass(cls: unknown): boolean {
  for (let c = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (c.name === 'TrialError') return true;
  }
  return false;
}
