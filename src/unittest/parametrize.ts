/**
 * `@parametrize(cases)`: one test method, run once per case, each case its own test with
 * the id `Class.test_add[small]`. Cases are stored on the method under a `Symbol.for`
 * key, so the runner (a second copy of the library) reads them, as it reads markers.
 *
 * @packageDocumentation
 */
import type { MarkerDecorator } from './markers';
import { FEATURE_MESSAGES } from './messages';
import { processKeys } from '../platform/processKeys';

/** Cases of a parametrized test: named argument lists, or a list of them (ids `0`, `1`, …). */
export type ParametrizeCases = Readonly<Record<string, readonly unknown[]>> | readonly (readonly unknown[])[];

const CASES_KEY = processKeys.markerParametrize;

/** Characters a case name may not hold: they delimit ids (`file:Class.method[case]`). */
const FORBIDDEN = /[[\]:\n]/;

/** The cases as `[name, args]` pairs, in order; throws a TypeError for a malformed table. */
function normalizeCases(cases: ParametrizeCases): [string, readonly unknown[]][] {
  if (typeof cases !== 'object' || cases === null) throw new TypeError(FEATURE_MESSAGES.parametrizeNotCases());
  const entries: [string, unknown][] = Array.isArray(cases)
    ? cases.map((args, index): [string, unknown] => [String(index), args])
    : Object.entries(cases);
  if (entries.length === 0) throw new TypeError(FEATURE_MESSAGES.parametrizeNotCases());
  for (const [name, args] of entries) {
    if (!Array.isArray(args)) throw new TypeError(FEATURE_MESSAGES.parametrizeCaseNotArray(name));
    if (name === '' || FORBIDDEN.test(name)) throw new TypeError(FEATURE_MESSAGES.parametrizeBadName(name));
  }
  return entries as [string, readonly unknown[]][];
}

/**
 * Run a test method once per case, with the case's arguments. Each case is its own test
 * (`test_add[small]`): reported, selected (`file.ts:Class.test_add[small]`, `-k small`),
 * timed and sharded on its own. Markers of the method apply to every case.
 *
 * @param cases - an object of named argument lists, or an array of them (named `0`, `1`, …).
 * @returns a decorator for a test method (standard or legacy).
 * @throws TypeError when the table is empty, a case is not an array, or a name holds `[`, `]`, `:` or a newline.
 * @example
 * ```ts
 * class AddTests extends SynchronousTestCase {
 *   @parametrize({ small: [1, 2, 3], negative: [-1, -2, -3] })
 *   test_add(a: number, b: number, sum: number) {
 *     this.assertEqual(a + b, sum);
 *   }
 * }
 * ```
 */
export function parametrize(cases: ParametrizeCases): MarkerDecorator {
  const normalized = normalizeCases(cases);
  return (target, _contextOrKey, descriptor) => {
    const holder = descriptor !== undefined ? descriptor.value : target;
    (holder as Record<symbol, unknown>)[CASES_KEY] = normalized;
  };
}

/**
 * The case names of a method, or undefined when it is not parametrized.
 *
 * @param method - the test method (a function).
 * @returns the names in order.
 */
export function caseNamesOf(method: unknown): string[] | undefined {
  const cases = casesOf(method);
  return cases?.map(([name]) => name);
}

function casesOf(method: unknown): [string, readonly unknown[]][] | undefined {
  if (typeof method !== 'function') return undefined;
  const cases = (method as unknown as Record<symbol, unknown>)[CASES_KEY];
  return Array.isArray(cases) ? (cases as [string, readonly unknown[]][]) : undefined;
}

/** A test name split into its method and its case: `test_add[small]` → `test_add`, `small`. */
export interface CaseName {
  method: string;
  /** Absent for a test that is not a case. */
  caseName?: string;
}

/**
 * Split a test's method name into the method and the case.
 *
 * @param name - e.g. `test_add[small]`.
 * @returns the parts.
 */
export function splitCaseName(name: string): CaseName {
  const open = name.indexOf('[');
  if (open <= 0 || !name.endsWith(']')) return { method: name };
  return { method: name.slice(0, open), caseName: name.slice(open + 1, -1) };
}

/**
 * The arguments of one case of `method`, or `[]` for a plain test.
 *
 * @param method - the test method.
 * @param caseName - the case, from {@link splitCaseName}.
 * @returns the arguments.
 * @throws TypeError when the method has no such case.
 */
export function caseArgsOf(method: unknown, caseName: string | undefined): readonly unknown[] {
  if (caseName === undefined) return [];
  const found = casesOf(method)?.find(([name]) => name === caseName);
  if (found === undefined) throw new TypeError(FEATURE_MESSAGES.parametrizeNoSuchCase(caseName));
  return found[1];
}
