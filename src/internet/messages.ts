/**
 * The user-facing messages of the fakes (Clock, StringTransport, IOPump, the memory
 * connector, promise assertions), in one table: each says what happened and how to fix
 * it. The fakes share the runtime's messages for what they have in common with the real
 * side (a delayed call that already ran, a refused listen), so the wording is the same.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

import { internetMessages } from '@trial-ts/runtime/internal';

/** @internal */
export const messages = {
  ...internetMessages,
  badAdvance: (amount: number): string =>
    `Clock.advance() needs a finite amount of 0 seconds or more, got ${String(amount)}: time never goes back.`,
  producerStopped: (action: string): string =>
    `Cannot ${action} a producer that was stopped; a stopped producer stays stopped.`,
  producerAlreadyInState: (state: string): string =>
    `The producer is already ${state}; pauseProducing() and resumeProducing() must alternate.`,
  pumpTooLong: (rounds: number): string =>
    `IOPump.flush() was still moving bytes after ${rounds} rounds: the client and server keep answering each other forever. ` +
    'Check the protocols for a reply loop, or drive them step by step with pump().',
  nothingPending: (where: string, action: string, state: string): string =>
    `${action} on the memory connector to ${where}, but it is ${state}: there is no attempt in progress. ` +
    'Call connector.connect() (or advance the clock so the factory retries) before completing an attempt.',
  notConnectedToLose: (where: string, state: string): string =>
    `lose() on the memory connector to ${where}, but it is ${state}: only a connection that succeeded can be lost.`,
  memoryRefused: (where: string): string =>
    `Connection to ${where} refused (failed by the test with connector.fail()).`,
  memoryServerRefused: (where: string): string =>
    `Connection to ${where} refused: the port stopped listening, or its factory's buildProtocol() returned null.`,
  pumpedLose: (where: string): string =>
    `lose() on the memory connector to ${where}, whose connection runs through an IOPump: close it with transport.loseConnection() (or abortConnection()) and pump.flush(); the pump reports the loss.`,
  noProducerRegistered: (): string =>
    'unregisterProducer() with no producer registered; register one with registerProducer() first, or check transport.producer.',
  producerAfterClose: (action: string): string =>
    `Cannot ${action} producing after loseConnection(): the transport is closing. Pass { lenient: true } to StringTransport if the test does this on purpose.`,
  promisePending: (what: string): string =>
    `${what} has not settled yet. Drive the code that settles it (clock.advance(), pump.flush()) and await flushMicrotasks() first.`,
  promiseRejected: (what: string, reason: string): string =>
    `${what} was rejected with ${reason}, but a fulfilled value was expected.`,
  promiseFulfilled: (what: string, value: string): string =>
    `${what} was fulfilled with ${value}, but a rejection was expected.`,
  promiseNotPending: (what: string, state: string): string =>
    `${what} was expected to be pending, but it is ${state}.`,
  promiseWrongRejection: (what: string, reason: string, expected: string): string =>
    `${what} was rejected with ${reason}, which is none of the expected ${expected}.`,
} as const;
