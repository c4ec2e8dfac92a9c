/**
 * Messages of the error taxonomy: how an error that ends the command is printed.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The error module's user-facing messages. */
export const messages = {
  /** A bug of trial-ts ended the command: its stack, and what to do. */
  internal: (stack: string) => `internal error: ${stack}\nThis is a bug in trial-ts; please report it.`,
} as const;
