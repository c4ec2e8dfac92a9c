/**
 * The texts of assertion failures: what was expected, then what was found, in Trial's
 * words adapted to TypeScript. Every argument arrives already rendered (see
 * `formatValue.ts`), so this table is pure: no Node imports, no formatting decisions.
 *
 * @packageDocumentation
 */

/**
 * Assertion failure texts, one builder per failure.
 *
 * @internal
 */
export const ASSERTION_MESSAGES = {
  /** `fail()` called without a message. */
  failedWithoutMessage: (): string => 'Test failed: fail() was called without a message.',
  /** `assertEqual`: Node's deep-equality diff follows. */
  notEqual: (diff: string): string => diff,
  /** `assertNotEqual`. */
  equal: (first: string, second: string): string => `${first} == ${second}`,
  /** `assertIdentical`. */
  notIdentical: (first: string, second: string): string => `${first} is not ${second}`,
  /** `assertNotIdentical`. */
  identical: (first: string, second: string): string => `${first} is ${second}`,
  /** `assertTrue`. */
  notTrue: (value: string): string => `${value} is not true`,
  /** `assertFalse`. */
  notFalse: (value: string): string => `${value} is not false`,
  /** `assertIn` / `assertSubstring`. */
  notIn: (containee: string, container: string): string => `${containee} not in ${container}`,
  /** `assertNotIn` / `assertNotSubstring`. */
  isIn: (containee: string, container: string): string => `${containee} in ${container}`,
  /** `assertIsInstance`. */
  notInstance: (value: string, type: string): string => `${value} is not an instance of ${type}`,
  /** `assertApproximates`. */
  notApproximate: (first: string, second: string, tolerance: string): string =>
    `${first} ~== ${second} (they differ by more than the tolerance ${tolerance})`,
  /** `assertAlmostEqual`. */
  notAlmostEqual: (first: string, second: string, places: string): string =>
    `${first} != ${second} within ${places} places`,
  /** `assertRaises`: the function returned. */
  notRaised: (expected: string, returned: string): string => `${expected} not raised (${returned} returned)`,
  /** `assertRaises`: the function returned a promise, which cannot throw synchronously. */
  notRaisedButPromise: (expected: string, returned: string): string =>
    `${expected} not raised (${returned} returned). The function is asynchronous: ` +
    `use \`await this.assertRejects(${expected}, fn())\` instead.`,
  /** `assertRaises`: something else was thrown. */
  raisedInstead: (found: string, expected: string, stack: string): string =>
    `${found} raised instead of ${expected}:\n${stack}`,
  /** `assertRejects`: the promise or Deferred succeeded. */
  notRejected: (expected: string, value: string): string => `${expected} not rejected (resolved with ${value})`,
  /** `assertRejects`: it failed with something else. */
  rejectedInstead: (found: string, expected: string, stack: string): string =>
    `${found} rejected instead of ${expected}:\n${stack}`,
  /** `assertWarns`: nothing was emitted while the function ran. */
  noWarnings: (category: string, text: string): string =>
    `No warnings emitted; expected a ${category} containing ${text}.`,
  /** `assertWarns`: the function returned a promise; only synchronous warnings are seen. */
  noWarningsButPromise: (category: string, text: string): string =>
    `No warnings emitted; expected a ${category} containing ${text}. The function returned a ` +
    'promise: assertWarns only sees warnings emitted before the function returns.',
  /** `assertWarns`: warnings were emitted, none of them the expected one. */
  wrongWarnings: (category: string, text: string, found: readonly string[]): string =>
    `Expected a ${category} containing ${text}, found instead:\n${found.map((w) => `  ${w}`).join('\n')}`,
  /** `successResultOf`: no result yet. */
  successButNoResult: (deferred: string): string =>
    `Success result expected on ${deferred}, found no result instead`,
  /** `successResultOf`: a failure. */
  successButFailure: (deferred: string, traceback: string): string =>
    `Success result expected on ${deferred}, found failure result instead:\n${traceback}`,
  /** `failureResultOf`: no result yet. */
  failureButNoResult: (deferred: string): string =>
    `Failure result expected on ${deferred}, found no result instead`,
  /** `failureResultOf`: a success. */
  failureButSuccess: (deferred: string, result: string): string =>
    `Failure result expected on ${deferred}, found success result (${result}) instead`,
  /** `failureResultOf`: a failure of another type. */
  failureOfWrongType: (expected: string, deferred: string, found: string, traceback: string): string =>
    `Failure of type (${expected}) expected on ${deferred}, found type ${found} instead:\n${traceback}`,
  /** `assertNoResult`: there is a result. */
  unexpectedResult: (deferred: string, result: string): string =>
    `No result expected on ${deferred}, found ${result} instead`,
  /** `assertFailure`: the Deferred succeeded. */
  assertFailureButSuccess: (result: string): string => `did not catch an error, instead got ${result}`,
  /** `assertFailure`: it failed with another type. */
  assertFailureOfWrongType: (expected: string, traceback: string): string =>
    `\nExpected: ${expected}\nGot:\n${traceback}`,
  /** A Deferred helper was given something other than a Deferred. */
  notADeferred: (method: string, found: string): string =>
    `${method}() needs a Deferred, got ${found}. A Promise's result cannot be read synchronously: ` +
    'await it, or use `await this.assertRejects(Type, promise)` for an expected rejection.',
  /** `assertRejects` given something that is neither a promise nor a Deferred. */
  notAPromise: (method: string, found: string): string =>
    `${method}() needs a promise or a Deferred, got ${found}. To check a synchronous throw, ` +
    'use `this.assertRaises(Type, fn)`.',
  /** `assertIn` / `assertNotIn` on something that holds nothing. */
  notAContainer: (method: string, found: string): string =>
    `${method}() cannot look inside ${found}: pass a string, an array, a Set, a Map, ` +
    'another iterable, or an object (whose own keys are searched).',
  /** `assertIn` / `assertSubstring` on a string with a containee that is no string. */
  notASubstring: (method: string, found: string): string =>
    `${method}() searches a string, so the containee must be a string too; got ${found}.`,
  /** `assertSubstring` / `assertNotSubstring` given something other than a string. */
  notAString: (method: string, found: string): string => `${method}() compares strings; got ${found}.`,
  /** A user's message put before the generated text. */
  withUserMessage: (message: string | undefined, text: string): string =>
    message === undefined || message === '' ? text : `${message}\n${text}`,
} as const;

/** Messages of `@parametrize`, `@flaky` and snapshots: what happened, then what to do. */
export const FEATURE_MESSAGES = {
  /** `@parametrize` given no cases, or something that is no table. */
  parametrizeNotCases: (): string =>
    '@parametrize() needs an object of named argument lists ({ small: [1, 2] }) or a non-empty array of argument lists.',
  /** A case that is not an argument list. */
  parametrizeCaseNotArray: (name: string): string =>
    `@parametrize() case ${JSON.stringify(name)} must be an array of arguments, e.g. [1, 2, 3].`,
  /** A case name that would break test ids. */
  parametrizeBadName: (name: string): string =>
    `@parametrize() case name ${JSON.stringify(name)} cannot be empty or hold '[', ']', ':' or a newline (they delimit test ids); rename the case.`,
  /** A selected case that the method does not declare. */
  parametrizeNoSuchCase: (name: string): string =>
    `this test has no @parametrize() case ${JSON.stringify(name)}; list the test ids with -n to see its cases.`,
  /** `@flaky(N)` with a bad count. */
  flakyBadCount: (count: unknown): string =>
    `@flaky() takes the number of extra attempts, a positive integer; got ${String(count)}.`,
  /** The stored snapshot differs. */
  snapshotMismatch: (key: string, file: string): string =>
    `snapshot ${JSON.stringify(key)} in ${file} does not match. If the change is intended, rerun with --update-snapshots.`,
  /** With CI set a snapshot is never written. */
  snapshotMissingInCi: (key: string, file: string): string =>
    `snapshot ${JSON.stringify(key)} is missing from ${file}, and CI is set, so it was not written. ` +
    'Run the test locally (or with --update-snapshots) and commit the snapshot file.',
  /** assertMatchesSnapshot outside the runner. */
  snapshotOutsideRunner: (): string =>
    'assertMatchesSnapshot() needs the trial-ts runner (it knows the test file and the snapshot mode); run the test with trial-ts.',
  /** A snapshot name that would break the file format. */
  snapshotBadName: (name: string): string =>
    `snapshot name ${JSON.stringify(name)} cannot hold a newline; use a one-line name.`,
} as const;
