/**
 * The one table from the kind of an error to the process's exit code, beside the exit codes
 * of a run that carried out its tests. main.ts, the merge command and the session decide
 * every exit code from here.
 *
 * An error's kind is read from its `kind` property, not from `instanceof`: the runner's and
 * the tests' copies of the library both raise these (CONTRIBUTING: two copies). An error
 * without a known kind — a plain `Error`, a `TypeError` from a slip in trial-ts — is
 * `internal`: a bug.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { ErrorKind, ErrorKindSpec } from './interfaces';
import { messages } from './messages';

/** Exit codes of the command line (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  testsFailed: 1,
  usage: 2,
  cannotRun: 3,
  noTests: 5,
  interrupted: 130,
} as const;

/** Each kind of error and what it means for the process. */
export const ERROR_KINDS: Readonly<Record<ErrorKind, ErrorKindSpec>> = {
  usage: { exitCode: EXIT.usage, bug: false },
  environment: { exitCode: EXIT.cannotRun, bug: false },
  sidecar: { exitCode: EXIT.cannotRun, bug: false },
  internal: { exitCode: EXIT.cannotRun, bug: true },
  test: { exitCode: EXIT.testsFailed, bug: false },
};

/**
 * The kind of an error, from its `kind` property.
 *
 * @param error - anything thrown.
 * @returns its kind; `internal` when it has none.
 * @example
 * ```ts
 * kindOf(new UsageError('bad flag')); // 'usage'
 * kindOf(new Error('oops')); // 'internal'
 * ```
 */
export function kindOf(error: unknown): ErrorKind {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && Object.hasOwn(ERROR_KINDS, kind) ? (kind as ErrorKind) : 'internal';
}

/**
 * The exit code of a command that an error ended.
 *
 * @param error - the error.
 * @returns the exit code of its kind.
 */
export function exitCodeForError(error: unknown): number {
  return ERROR_KINDS[kindOf(error)].exitCode;
}

/**
 * An error as the command prints it: its one paragraph, or, for a bug, its stack and a
 * request to report it.
 *
 * @param error - the error.
 * @returns the text, without the `trial-ts:` prefix.
 */
export function describeError(error: unknown): string {
  if (!ERROR_KINDS[kindOf(error)].bug && error instanceof Error) return error.message;
  return messages.internal(error instanceof Error ? error.stack ?? error.message : String(error));
}
