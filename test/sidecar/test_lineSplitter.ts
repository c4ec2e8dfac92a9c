/**
 * Tests for src/sidecar/lineSplitter.ts.
 */
import { SynchronousTestCase } from 'trial-ts';
import { LineSplitter } from '../../src/sidecar/lineSplitter';

/** Tests for `LineSplitter`. */
export class LineSplitterTests extends SynchronousTestCase {
  /** A line split across chunks comes out whole, once. */
  test_joinsChunks() {
    const lines: string[] = [];
    const split = new LineSplitter((l) => lines.push(l));
    split.push('database system is re');
    split.push('ady to accept connections\nnext');
    this.assertEqual(lines, ['database system is ready to accept connections']);
    split.push('\n');
    this.assertEqual(lines, ['database system is ready to accept connections', 'next']);
  }

  /** CRLF endings are stripped. */
  test_crlf() {
    const lines: string[] = [];
    new LineSplitter((l) => lines.push(l)).push('a\r\nb\r\n');
    this.assertEqual(lines, ['a', 'b']);
  }

  /** `end()` emits a last line without a newline, and nothing when there is none. */
  test_end() {
    const lines: string[] = [];
    const split = new LineSplitter((l) => lines.push(l));
    split.push('x\ny');
    split.end();
    split.end();
    this.assertEqual(lines, ['x', 'y']);
  }
}
