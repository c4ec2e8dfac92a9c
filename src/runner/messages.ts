/**
 * Messages the runner gives users, as one table: each says what happened and what to do.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { LeakReport } from './events';

function where(leak: LeakReport): string {
  return leak.createdAt === undefined ? '' : ` (created at ${leak.createdAt.file}:${leak.createdAt.line}:${leak.createdAt.column})`;
}

/** The runner's user-facing messages. */
export const messages = {
  synchronousReturnedPromise: (id: string, phase: string) =>
    `${id}: ${phase} returned a promise or Deferred, but the class extends SynchronousTestCase, ` +
    'so nothing waits for it and its failures would be lost. Extend TestCase instead.',
  phaseTimedOut: (id: string, phase: string, timeoutMs: number) =>
    `${id} still running in ${phase} after ${timeoutMs / 1000} s. ` +
    'Raise the limit with @timeout(seconds) or `static timeout`, or make sure what it awaits settles.',
  generatorMethod: (id: string, methodName: string) =>
    `${id}: ${methodName} is a generator function, so calling it only creates a generator and its body would never run. ` +
    'Remove the `*`; write `async` and `await` for asynchronous steps.',
  unsafeDurationsFolder: (folder: string, reason: string) =>
    `Did not write the durations file in ${folder}: ${reason}, so writing there could overwrite a file elsewhere. ` +
    'Remove it (trial-ts creates it again) or choose another place with --durations-file PATH.',
  setUpClassFailed: (className: string) =>
    `setUpClass of ${className} failed, so its tests did not run.`,
  tearDownClassFailed: (className: string) => `tearDownClass of ${className} failed.`,
  unrefLeak: (leak: LeakReport) => `left running, unreferenced: ${leak.description}${where(leak)}`,
  processExitCalled: (code: unknown) =>
    `process.exit(${code === undefined ? '' : String(code)}) was called while a test ran; trial-ts stopped it there, ` +
    'so the run goes on. A test must not end the process: throw or fail an assertion instead, ' +
    'or put the code that exits behind a function the test can replace.',
  fileNameNotUtf8: (shown: string) =>
    `The name of the test file ${shown} is not valid UTF-8 (shown with \uFFFD for the bytes that are not), ` +
    'so Node.js cannot open it. Rename it to a UTF-8 name (for example with `convmv -f latin1 -t utf-8 --notest`).',
  leakWarning: (leak: LeakReport) => `Reactor was unclean: ${leak.description}${where(leak)}. ${leak.hint}`,
  badKeywordExpression: (expression: string, column: number, reason: string) =>
    `-k '${expression}' is not a valid expression: ${reason} at column ${column}. ` +
    "Join words with and, or, not and parentheses, e.g. -k 'login and not slow'.",
  arrowTestMember: (className: string, member: string) =>
    `${className}.${member} is a field holding a function (an arrow function?), not a method, so it is not collected as a test. ` +
    `Write it as a method: ${member}() { ... }.`,
  unexportedTestClass: (className: string) =>
    `${className} extends a TestCase but is not exported, so its tests do not run. Add \`export\` before \`class ${className}\`.`,
  noExportedTests: (warnings: readonly string[]) =>
    `This file declares test classes but exports none, so it has no tests to run.\n${warnings.join('\n')}`,
} as const;
