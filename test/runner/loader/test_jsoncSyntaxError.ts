/**
 * Tests for src/runner/loader/jsoncSyntaxError.ts: tsconfig's JSON-with-comments dialect
 * passes (comments, trailing commas, comment-like text in strings), and broken files
 * are described with a line and column.
 */
import { SynchronousTestCase } from 'trial-ts';
import { jsoncSyntaxError } from '../../../src/runner/loader/jsoncSyntaxError';

export class JsoncSyntaxErrorTests extends SynchronousTestCase {
  /** Line and block comments and trailing commas are allowed, as tsc allows them. */
  test_commentsAndTrailingCommas(): void {
    const text = '{\n  // a comment\n  "compilerOptions": { /* inline */ "strict": true, },\n  "include": ["src",],\n}\n';
    this.assertEqual(jsoncSyntaxError(text), undefined);
  }

  /** `//` and `/*` inside strings are text, not comments. */
  test_commentMarkersInStrings(): void {
    this.assertEqual(jsoncSyntaxError('{ "paths": { "@x/*": ["src/*"] }, "url": "http://a/b" }'), undefined);
  }

  /** An empty file (tsc reads it as `{}`) and a byte-order mark are fine. */
  test_emptyAndBom(): void {
    this.assertEqual(jsoncSyntaxError(''), undefined);
    this.assertEqual(jsoncSyntaxError('\uFEFF{ "a": 1 }'), undefined);
  }

  /** A missing comma is reported at its line and column. */
  test_missingCommaHasPosition(): void {
    const problem = jsoncSyntaxError('{\n  "a": 1\n  "b": 2\n}');
    this.assertTrue(problem?.startsWith('line 3, column 3: ') === true, problem);
    this.assertNotIn('position', problem ?? '');
  }

  /** A truncated file says so. */
  test_truncated(): void {
    this.assertSubstring('unexpected end of the file', jsoncSyntaxError('{ "compilerOptions": { "jsx": ') ?? '');
  }

  /** An unterminated block comment is an error, not silently the rest of the file. */
  test_unterminatedComment(): void {
    this.assertNotEqual(jsoncSyntaxError('{ "a": 1 /* never closed'), undefined);
  }
}
