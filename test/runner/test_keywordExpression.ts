import { SynchronousTestCase } from 'trial-ts';
import { compileKeywordExpression, KeywordExpressionError } from '../../src/runner/keywordExpression';

const PG = 'test/test_db.ts:PgTests.test_query';
const HTTP = 'test/test_http.ts:HttpTests.test_getSlow';
const UNIT = 'test/test_math.ts:MathTests.test_add';

export class KeywordExpressionTests extends SynchronousTestCase {
  /** A bare word is a substring of the id, ignoring case. */
  test_wordIsCaseInsensitiveSubstring(): void {
    const selected = compileKeywordExpression('pgtests');
    this.assertTrue(selected(PG));
    this.assertFalse(selected(HTTP));
  }

  /** `not` negates: `not pg` selects every id without pg. */
  test_notNegates(): void {
    const selected = compileKeywordExpression('not pg');
    this.assertFalse(selected(PG));
    this.assertTrue(selected(HTTP));
    this.assertTrue(selected(UNIT));
  }

  /** `and` binds tighter than `or`, as in pytest. */
  test_andBindsTighterThanOr(): void {
    const selected = compileKeywordExpression('math or http and query');
    this.assertTrue(selected(UNIT));
    this.assertFalse(selected(HTTP));
    this.assertFalse(selected(PG));
  }

  /** Parentheses group. */
  test_parenthesesGroup(): void {
    const selected = compileKeywordExpression('(math or http) and not slow');
    this.assertTrue(selected(UNIT));
    this.assertFalse(selected(HTTP));
    this.assertFalse(selected(PG));
  }

  /** The operators are recognised in any case. */
  test_operatorsIgnoreCase(): void {
    this.assertFalse(compileKeywordExpression('NOT pg')(PG));
  }

  /** `/regex/flags` keeps working as one regular expression. */
  test_regexForm(): void {
    this.assertTrue(compileKeywordExpression('/Pg.*query$/')(PG));
    this.assertFalse(compileKeywordExpression('/pg.*query$/')(PG));
  }

  /** A missing closing parenthesis is reported with its column. */
  test_unclosedParenthesis(): void {
    const error = this.assertRaises(KeywordExpressionError, compileKeywordExpression, '(a or b');
    this.assertEqual(error.column, 8);
    this.assertIn("missing ')'", error.message);
    this.assertEqual(error.code, 'TRIAL_BAD_KEYWORD');
  }

  /** A dangling operator is reported where the word is missing. */
  test_danglingOperator(): void {
    const error = this.assertRaises(KeywordExpressionError, compileKeywordExpression, 'a and');
    this.assertEqual(error.column, 6);
    this.assertIn('column 6', error.message);
  }

  /** Two words in a row need an operator between them. */
  test_twoWordsInARow(): void {
    const error = this.assertRaises(KeywordExpressionError, compileKeywordExpression, 'a b');
    this.assertEqual(error.column, 3);
    this.assertIn("unexpected 'b'", error.message);
  }

  /** An empty expression is an error, not "select everything". */
  test_emptyExpression(): void {
    this.assertRaises(KeywordExpressionError, compileKeywordExpression, '  ');
  }
}
