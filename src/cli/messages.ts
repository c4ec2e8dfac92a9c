/**
 * Messages the command line gives users, as one table: what happened, then what to do.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The CLI's user-facing messages. */
export const messages = {
  sidecarCrashed: (name: string, detail: string) =>
    `The sidecar '${name}' crashed while this test ran, so its result cannot be trusted. ` +
    `Its log says:\n${detail}`,
  testInterrupted: (signalName: string) =>
    `The run was interrupted (${signalName}) while this test ran, and the run ended before the test did, ` +
    'so it has no result. Its cleanups may not have run; trial-ts killed the processes the tests had started. ' +
    'Run the test alone to see how it ends.',
} as const;
