/**
 * Tests for src/errors/errorKinds.ts: the one table from an error's kind to the exit code,
 * reading the kind across copies of the library (no `instanceof`), and how an error that
 * ends the command is printed.
 */
import { SynchronousTestCase } from 'trial-ts';
import { ERROR_KINDS, EXIT, describeError, exitCodeForError, kindOf } from '../../src/errors/errorKinds';
import { BugError, EnvironmentError, SidecarError, TestApiError, UsageError } from '../../src/errors/runnerError';
import { ShardSpecError } from '../../src/runner/shard';
import { TestNotFoundError } from '../../src/runner/discovery';
import { ReporterSpecError } from '../../src/reporters/reporterSpecError';
import { UnsafeDurationsFolderError } from '../../src/runner/durations';
import { SidecarConfigError, SidecarStartError, SidecarUsageError } from '../../src/sidecar/sidecarErrors';
import { CoverageDirectoryError, CoverageUsageError } from '../../src/coverage/coverageErrors';

export class ErrorKindsTests extends SynchronousTestCase {
  /** The exit codes are the documented ones. */
  test_exitTable(): void {
    this.assertEqual({ ...EXIT }, { ok: 0, testsFailed: 1, usage: 2, cannotRun: 3, noTests: 5, interrupted: 130 });
  }

  /** usage → 2; environment, sidecar and internal → 3; a test's error → 1; only internal is a bug. */
  test_kindTable(): void {
    const table = Object.fromEntries(Object.entries(ERROR_KINDS).map(([kind, spec]) => [kind, [spec.exitCode, spec.bug]]));
    this.assertEqual(table, { usage: [2, false], environment: [3, false], sidecar: [3, false], internal: [3, true], test: [1, false] });
  }

  /** Each class of the taxonomy has its kind and exit code. */
  test_classesHaveTheirKinds(): void {
    const cases: Array<[Error, string, number]> = [
      [new UsageError('u'), 'usage', 2],
      [new EnvironmentError('e'), 'environment', 3],
      [new SidecarError('s'), 'sidecar', 3],
      [new BugError('b'), 'internal', 3],
      [new TestApiError('t', 'TRIAL_X'), 'test', 1],
    ];
    this.assertEqual(cases.map(([error]) => [kindOf(error), exitCodeForError(error)]), cases.map(([, kind, code]) => [kind, code]));
  }

  /** The areas' errors take the kind of the class they extend. */
  test_areaErrorsHaveKinds(): void {
    const kinds = [
      new ShardSpecError('x'),
      new TestNotFoundError('nope'),
      new ReporterSpecError('x'),
      new CoverageUsageError('x'),
      new SidecarConfigError('x'),
      new UnsafeDurationsFolderError('/f', 'a link'),
      new CoverageDirectoryError('x'),
      new SidecarStartError('db', 'x', []),
      new SidecarUsageError('x'),
    ].map(kindOf);
    this.assertEqual(kinds, ['usage', 'usage', 'usage', 'usage', 'usage', 'environment', 'environment', 'sidecar', 'test']);
  }

  /** The kind is read from the property, so an error of the other copy of the library counts. */
  test_kindWithoutInstanceof(): void {
    const fromOtherCopy = Object.assign(new Error('bad flag'), { kind: 'usage' });
    this.assertEqual([kindOf(fromOtherCopy), exitCodeForError(fromOtherCopy)], ['usage', 2]);
  }

  /** An error with no kind, or an unknown one, is internal: a bug, exit 3. */
  test_noKindIsInternal(): void {
    for (const error of [new Error('x'), new TypeError('y'), Object.assign(new Error('z'), { kind: 'weird' }), 'a string', null]) {
      this.assertEqual([kindOf(error), exitCodeForError(error)], ['internal', 3]);
    }
  }

  /** A known kind prints its message alone; a bug prints its stack and asks to be reported. */
  test_describeError(): void {
    this.assertEqual(describeError(new UsageError('Config file c.ts does not exist.')), 'Config file c.ts does not exist.');
    const bug = describeError(new TypeError('x is undefined'));
    this.assertTrue(bug.startsWith('internal error: TypeError: x is undefined\n    at '), bug);
    this.assertTrue(bug.endsWith('\nThis is a bug in trial-ts; please report it.'));
    this.assertSubstring('BugError: broken', describeError(new BugError('broken')));
    this.assertEqual(describeError(42), 'internal error: 42\nThis is a bug in trial-ts; please report it.');
  }
}
