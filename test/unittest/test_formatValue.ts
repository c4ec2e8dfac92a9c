/**
 * Tests for src/unittest/formatValue.ts: one-line renderings for messages.
 */
import { SynchronousTestCase } from 'trial-ts';
import { formatThrown, formatType, formatTypeOf, formatTypes, formatValue, withoutAsyncHooksFields } from '../../src/unittest/formatValue';

/** Tests for the value and type renderings. */
export class FormatValueTests extends SynchronousTestCase {
  /** Values render as `util.inspect` does, on one line. */
  test_formatValueOneLine() {
    this.assertEqual(formatValue({ a: { b: [1, 'x'] }, c: 'long '.repeat(5) }), "{ a: { b: [ 1, 'x' ] }, c: 'long long long long long ' }");
  }

  /** Very long renderings are cut, with an ellipsis. */
  test_formatValueCut() {
    const text = formatValue(Array.from({ length: 20 }, () => 'x'.repeat(50)));
    this.assertEqual(text.length, 501);
    this.assertTrue(text.endsWith('…'));
  }

  /** A promise renders with its state only, without async_hooks bookkeeping. */
  test_formatValuePromise() {
    const pending = new Promise(() => {});
    this.assertEqual([formatValue(Promise.resolve(3)), formatValue(pending)], ['Promise { 3 }', 'Promise { <pending> }']);
  }

  /** The async_hooks fields go in both spellings: Node 20–22 bracket the symbol key, Node 24 and later do not. */
  test_asyncHooksFieldsEitherSpelling() {
    this.assertEqual(
      [
        withoutAsyncHooksFields('Promise { 3, [Symbol(async_id_symbol)]: 12, [Symbol(trigger_async_id_symbol)]: 9, [Symbol(kResourceStore)]: [Object] }'),
        withoutAsyncHooksFields('Promise { <pending>, Symbol(async_id_symbol): 12, Symbol(trigger_async_id_symbol): 9 }'),
        withoutAsyncHooksFields("{ [Symbol(mine)]: 1, label: 'Symbol(async_id_symbol): 2' }"),
      ],
      ['Promise { 3 }', 'Promise { <pending> }', "{ [Symbol(mine)]: 1, label: 'Symbol(async_id_symbol): 2' }"],
    );
  }

  /** Classes render by name; anonymous ones say so; strings pass through. */
  test_formatType() {
    this.assertEqual([formatType(TypeError), formatType(class {}), formatType('DeprecationWarning')], ['TypeError', '<anonymous class>', 'DeprecationWarning']);
  }

  /** Several classes are joined by `or`, as Trial prints them. */
  test_formatTypes() {
    this.assertEqual(formatTypes([RangeError, TypeError]), 'RangeError or TypeError');
  }

  /** A thrown value is named by its class, or by its kind when it is no object. */
  test_formatTypeOf() {
    this.assertEqual(
      [formatTypeOf(new RangeError()), formatTypeOf('s'), formatTypeOf(null), formatTypeOf(Object.create(null))],
      ['RangeError', 'string', 'null', 'Object'],
    );
  }

  /** A thrown error renders as its stack; anything else as its value. */
  test_formatThrown() {
    const error = new Error('boom');
    this.assertIdentical(formatThrown(error), error.stack);
    this.assertEqual(formatThrown(42), '42');
  }
}
