/**
 * What collection would otherwise skip without a word: `test*` members that are fields
 * holding functions (arrow functions are not on the prototype, so they are not methods),
 * and classes the file declares as TestCases but does not export. Found from the module's
 * exports and one pass over its source, as the declaration lines are.
 *
 * @packageDocumentation
 */
import { TestApiError } from '../errors/runnerError';
import { isTestClass } from './collect';
import { messages } from './messages';

/** A test file that declares TestCase classes but exports none of them. */
export class NoExportedTestsError extends TestApiError {
  /** @param warnings - the unexported classes, one message each. */
  constructor(readonly warnings: readonly string[]) {
    super(messages.noExportedTests(warnings), 'TRIAL_NO_EXPORTED_TESTS');
    this.name = 'NoExportedTestsError';
  }
}

/** One collection warning; `className` is the class it belongs to, if it is an exported one. */
export interface CollectWarning {
  className?: string;
  message: string;
}

const BASES = new Set(['TestCase', 'SynchronousTestCase']);
// Top-level declarations only (column 0): a class declared inside a function is local on purpose.
const CLASS = /^(abstract\s+)?class\s+([A-Za-z_$][\w$]*)(?:\s*<[^>{]*>)?\s+extends\s+([A-Za-z_$][\w$.]*)/gm;
const DECLARATION = /\bclass\s+([A-Za-z_$][\w$]*)|^[ \t]*(?:(?:public|protected|private|readonly|override)\s+)*(test[\w$]*)\s*(?:[!?]?\s*:[^=;\n]+)?=(?![=>])\s*(?:async\s*)?(?:\(|[A-Za-z_$][\w$]*\s*=>|function\b)/gm;
const METHOD = /^[ \t]*(?:(?:public|async|override|static)\s+)*\*?\s*(test[\w$]*)\s*(?:<[^>]*>)?\s*\(/;

/** Names of the exported test classes and every user class they inherit from. */
function exportedTestClasses(exports: Record<string, unknown>): { exported: string[]; known: Set<string> } {
  const values = Object.values(exports);
  if (typeof exports.default === 'object' && exports.default !== null) values.push(...Object.values(exports.default as object));
  const exported: string[] = [];
  const known = new Set<string>();
  for (const value of values) {
    if (!isTestClass(value)) continue;
    exported.push(value.name);
    for (let cls: unknown = value; isTestClass(cls); cls = Object.getPrototypeOf(cls)) known.add((cls as Function).name);
  }
  return { exported: [...new Set(exported)].sort(), known };
}

/** Class name → the `test*` fields assigned a function in its body, and the classes with test methods. */
function scanMembers(source: string): { fields: Map<string, string[]>; withTests: Set<string> } {
  const fields = new Map<string, string[]>();
  const withTests = new Set<string>();
  let currentClass = '';
  for (const line of source.split('\n')) {
    // Both patterns need one of these words: most lines (test bodies) are skipped unmatched.
    if (!line.includes('test') && !line.includes('class')) continue;
    if (METHOD.test(line) && currentClass !== '') withTests.add(currentClass);
    for (const match of line.matchAll(DECLARATION)) {
      if (match[1] !== undefined) currentClass = match[1];
      else if (match[2] !== undefined && currentClass !== '') {
        fields.set(currentClass, [...(fields.get(currentClass) ?? []), match[2]]);
        withTests.add(currentClass);
      }
    }
  }
  return { fields, withTests };
}

/**
 * The collection warnings of a loaded test file.
 *
 * @param exports - the module's exports.
 * @param source - the file's source text ('' when it could not be read).
 * @returns the warnings, exported classes' first, each naming the class and the fix.
 */
export function collectWarnings(exports: Record<string, unknown>, source: string): CollectWarning[] {
  const { known } = exportedTestClasses(exports);
  const { fields, withTests } = scanMembers(source);
  const warnings: CollectWarning[] = [];
  for (const className of known) {
    for (const member of fields.get(className) ?? []) warnings.push({ className, message: messages.arrowTestMember(className, member) });
  }
  const declared = [...source.matchAll(CLASS)].map((m) => ({ abstract: m[1] !== undefined, name: m[2], base: m[3].split('.').pop()! }));
  const testClasses = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name, base } of declared) {
      if (!testClasses.has(name) && (BASES.has(base) || testClasses.has(base) || known.has(base))) {
        testClasses.add(name);
        grew = true;
      }
    }
  }
  for (const { abstract, name } of declared) {
    if (testClasses.has(name) && !known.has(name) && !abstract && withTests.has(name)) {
      warnings.push({ message: messages.unexportedTestClass(name) });
    }
  }
  return warnings;
}

/**
 * The warnings a unit reports: all of them for a whole file; for one class, that class's
 * own and (when it is the file's first exported test class) the file's, so a file split
 * into units by class warns once.
 *
 * @param warnings - the file's warnings.
 * @param exports - the module's exports.
 * @param className - the unit's class, if it names one.
 * @returns the warnings to report with this unit's first test.
 */
export function warningsForUnit(warnings: readonly CollectWarning[], exports: Record<string, unknown>, className: string | undefined): string[] {
  if (className === undefined) return warnings.map((w) => w.message);
  const first = exportedTestClasses(exports).exported[0];
  return warnings.filter((w) => w.className === className || (w.className === undefined && className === first)).map((w) => w.message);
}

/**
 * The file defines test classes but exports none, so running it can only find nothing.
 *
 * @param exports - the module's exports.
 * @returns true when no export is a test class.
 */
export function exportsNoTestClass(exports: Record<string, unknown>): boolean {
  return exportedTestClasses(exports).exported.length === 0;
}
