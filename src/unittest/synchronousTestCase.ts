/**
 * `SynchronousTestCase`: the base class of test classes whose phases return nothing.
 * Every method whose name starts with `test` is a test; the runner makes one fresh
 * instance per test and calls `setUp`, the method, the cleanups (last in, first out) and
 * `tearDown` (only if setUp succeeded).
 *
 * The runner reaches the per-test state through {@link TEST_INTERNALS}, a `Symbol.for`
 * key, so user subclasses cannot collide with it and a second copy of the library can
 * run these instances.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Failure } from '@trial-ts/runtime/internal';
import { Assertions } from './assertions';
import { SkipTest } from './errors';
import { matchesErrorType } from './errorTypes';
import type { ErrorType } from './markers';
import { matchSnapshot, type SnapshotContext } from './matchSnapshot';
import { processKeys } from '../platform/processKeys';

/** A cleanup registered with `addCleanup`. */
export interface Cleanup {
  fn: (...args: never[]) => unknown;
  args: unknown[];
}

/** A warning emitted while the test ran (`process.emitWarning`). */
export interface CapturedWarning {
  name: string;
  message: string;
}

/**
 * Per-test state the runner fills in and reads.
 *
 * @internal
 */
export interface TestInternals {
  /** The test's id, `<file>:<Class>.<method>`. */
  id: string;
  methodName: string;
  /** The worker's temp directory, root of `mktemp()`. */
  tempDir: string;
  cleanups: Cleanup[];
  /** Errors logged during the test and not flushed (each fails the test). */
  loggedErrors: unknown[];
  warnings: CapturedWarning[];
  /** The class runs its phases synchronously (a returned promise is an error). */
  synchronous: boolean;
  /** Set by the runner: where the test's snapshots live and what may be written. */
  snapshot?: SnapshotContext;
}

/** Key of the method that returns a test's {@link TestInternals}. @internal */
export const TEST_INTERNALS: unique symbol = processKeys.testInternals as never;

/** Brand of test classes, so discovery recognises them without `instanceof`. @internal */
export const TEST_CASE_BRAND: unique symbol = processKeys.testCase as never;

let mktempCounter = 0;

/**
 * A test class whose setUp, tests, cleanups and tearDown are synchronous. Use
 * {@link TestCase} when they return promises or Deferreds.
 *
 * @example
 * ```ts
 * import { SynchronousTestCase } from 'trial-ts';
 *
 * export class ParserTests extends SynchronousTestCase {
 *   test_parsesNumbers() {
 *     this.assertEqual(parse('1 2'), [1, 2]);
 *   }
 * }
 * ```
 */
export class SynchronousTestCase extends Assertions {
  /** @internal */
  static readonly [TEST_CASE_BRAND] = true;

  #internals: TestInternals;

  /**
   * @param methodName - the test method this instance runs.
   */
  constructor(methodName = '') {
    super();
    this.#internals = {
      id: methodName,
      methodName,
      tempDir: path.resolve('_trial_temp'),
      cleanups: [],
      loggedErrors: [],
      warnings: [],
      synchronous: true,
    };
  }

  /** @internal */
  [TEST_INTERNALS](): TestInternals {
    return this.#internals;
  }

  /** The test's id: `<file>:<Class>.<method>`. */
  id(): string {
    return this.#internals.id;
  }

  /** Called before each test. Override it; the default does nothing. */
  setUp(): unknown {
    return undefined;
  }

  /** Called after each test whose setUp succeeded, after the cleanups. Override it. */
  tearDown(): unknown {
    return undefined;
  }

  /**
   * Run `fn(...args)` after the test, whatever its outcome: cleanups run last in, first
   * out, each after the previous one finished, before tearDown. A failing cleanup is
   * reported as its own error and the others still run.
   *
   * @param fn - the cleanup; in a `TestCase` it may return a promise or Deferred.
   * @param args - passed to `fn`.
   */
  addCleanup<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.#internals.cleanups.push({ fn: fn as Cleanup['fn'], args });
  }

  /**
   * Skip the running test.
   *
   * @param reason - printed in the summary.
   * @throws {@link SkipTest} always.
   */
  skipTest(reason: string): never {
    throw new SkipTest(reason);
  }

  /**
   * Replace `obj[name]` with `value` for the rest of the test; the original (or its
   * absence) is restored after the test, in cleanup order.
   *
   * @param obj - the object to patch.
   * @param name - the property.
   * @param value - the replacement.
   * @returns a handle whose `restore()` puts the original back early.
   */
  patch<T extends object, K extends keyof T>(obj: T, name: K, value: T[K]): { restore(): void } {
    const descriptor = Object.getOwnPropertyDescriptor(obj, name);
    let restored = false;
    const restore = (): void => {
      if (restored) return;
      restored = true;
      if (descriptor === undefined) delete obj[name];
      else Object.defineProperty(obj, name, descriptor);
    };
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: descriptor?.enumerable ?? true });
    this.addCleanup(restore);
    return { restore };
  }

  /**
   * A fresh path under this run's temp directory (`_trial_temp`, or the worker's own
   * `_trial_temp/<N>`). The parent folder exists; the path itself does not.
   *
   * @returns an absolute path unique to this call.
   */
  mktemp(): string {
    const { tempDir, id } = this.#internals;
    const safeId = id.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(-120);
    mktempCounter += 1;
    const parent = path.join(tempDir, safeId);
    fs.mkdirSync(parent, { recursive: true });
    return path.join(parent, `${process.pid}-${mktempCounter}-${Math.random().toString(36).slice(2, 8)}`);
  }

  /**
   * Take the errors logged during this test (by `logError`, an unhandled Deferred failure,
   * an uncaught error in a callback) that match `types`, so they do not fail the test.
   *
   * @param types - error classes (subclasses match) or names; none means every error.
   * @returns the flushed errors, as Failures.
   */
  flushLoggedErrors(...types: (Function | string)[]): Failure[] {
    const internals = this.#internals;
    const flushed: Failure[] = [];
    internals.loggedErrors = internals.loggedErrors.filter((error) => {
      const failure = error instanceof Failure ? error : new Failure(error);
      if (types.length > 0 && !matchesErrorType(failure.value, types as ErrorType[])) return true;
      flushed.push(failure);
      return false;
    });
    return flushed;
  }

  /**
   * Asserts that `value` matches its stored snapshot, kept in `__snapshots__/<test file>.snap`
   * beside the test file. The first run writes it; later runs compare. Strings are stored
   * as they are, other values as `util.inspect` prints them (keys sorted).
   * `--update-snapshots` rewrites snapshots that differ; with `CI` set a missing snapshot
   * fails instead of being written.
   *
   * @param value - what the code under test produced.
   * @param name - a name for the snapshot; unnamed ones are numbered per test (`1`, `2`...).
   * @throws AssertionError (with a diff) when the value differs from the snapshot, or the
   *   snapshot is missing and `CI` is set.
   * @example
   * ```ts
   * test_rendersPage() {
   *   this.assertMatchesSnapshot(renderPage({ title: 'Hello' }));
   * }
   * ```
   */
  assertMatchesSnapshot(value: unknown, name?: string): void {
    matchSnapshot(this.#internals.snapshot, value, name, SynchronousTestCase.prototype.assertMatchesSnapshot);
  }

  /**
   * Take the warnings emitted during this test so far (`process.emitWarning`); warnings
   * not flushed are printed with the test's result.
   *
   * @returns the warnings, oldest first.
   */
  flushWarnings(): CapturedWarning[] {
    const warnings = this.#internals.warnings;
    this.#internals.warnings = [];
    return warnings;
  }
}
