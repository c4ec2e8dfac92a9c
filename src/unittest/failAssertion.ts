/**
 * Raising an {@link AssertionError} whose stack starts in the test, not in trial-ts.
 *
 * @packageDocumentation
 */

import { AssertionError, type AssertionErrorOptions } from './errors';
import { ASSERTION_MESSAGES } from './messages';

/**
 * Throws an {@link AssertionError} with the user's message (if any) before `text`.
 *
 * @param text - the generated text: what was expected, what was found.
 * @param message - the optional message the test passed to the assertion.
 * @param caller - the public assertion method; its frame and those above it are cut
 *   from the stack, so the first frame is the test's own line. Pass `undefined` from
 *   code that runs after an `await` or in a callback, where the caller is off the stack.
 * @param options - `actual`, `expected`, `diff`, `cause`.
 * @throws AssertionError always.
 * @internal
 */
export function failAssertion(
  text: string,
  message: string | undefined,
  caller: Function | undefined,
  options: AssertionErrorOptions = {},
): never {
  throw makeAssertionError(text, message, caller, options);
}

/**
 * Builds the {@link AssertionError} that {@link failAssertion} throws.
 *
 * @param text - the generated text.
 * @param message - the test's optional message.
 * @param caller - the frame the stack starts below.
 * @param options - `actual`, `expected`, `diff`, `cause`.
 * @returns the error, not thrown.
 * @internal
 */
export function makeAssertionError(
  text: string,
  message: string | undefined,
  caller: Function | undefined,
  options: AssertionErrorOptions = {},
): AssertionError {
  const error = new AssertionError(ASSERTION_MESSAGES.withUserMessage(message, text), options);
  // V8 leaves the stack empty when `caller` is not on it (after an `await`): keep it whole then.
  if (caller !== undefined) Error.captureStackTrace(error, caller);
  return error;
}
