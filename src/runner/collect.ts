/**
 * Finds the tests in a loaded module: exported classes that extend `SynchronousTestCase`
 * (recognised by a brand, not `instanceof`, so any copy of trial-ts works), and their
 * methods whose names start with `test`, own and inherited, in the run's order.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import type { TestOrder, WorkUnit } from './interfaces';
import type { SourceLocation, TestDescription } from './events';
import { relativePath } from './stack';
import { caseNamesOf, splitCaseName } from '../unittest/parametrize';
import { compileKeywordExpression } from './keywordExpression';
import { processKeys } from '../platform/processKeys';

const TEST_CASE_BRAND = processKeys.testCase;

/** A test class found in a module, with its selected test methods in run order. */
export interface CollectedClass {
  cls: new (methodName: string) => object;
  name: string;
  tests: TestDescription[];
  /** Collection warnings reported with the class's first test (see collectWarnings.ts). */
  warnings?: string[];
}

/** The value is a user's test class (not one of the library's base classes). */
export function isTestClass(value: unknown): value is new (methodName: string) => object {
  return (
    typeof value === 'function' &&
    (value as unknown as Record<symbol, unknown>)[TEST_CASE_BRAND] === true &&
    !Object.prototype.hasOwnProperty.call(value, TEST_CASE_BRAND)
  );
}

/** Names of the `test*` methods of a class, own and inherited, in definition order (base first). */
export function testMethodNames(cls: Function): string[] {
  const chain: object[] = [];
  for (let proto = cls.prototype as object; proto !== null; proto = Object.getPrototypeOf(proto)) {
    const ctor = (proto as { constructor: Function }).constructor;
    if (Object.prototype.hasOwnProperty.call(ctor, TEST_CASE_BRAND)) break;
    chain.unshift(proto);
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const proto of chain) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (!name.startsWith('test') || seen.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value !== 'function') continue;
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}

/**
 * The test names of a class: each method, or each of its cases (`test_add[small]`) when
 * it is parametrized. A selection by method name keeps all of its cases; one by case
 * name keeps that case.
 *
 * @param cls - the test class.
 * @param methods - its test method names, in order.
 * @param selected - the unit's `methodNames`, when it narrows the class.
 * @returns the test names, cases in their declared order.
 */
export function expandCases(cls: Function, methods: readonly string[], selected: readonly string[] | undefined): string[] {
  const names: string[] = [];
  for (const method of methods) {
    const cases = caseNamesOf((cls.prototype as Record<string, unknown>)[method]);
    const wholeMethod = selected === undefined || selected.includes(method);
    if (cases === undefined) {
      if (wholeMethod) names.push(method);
      continue;
    }
    for (const name of cases) {
      const full = `${method}[${name}]`;
      if (wholeMethod || selected!.includes(full)) names.push(full);
    }
  }
  return names;
}

/** Line of each class and of each `test*` method per class, from one pass over the source. */
export interface SourcePositions {
  classes: Map<string, number>;
  methods: Map<string, number>;
}

const DECLARATION = /\bclass\s+([A-Za-z_$][\w$]*)|^[ \t]*(?:(?:public|async|override|static)\s+)*\*?\s*(test[\w$]*)\s*(?:<[^>]*>)?\s*\(/gm;

/** Where classes and test methods are declared in `source` (method keys are `Class.method`). */
export function sourcePositions(source: string): SourcePositions {
  const classes = new Map<string, number>();
  const methods = new Map<string, number>();
  let line = 1;
  let scanned = 0;
  let currentClass = '';
  for (const match of source.matchAll(DECLARATION)) {
    for (let i = scanned; i < match.index; i++) if (source.charCodeAt(i) === 10) line++;
    scanned = match.index;
    if (match[1] !== undefined) {
      currentClass = match[1];
      if (!classes.has(currentClass)) classes.set(currentClass, line);
    } else if (match[2] !== undefined) {
      const key = `${currentClass}.${match[2]}`;
      if (!methods.has(key)) methods.set(key, line);
    }
  }
  return { classes, methods };
}

/** A small seeded generator (mulberry32), so `--order random:SEED` is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number from a string, to derive one seed per file from the run's seed. */
export function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Shuffle `items` in place (Fisher–Yates) with `random`, and return them. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The run's ordering and filtering, as collection needs it. */
export interface CollectOptions {
  cwd: string;
  order: TestOrder;
  seed: number;
  /** `-k` expressions (`and`, `or`, `not`, parentheses; bare words are substrings), or `/regex/flags`. */
  grep: readonly string[];
}

/**
 * Compile `-k` expressions into one predicate over test ids: a test is selected when any
 * expression selects it (see {@link compileKeywordExpression} for the language).
 *
 * @param patterns - the `-k` values, in command-line order.
 * @returns the predicate; with no pattern every id is selected.
 * @throws {@link KeywordExpressionError} for a malformed expression.
 */
export function grepMatcher(patterns: readonly string[]): (id: string) => boolean {
  if (patterns.length === 0) return () => true;
  const tests = patterns.map(compileKeywordExpression);
  return (id) => tests.some((test) => test(id));
}

/**
 * A test file's text, for what collection finds in it (declaration lines, warnings);
 * '' when it cannot be read: those are a courtesy.
 *
 * @param file - the absolute path.
 * @returns its text, or ''.
 */
export function testFileSource(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The test classes of a loaded module that the unit selects, each with its tests in run
 * order. Classes without selected tests are left out.
 *
 * @param exports - the module's exports.
 * @param unit - the file and optional class/method selection.
 * @param options - order, seed and `-k` filter.
 * @param source - the file's text, for the declaration lines (read when not given).
 */
export function collectTests(exports: Record<string, unknown>, unit: WorkUnit, options: CollectOptions, source = testFileSource(unit.file)): CollectedClass[] {
  const file = relativePath(options.cwd, unit.file);
  const matches = grepMatcher(options.grep);
  const excluded = new Set(unit.excludeIds ?? []);
  const positions = sourcePositions(source);
  const location = (line: number | undefined): SourceLocation | undefined =>
    line === undefined ? undefined : { file, line, column: 1 };

  const seen = new Set<Function>();
  const classes: CollectedClass[] = [];
  const candidates = Object.entries(exports);
  if (typeof exports.default === 'object' && exports.default !== null) {
    candidates.push(...Object.entries(exports.default as Record<string, unknown>)); // CommonJS seen through import()
  }
  for (const [exportName, value] of candidates) {
    if (!isTestClass(value) || seen.has(value)) continue;
    seen.add(value);
    const name = value.name || exportName;
    if (unit.className !== undefined && name !== unit.className) continue;
    const tests = expandCases(value, testMethodNames(value), unit.methodNames)
      .map((methodName): TestDescription => ({
        id: `${file}:${name}.${methodName}`,
        file,
        className: name,
        methodName,
        location: location(positions.methods.get(`${name}.${baseName(methodName)}`)),
      }))
      .filter((test) => matches(test.id) && !excluded.has(test.id));
    if (tests.length > 0) classes.push({ cls: value, name, tests });
  }
  return orderClasses(classes, positions, file, options);
}

/** `test_add[small]` → `test_add`: cases sort and locate as their method. */
function baseName(methodName: string): string {
  return splitCaseName(methodName).method;
}

function orderClasses(classes: CollectedClass[], positions: SourcePositions, file: string, options: CollectOptions): CollectedClass[] {
  if (options.order === 'random') {
    const random = seededRandom(options.seed ^ hashString(file));
    for (const entry of shuffle(classes, random)) shuffle(entry.tests, random);
    return classes;
  }
  if (options.order === 'toptobottom') {
    const line = (key: string, map: Map<string, number>) => map.get(key) ?? Number.MAX_SAFE_INTEGER;
    classes.sort((a, b) => line(a.name, positions.classes) - line(b.name, positions.classes));
    for (const entry of classes) {
      // Array.prototype.sort is stable: the cases of one method keep their declared order.
      entry.tests.sort((a, b) => line(`${entry.name}.${baseName(a.methodName)}`, positions.methods) - line(`${entry.name}.${baseName(b.methodName)}`, positions.methods));
    }
    return classes;
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  classes.sort((a, b) => byName(a.name, b.name));
  // By method, not by full name: the cases of one method keep their declared order (sort is stable).
  for (const entry of classes) entry.tests.sort((a, b) => byName(baseName(a.methodName), baseName(b.methodName)));
  return classes;
}
