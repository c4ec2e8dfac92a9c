/**
 * The user-facing messages of parallel runs, in one table: each says what happened and,
 * where there is one, the remedy.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

/** How a worker's end reads in one line: "exited with code 3", "was killed by SIGKILL". */
function how(exitCode: number | null, signal: string | null): string {
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${String(exitCode)}`;
}

/** @internal */
export const messages = {
  exited: how,
  outOfMemory: (limit: string): string =>
    `ran out of memory (JavaScript heap${limit}); look for unbounded growth, or raise the limit ` +
    '(NODE_OPTIONS=--max-old-space-size=MiB)',
  uncaught: (name: string, message: string): string => `died of an uncaught ${name}: ${message}`,
  crashedInTest: (worker: number, reason: string, testId: string, tail: string): string =>
    `Worker ${worker} ${reason} while running ${testId}; the test cannot report its own result. ` +
    'The rest of the worker\'s tests run in a fresh worker.' +
    (tail ? `\nLast lines of its stderr:\n${tail}` : ''),
  crashedOutsideTest: (worker: number, reason: string, file: string, tail: string): string =>
    `Worker ${worker} ${reason} while loading or setting up ${file} (no test was running). ` +
    'The file\'s remaining tests were not run.' +
    (tail ? `\nLast lines of its stderr:\n${tail}` : ''),
  timedOut: (seconds: number, testId: string): string =>
    `${testId} timed out after ${formatSeconds(seconds)} s and its worker stopped answering ` +
    '(a synchronous loop that never yields?); the worker was terminated and the rest ' +
    'of its tests run in a fresh worker. Raise the limit with `static timeout = S` or `--timeout S` if it is just slow.',
  fileTimedOut: (seconds: number, file: string): string =>
    `Loading or setting up ${file} took more than ${formatSeconds(seconds)} s with the worker not answering; ` +
    'the worker was terminated and the file\'s remaining tests were not run.',
  poolStartFailed: (worker: number, reason: string, kind: string, tail: string): string =>
    `The worker pool failed to start: worker ${worker} (${kind === 'processes' ? 'a child process' : 'a thread'}) ${reason} ` +
    'before it could load a test file, twice in a row, so no test could run. ' +
    'Look for what every worker loads first: NODE_OPTIONS (--require, --import, --loader), a broken trial-ts install ' +
    '(reinstall, or `npm run build` in a checkout), or limits on threads and processes; `--in-process` runs the tests ' +
    'without workers to tell them apart.' +
    (tail ? `\nLast lines of its stderr:\n${tail}` : ''),
  timeoutReason: (testId: string): string => `timed out in ${testId}`,
  runnerError: (message: string): string =>
    `The worker's test runner failed (this is a bug in trial-ts, please report it): ${message}`,
};

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}
