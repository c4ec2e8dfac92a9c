/**
 * Every message the Deferred machinery shows a user, in one table. Each states what
 * went wrong and what to do instead.
 *
 * @packageDocumentation
 */

/** Messages of `src/defer`, keyed by situation. */
export const messages = {
  deferredAsResult:
    'Deferred.callback() was given a Deferred. A Deferred cannot be the result of another; ' +
    'return it from a callback (d.addCallback(() => inner)) or use inner.chainDeferred(d).',
  returnedItself:
    'A callback returned the Deferred it was attached to, which would wait for itself forever. ' +
    'Return a value, a different Deferred or a promise.',
  notACoroutine: (got: string): string =>
    `ensureDeferred() expects a Promise, another thenable or a Deferred, but got ${got}. ` +
    'Call the async function first (ensureDeferred(f()) not ensureDeferred(f)), ' +
    'or wrap a plain value with succeed(value).',
  timedOut: (seconds: number): string =>
    `The Deferred timed out after ${seconds} seconds (addTimeout).`,
  notAFunction: (method: string, got: string): string =>
    `Deferred.${method}() needs a function, but got ${got}. Pass the function itself, not its result.`,
  firstError: (index: number, message: string): string => `FirstError[#${index}, ${message}]`,
  unhandledHeading: 'Unhandled error in Deferred:',
  createdAt: 'The Deferred was created at:',
  unhandledInTest: (error: string, siteKnown: boolean): string =>
    `Unhandled error in Deferred: ${error}. No errback handled this failure: add one (d.addErrback), ` +
    'or return or await the Deferred so its failure reaches the test.' +
    (siteKnown ? ' The Deferred was created at the frames below.' : ''),
} as const;
