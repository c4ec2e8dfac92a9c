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
  environment: (what: string, file: string, code: string, option: string) =>
    `Could not ${what}: ${file} ${ENVIRONMENT_REASONS[code] ?? `gave ${code}`} (${code}). ` +
    `Make it writable for the user running trial-ts, or choose another place with ${option}.`,
} as const;

/** What each file-system error code means, in words. */
const ENVIRONMENT_REASONS: Record<string, string> = {
  EACCES: 'is not writable by this user',
  EPERM: 'may not be changed by this user',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk',
  EDQUOT: "is over this user's disk quota",
};
