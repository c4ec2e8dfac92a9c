/**
 * Tests for src/unittest/errorTypes.ts: `matchesErrorType` by class, subclass, name and
 * across copies of a library.
 */
import { SynchronousTestCase } from 'trial-ts';
import { matchesErrorType } from '../../src/unittest/errorTypes';

class ParseError extends Error {
  override name = 'ParseError';
}

class StrictParseError extends ParseError {}

export class MatchesErrorTypeTests extends SynchronousTestCase {
  /** No types means any error matches. */
  test_emptyTypesMatchAnything(): void {
    this.assertTrue(matchesErrorType(new Error('x'), []));
    this.assertTrue(matchesErrorType('not even an error', []));
  }

  /** A class matches its own instances and not unrelated ones. */
  test_classMatches(): void {
    this.assertTrue(matchesErrorType(new TypeError('x'), [TypeError]));
    this.assertFalse(matchesErrorType(new RangeError('x'), [TypeError]));
  }

  /** A class matches instances of its subclasses, not the other way round. */
  test_subclassMatches(): void {
    this.assertTrue(matchesErrorType(new StrictParseError('x'), [ParseError]));
    this.assertFalse(matchesErrorType(new ParseError('x'), [StrictParseError]));
  }

  /** Any of several types may match. */
  test_anyOfSeveral(): void {
    this.assertTrue(matchesErrorType(new RangeError('x'), [TypeError, RangeError]));
  }

  /** A name string matches a class of that name anywhere up the prototype chain. */
  test_nameMatchesUpTheChain(): void {
    this.assertTrue(matchesErrorType(new StrictParseError('x'), ['StrictParseError']));
    this.assertTrue(matchesErrorType(new StrictParseError('x'), ['ParseError']));
    this.assertTrue(matchesErrorType(new StrictParseError('x'), ['Error']));
    this.assertFalse(matchesErrorType(new ParseError('x'), ['TypeError']));
  }

  /** A class from another copy of a module (same name, different identity) matches by name. */
  test_crossCopyMatchesByName(): void {
    const OtherCopy = (() => {
      class ParseError extends Error {}
      return ParseError;
    })();
    this.assertNotIdentical<unknown>(OtherCopy, ParseError);
    this.assertTrue(matchesErrorType(new OtherCopy('x'), [ParseError]));
    this.assertTrue(matchesErrorType(new ParseError('x'), [OtherCopy]));
  }

  /** Non-object values match no type. */
  test_primitivesDoNotMatch(): void {
    this.assertFalse(matchesErrorType('TypeError', [TypeError]));
    this.assertFalse(matchesErrorType(null, ['Error']));
    this.assertFalse(matchesErrorType(undefined, [Error]));
  }
}
