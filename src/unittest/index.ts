/**
 * The test-writing API: test classes, assertions, markers and helpers.
 *
 * - synchronousTestCase.ts — `SynchronousTestCase`, its per-test state (cleanups, patch, mktemp, logged errors)
 * - testCase.ts — `TestCase`, whose phases may return promises or Deferreds
 * - assertions.ts — every `assert*`, and `successResultOf` / `failureResultOf` / `assertNoResult`
 * - errors.ts — `AssertionError`, `SkipTest` and the predicates the runner classifies by
 * - markers.ts — `skip`, `todo`, `timeout`, `cleanReactor`, `flaky` as decorators and static fields
 * - parametrize.ts — `parametrize`, one test per case of a method
 * - snapshotFile.ts, snapshotStore.ts, matchSnapshot.ts — `assertMatchesSnapshot`'s file format, files and check
 * - logError.ts — `logError`, for code with no test object at hand
 * - suiteScoped.ts — `suiteScoped`, for shared clients whose lazy sockets are suite state
 * - fakeTimers.ts — `installFakeTimers`, global fake timers for one test
 *
 * @packageDocumentation
 */
export { SynchronousTestCase } from './synchronousTestCase';
export type { CapturedWarning } from './synchronousTestCase';
export { TestCase } from './testCase';
export { Assertions } from './assertions';
export { AssertionError, SkipTest, isAssertionError, isSkipTest } from './errors';
export { skip, todo, timeout, cleanReactor, flaky, markersOf } from './markers';
export { parametrize } from './parametrize';
export type { ParametrizeCases } from './parametrize';
export type { ErrorType, Markers, MarkerDecorator, Todo } from './markers';
export { logError } from './logError';
export { suiteScoped } from './suiteScoped';
export { installFakeTimers } from './fakeTimers';
export type { FakeTimersClock, FakeTimersOptions } from './fakeTimers';
