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
} as const;
