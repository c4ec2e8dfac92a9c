/** scriptSource / mappedLines: the code V8 ran for a file, and the original lines that carry code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { mappedLines, scriptSource } from '../../src/coverage/scriptSource';

export class ScriptSourceTests extends SynchronousTestCase {
  /** VLQ mappings decode to 1-based original lines (relative line deltas accumulate). */
  test_mappedLinesDecodesVlq(): void {
    // Generated line 1 → original line 1; line 2 → original line 3 (delta +2); line 3 → line 2 (delta -1).
    this.assertEqual([...mappedLines('AAAA;AAEA;AADA')].sort(), [1, 2, 3]);
    this.assertEqual([...mappedLines('AAAA;;AAIA')].sort(), [1, 5]);
  }

  /** A TypeScript file's interface, type and comment lines are not code lines. */
  test_typeOnlyLinesAreNotCode(): void {
    const file = path.resolve(this.mktemp() + '.ts');
    fs.writeFileSync(file, ['/** doc */', 'export interface A {', '  x: number;', '}', 'export type B = A;', 'export function f(a: A): number {', '  return a.x;', '}', ''].join('\n'));
    const source = scriptSource(file);
    this.assertEqual([...source.codeLines].sort(), [6, 7, 8]);
    this.assertIn('sourceMappingURL=data:application/json', source.code);
    // The inline map is parsed once, here, for the converter too.
    this.assertIn('export interface A', source.sourceMap!.sourcesContent![0]);
  }

  /** A JavaScript file is its own code: every non-blank line may run. */
  test_javaScriptFileIsItsOwnCode(): void {
    const file = path.resolve(this.mktemp() + '.js');
    fs.writeFileSync(file, 'const a = 1;\n\nmodule.exports = a;\n');
    const source = scriptSource(file);
    this.assertEqual(source.code, 'const a = 1;\n\nmodule.exports = a;\n');
    this.assertEqual([...source.codeLines], [1, 3]);
  }
}
