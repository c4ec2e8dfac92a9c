/**
 * Tests for src/watch/failedUnits.ts: failed ids become units narrowed to methods, a
 * class-level error to its class, a load error to its whole file.
 */
import { SynchronousTestCase } from 'trial-ts';
import { failedUnits } from '../../src/watch/failedUnits';

export class FailedUnitsTests extends SynchronousTestCase {
  /** Methods of one class are one unit; a parametrized id keeps its dots. */
  test_methodsGrouped(): void {
    this.assertEqual(failedUnits(['test/a.ts:A.test_x', 'test/a.ts:A.test_round[1.5]', 'test/a.ts:B.test_y'], '/p'), [
      { file: '/p/test/a.ts', className: 'A', methodNames: ['test_x', 'test_round[1.5]'] },
      { file: '/p/test/a.ts', className: 'B', methodNames: ['test_y'] },
    ]);
  }

  /** A class-level error re-runs the class; a load error the whole file. */
  test_classAndFile(): void {
    this.assertEqual(failedUnits(['test/a.ts:A.test_x', 'test/a.ts:A', 'test/b.ts', 'test/b.ts:B.test_z'], '/p'), [
      { file: '/p/test/a.ts', className: 'A' },
      { file: '/p/test/b.ts' },
    ]);
  }
}
