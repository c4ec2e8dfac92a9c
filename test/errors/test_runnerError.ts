/**
 * Tests for src/errors/runnerError.ts: each class of the taxonomy is a TrialError with its
 * name, code and kind, and the kind is not an own property (printing an error does not
 * show it).
 */
import { inspect } from 'node:util';
import { SynchronousTestCase } from 'trial-ts';
import { TrialError } from '@trial-ts/runtime/internal';
import { BugError, EnvironmentError, RunnerError, SidecarError, TestApiError, UsageError } from '../../src/errors/runnerError';

export class RunnerErrorTests extends SynchronousTestCase {
  /** Name, code and kind of each class, with the default codes. */
  test_nameCodeKind(): void {
    const errors = [new UsageError('m'), new EnvironmentError('m'), new SidecarError('m'), new BugError('m'), new TestApiError('m', 'TRIAL_T')];
    this.assertEqual(
      errors.map((error) => [error.name, error.code, error.kind, error instanceof RunnerError && error instanceof TrialError]),
      [
        ['UsageError', 'TRIAL_USAGE', 'usage', true],
        ['EnvironmentError', 'TRIAL_ENVIRONMENT', 'environment', true],
        ['SidecarError', 'TRIAL_SIDECAR', 'sidecar', true],
        ['BugError', 'TRIAL_BUG', 'internal', true],
        ['TestApiError', 'TRIAL_T', 'test', true],
      ],
    );
  }

  /** A subclass keeps its own code and name and inherits the kind. */
  test_subclassKeepsCode(): void {
    class BadShard extends UsageError {
      constructor() {
        super('bad shard', 'TRIAL_BAD_SHARD');
      }
    }
    const error = new BadShard();
    this.assertEqual([error.name, error.code, error.kind], ['BadShard', 'TRIAL_BAD_SHARD', 'usage']);
  }

  /** The cause is kept. */
  test_cause(): void {
    const cause = new Error('EACCES');
    this.assertIdentical(new EnvironmentError('m', 'TRIAL_ENVIRONMENT', { cause }).cause, cause);
  }

  /** The kind is a getter of the class: not an own property, not printed. */
  test_kindNotOwn(): void {
    const error = new UsageError('m');
    this.assertFalse(Object.hasOwn(error, 'kind'));
    this.assertNotIn("kind: 'usage'", inspect(error));
  }
}
