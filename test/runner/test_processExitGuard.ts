import { SynchronousTestCase } from 'trial-ts';
import { guardProcessExit, ProcessExitError } from '../../src/runner/processExitGuard';

export class ProcessExitGuardTests extends SynchronousTestCase {
  /** While guarded, process.exit throws a ProcessExitError carrying the code and naming the call. */
  test_guardThrowsInsteadOfExiting(): void {
    const restore = guardProcessExit();
    try {
      const error = this.assertRaises(ProcessExitError, () => process.exit(7));
      this.assertEqual([error.exitCode, error.code], [7, 'TRIAL_PROCESS_EXIT']);
      this.assertSubstring('process.exit(7) was called', error.message);
    } finally {
      restore();
    }
  }

  /** Restoring puts the previous process.exit back, and nested guards unwind in order. */
  test_restorePutsPreviousBack(): void {
    const original = process.exit;
    const outer = guardProcessExit();
    const guardedOuter = process.exit;
    const inner = guardProcessExit();
    inner();
    this.assertIdentical(process.exit, guardedOuter);
    outer();
    this.assertIdentical(process.exit, original);
  }

  /** A restore does not undo a process.exit someone else installed after the guard. */
  test_restoreLeavesLaterReplacement(): void {
    const original = process.exit;
    const restore = guardProcessExit();
    const replacement = (() => undefined) as unknown as typeof process.exit;
    process.exit = replacement;
    try {
      restore();
      this.assertIdentical(process.exit, replacement);
    } finally {
      process.exit = original;
    }
  }
}
