/**
 * The user-facing messages of the internet layer, in one table: each says what
 * happened and how to fix it.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const messages = {
  delayedCallAlreadyCalled: (call: string): string =>
    `${call} has already run (or is running now); cancel(), delay() and reset() only apply to pending calls. Check active() first.`,
  delayedCallAlreadyCancelled: (call: string): string =>
    `${call} was already cancelled; cancel(), delay() and reset() only apply to pending calls. Check active() first.`,
  badDelay: (delay: number): string =>
    `callLater() needs a finite delay of 0 seconds or more, got ${String(delay)}.`,
  badAdvance: (amount: number): string =>
    `Clock.advance() needs a finite amount of 0 seconds or more, got ${String(amount)}: time never goes back.`,
  badLoopInterval: (interval: number): string =>
    `LoopingCall.start() needs a finite interval of 0 seconds or more, got ${String(interval)}.`,
  loopAlreadyRunning: (): string =>
    'This LoopingCall is already running; call stop() before starting it again.',
  loopNotRunning: (): string =>
    'This LoopingCall is not running; start() it before calling stop().',
  notConnected: (protocol: string): string =>
    `${protocol} has no transport yet: makeConnection(transport) has not been called. Use it from connectionMade() onwards.`,
  producerAlreadyRegistered: (): string =>
    'A producer is already registered with this transport; call unregisterProducer() before registering another.',
  producerStopped: (action: string): string =>
    `Cannot ${action} a producer that was stopped; a stopped producer stays stopped.`,
  producerAlreadyInState: (state: string): string =>
    `The producer is already ${state}; pauseProducing() and resumeProducing() must alternate.`,
  pumpTooLong: (rounds: number): string =>
    `IOPump.flush() was still moving bytes after ${rounds} rounds: the client and server keep answering each other forever. ` +
    'Check the protocols for a reply loop, or drive them step by step with pump().',
  cannotListen: (where: string, cause: string): string =>
    `Cannot listen on ${where}: ${cause}. Use port 0 to let the system pick a free port.`,
  connectFailed: (where: string, cause: string): string =>
    `Cannot connect to ${where}: ${cause}. Is a server listening there?`,
  connectRefusedByFactory: (where: string): string =>
    `Connected to ${where}, but the factory's buildProtocol() returned null, so the connection was closed.`,
  connectTimedOut: (where: string, seconds: number): string =>
    `Cannot connect to ${where}: no answer within ${seconds}s. Is the host reachable? Pass a longer { timeout } to connectTCP if it is slow.`,
  notConnecting: (where: string, state: string): string =>
    `stopConnecting() on the connector to ${where}, which is ${state}, not connecting. Use disconnect() to close a connection whatever its state.`,
  cannotConnectNow: (where: string, state: string): string =>
    `connect() on the connector to ${where}, which is already ${state}; wait for clientConnectionFailed or clientConnectionLost before connecting again.`,
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
  buildProtocolThrew: (where: string): string =>
    `Connected to ${where}, but the factory's buildProtocol() threw (see cause), so the connection was closed.`,
  factoryRefusedProtocol: (where: string): string =>
    `The factory for ${where} returned null from buildProtocol(): it refused the connection.`,
  noProducerRegistered: (): string =>
    'unregisterProducer() with no producer registered; register one with registerProducer() first, or check transport.producer.',
  producerAfterClose: (action: string): string =>
    `Cannot ${action} producing after loseConnection(): the transport is closing. Pass { lenient: true } to StringTransport if the test does this on purpose.`,
  loopResetNotRunning: (): string =>
    'This LoopingCall is not running; reset() only applies to a running loop. start() it first.',
  noConnectorToRetry: (): string =>
    'retry() was called before any connection attempt failed or was lost, so there is no connector to retry; pass the connector.',
  badBackoff: (name: string, value: number): string =>
    `ReconnectingClientFactory.${name} must be a finite number of 0 or more, got ${String(value)}.`,
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
  stringTooLong: (length: number, prefixLength: number): string =>
    `sendString() was given ${length} bytes, but a ${prefixLength}-byte length prefix counts at most ${2 ** (8 * prefixLength) - 1}; ` +
    'split the message, or use a receiver with a longer prefix (Int32StringReceiver).',
} as const;
