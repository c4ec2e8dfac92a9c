/**
 * The error taxonomy: the runner's error classes by kind, and the one table from kind to
 * exit code.
 *
 * @packageDocumentation
 */
export type { ErrorKind, ErrorKindSpec } from './interfaces';
export { ERROR_KINDS, EXIT, describeError, exitCodeForError, kindOf } from './errorKinds';
export { BugError, EnvironmentError, RunnerError, SidecarError, TestApiError, UsageError } from './runnerError';
