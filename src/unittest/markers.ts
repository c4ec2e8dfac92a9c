/**
 * Markers that change how a test runs: `skip`, `todo`, `timeout`, `cleanReactor` and `flaky`.
 * Each works on a class or on a method, as a standard (TC39) decorator, as a legacy
 * (`experimentalDecorators`) decorator, or as a static field on the class
 * (`static skip = 'why'`). A method's marker wins over its class's.
 *
 * Markers are stored under `Symbol.for` keys so a second copy of the library reads them.
 *
 * @packageDocumentation
 */
import { FEATURE_MESSAGES } from './messages';
import { splitCaseName } from './parametrize';
import { processKeys } from '../platform/processKeys';

/** An error class a `todo` expects, or its name. */
export type ErrorType = (abstract new (...args: never[]) => unknown) | string;

/** A `todo`: the test is expected to fail (optionally with one of `errors`) until `reason` is fixed. */
export interface Todo {
  reason: string;
  /** Expected error types; empty means any failure or error. */
  errors: ErrorType[];
}

/** The markers in force for one test method. */
export interface Markers {
  skip?: string;
  todo?: Todo;
  /** Seconds per phase. */
  timeout?: number;
  /** Check the test for leaks (default true). */
  cleanReactor: boolean;
  /** `@flaky(N)`: attempts allowed after a failing one. */
  flaky?: number;
}

const KEYS = {
  skip: processKeys.markerSkip,
  todo: processKeys.markerTodo,
  timeout: processKeys.markerTimeout,
  cleanReactor: processKeys.markerCleanReactor,
  flaky: processKeys.markerFlaky,
} as const;

type MarkerKey = keyof typeof KEYS;
type Marked = Record<symbol, unknown>;

/** A decorator usable on a class or a method, standard or legacy. */
export type MarkerDecorator = <T>(target: T, contextOrKey?: unknown, descriptor?: PropertyDescriptor) => void;

function marker(key: MarkerKey, value: unknown): MarkerDecorator {
  return (target, contextOrKey, descriptor) => {
    // Legacy method decorators receive (prototype, name, descriptor); standard ones
    // receive (method, context); both give a class decorator the class itself.
    const holder = descriptor !== undefined ? descriptor.value : target;
    void contextOrKey;
    (holder as Marked)[KEYS[key]] = value;
  };
}

/**
 * Skip a test or every test of a class; setUp never runs.
 *
 * @param reason - printed in the summary.
 * @example
 * ```ts
 * class ParserTests extends SynchronousTestCase {
 *   @skip('needs network') test_fetch() {}
 * }
 * ```
 */
export function skip(reason: string): MarkerDecorator {
  return marker('skip', reason);
}

/**
 * Expect a test to fail: a failure (of one of `errors`, when given) is an expected
 * failure, a pass is an unexpected success. setUp and tearDown failures are not covered.
 *
 * @param reasonOrErrors - the reason, or the expected error types.
 * @param reason - the reason, when the first argument lists error types.
 * @example
 * ```ts
 * @todo([TypeError], 'bug #12: nulls are not handled') test_nulls() { parse(null); }
 * ```
 */
export function todo(reasonOrErrors: string | ErrorType[], reason?: string): MarkerDecorator {
  return marker('todo', normalizeTodo(Array.isArray(reasonOrErrors) ? [reasonOrErrors, reason ?? ''] : reasonOrErrors));
}

/**
 * Give each phase of a test (setUp, the test, each cleanup, tearDown) this many seconds
 * instead of the default 120.
 *
 * @param seconds - a positive number.
 */
export function timeout(seconds: number): MarkerDecorator {
  return marker('timeout', seconds);
}

/**
 * Turn leak checking off (`false`) for a test or class whose leftovers are deliberate;
 * what it leaves is remembered and never blamed on a later test.
 *
 * @param check - `false` to opt out.
 */
export function cleanReactor(check: boolean): MarkerDecorator {
  return marker('cleanReactor', check);
}

/**
 * Mark a test (or every test of a class) as flaky: when an attempt fails or errors, it is
 * run again, up to `retries` more times, each attempt with a fresh instance, its own
 * setUp, cleanups, tearDown and leak check. A test that passes on a later attempt passes,
 * and every reporter shows it as flaky. `--retries N` gives every test N retries.
 *
 * @param retries - extra attempts after the first (a positive integer, default 1).
 * @returns a decorator for a class or a method.
 * @throws TypeError when `retries` is not a positive integer.
 * @example
 * ```ts
 * class FeedTests extends TestCase {
 *   @flaky(2) async test_fetchesFeed() { await fetchFeed(); }
 * }
 * ```
 */
export function flaky(retries = 1): MarkerDecorator {
  if (!Number.isInteger(retries) || retries <= 0) throw new TypeError(FEATURE_MESSAGES.flakyBadCount(retries));
  return marker('flaky', retries);
}

/** Accepts `'reason'`, `[[TypeError], 'reason']` or `[TypeError, 'reason']` (static-field forms). */
function normalizeTodo(value: unknown): Todo | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (typeof value === 'string') return { reason: value, errors: [] };
  if (value === true) return { reason: '', errors: [] };
  if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string') {
    const errors = Array.isArray(value[0]) ? value[0] : [value[0]];
    return { reason: value[1], errors: errors as ErrorType[] };
  }
  if (typeof value === 'object' && 'reason' in value) {
    const todoValue = value as { reason: string; errors?: ErrorType[] };
    return { reason: todoValue.reason, errors: todoValue.errors ?? [] };
  }
  return { reason: String(value), errors: [] };
}

function read(holder: unknown, key: MarkerKey): unknown {
  if (holder === undefined || holder === null) return undefined;
  const viaSymbol = (holder as Marked)[KEYS[key]];
  if (viaSymbol !== undefined) return viaSymbol;
  return undefined;
}

/** Reads a class-level marker: decorator first, then the static field of the same name. */
function readClass(cls: Function, key: MarkerKey): unknown {
  const decorated = read(cls, key);
  if (decorated !== undefined) return decorated;
  return (cls as unknown as Record<string, unknown>)[key];
}

/**
 * The markers in force for `methodName` of `cls` (method first, then class).
 *
 * @param cls - the test class.
 * @param methodName - the test method.
 */
export function markersOf(cls: Function, methodName: string): Markers {
  // A parametrized case (`test_add[small]`) carries the markers of its method.
  const method = (cls.prototype as Record<string, unknown>)[splitCaseName(methodName).method];
  const pick = (key: MarkerKey): unknown => read(method, key) ?? readClass(cls, key);
  const skipValue = pick('skip');
  const timeoutValue = pick('timeout');
  const cleanValue = pick('cleanReactor');
  const flakyValue = pick('flaky');
  return {
    skip: skipValue === undefined || skipValue === null || skipValue === false ? undefined : String(skipValue),
    todo: normalizeTodo(pick('todo')),
    timeout: typeof timeoutValue === 'number' && timeoutValue > 0 ? timeoutValue : undefined,
    cleanReactor: cleanValue !== false,
    // Present only when set, so tests that compare whole marker sets need not know it.
    ...(typeof flakyValue === 'number' && Number.isInteger(flakyValue) && flakyValue > 0 ? { flaky: flakyValue } : {}),
  };
}

/** Class-level skip (so `setUpClass` is not run for a skipped class). */
export function classSkipOf(cls: Function): string | undefined {
  const value = readClass(cls, 'skip');
  return value === undefined || value === null || value === false ? undefined : String(value);
}
