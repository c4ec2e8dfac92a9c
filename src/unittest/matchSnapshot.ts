/**
 * The work behind `assertMatchesSnapshot`: name the snapshot, compare it with the stored
 * one, and fail with a diff when they differ.
 *
 * @packageDocumentation
 */
import { deepStrictEqual } from 'node:assert';
import { isAssertionError } from './errors';
import { failAssertion } from './failAssertion';
import { FEATURE_MESSAGES } from './messages';
import { TestApiError } from '../errors/runnerError';
import { serializeSnapshot } from './snapshotFile';
import { snapshotStore, type SnapshotMode } from './snapshotStore';

/** What the runner tells a test about its snapshots (set on the test's internals). @internal */
export interface SnapshotContext {
  /** The snapshot file, absolute. */
  file: string;
  /** The snapshot file relative to the run's cwd, for messages. */
  displayFile: string;
  /** `Class.method` (with the case): the prefix of the test's keys. */
  testName: string;
  mode: SnapshotMode;
  /** Keys checked so far, in order (reported with the test's end, for obsolete snapshots). */
  checked: string[];
}

/**
 * Check `value` against the test's snapshot, writing it when missing (unless the mode
 * forbids it) or when the mode rewrites.
 *
 * @param context - the test's snapshot context; undefined outside the runner.
 * @param value - what the test produced.
 * @param name - the snapshot's name; unnamed ones are numbered per test, from 1.
 * @param caller - the public method, cut from the stack.
 * @throws AssertionError on a mismatch (with a diff) or a snapshot missing under CI.
 * @throws TestApiError outside the runner, or for a name with a newline.
 * @internal
 */
export function matchSnapshot(context: SnapshotContext | undefined, value: unknown, name: string | undefined, caller: Function): void {
  if (context === undefined) throw new TestApiError(FEATURE_MESSAGES.snapshotOutsideRunner(), 'TRIAL_SNAPSHOT_USAGE');
  if (name !== undefined && name.includes('\n')) throw new TestApiError(FEATURE_MESSAGES.snapshotBadName(name), 'TRIAL_SNAPSHOT_USAGE');
  const unnamed = context.checked.filter((key) => !key.startsWith(`${context.testName}: `)).length;
  const key = name === undefined ? `${context.testName} ${unnamed + 1}` : `${context.testName}: ${name}`;
  context.checked.push(key);
  const actual = serializeSnapshot(value);
  const result = snapshotStore().check(context.file, key, actual, context.mode);
  if (result.status === 'missing') failAssertion(FEATURE_MESSAGES.snapshotMissingInCi(key, context.displayFile), undefined, caller);
  if (result.status !== 'mismatch') return;
  let diff = '';
  try {
    deepStrictEqual(actual, result.expected);
  } catch (error) {
    if (isAssertionError(error)) diff = error.message.slice(error.message.indexOf('\n') + 1).trim();
  }
  failAssertion(`${FEATURE_MESSAGES.snapshotMismatch(key, context.displayFile)}\n${diff}`, undefined, caller, {
    actual,
    expected: result.expected,
    diff,
  });
}
