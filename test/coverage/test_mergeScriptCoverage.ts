/** mergeScriptCoverage: V8 pieces of one script, from different workers, summed per stretch of source. */
import { SynchronousTestCase } from 'trial-ts';
import { mergeScriptCoverage } from '../../src/coverage/mergeScriptCoverage';

const range = (startOffset: number, endOffset: number, count: number) => ({ startOffset, endOffset, count });
const fn = (functionName: string, ...ranges: Array<ReturnType<typeof range>>) => ({ functionName, isBlockCoverage: true, ranges });

export class MergeScriptCoverageTests extends SynchronousTestCase {
  /** One piece keeps its functions and blocks (the normal form every mode shares). */
  test_onePieceKeepsFunctionsAndBlocks(): void {
    const merged = mergeScriptCoverage([[fn('', range(0, 100, 1)), fn('f', range(10, 50, 2), range(20, 30, 0))]]);
    this.assertEqual(merged, [fn('', range(0, 100, 1)), fn('f', range(10, 50, 2), range(20, 30, 0))]);
  }

  /** Overlapping blocks from two workers sum stretch by stretch, as one run would count them. */
  test_overlappingBlocksSumPerStretch(): void {
    // Worker A took the first branch only, worker B the second only.
    const a = [fn('', range(0, 100, 1)), fn('f', range(10, 60, 1), range(20, 30, 0), range(40, 59, 0))];
    const b = [fn('', range(0, 100, 1)), fn('f', range(10, 60, 1), range(30, 59, 0))];
    const merged = mergeScriptCoverage([a, b]);
    this.assertEqual(merged, [fn('', range(0, 100, 2)), fn('f', range(10, 60, 2), range(20, 40, 1), range(40, 59, 0))]);
    // Merging merged lists again (shards) changes nothing but the sums.
    this.assertEqual(mergeScriptCoverage([merged]), merged);
  }

  /** A function one worker never called counts only the other worker's calls. */
  test_uncalledFunctionInOnePiece(): void {
    const merged = mergeScriptCoverage([[fn('', range(0, 100, 1)), fn('g', range(50, 80, 0))], [fn('', range(0, 100, 1)), fn('g', range(50, 80, 3))]]);
    this.assertEqual(merged, [fn('', range(0, 100, 2)), fn('g', range(50, 80, 3))]);
  }
}
