/**
 * The user-facing messages of the internet layer (protocols, connectors, the real
 * reactor), in one table: each says what happened and how to fix it.
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
  cannotListen: (where: string, cause: string): string =>
    `Cannot listen on ${where}: ${cause}. Use port 0 to let the system pick a free port.`,
  connectFailed: (where: string, cause: string): string =>
    `Cannot connect to ${where}: ${cause}. Is a server listening there?`,
  connectTimedOut: (where: string, seconds: number): string =>
    `Cannot connect to ${where}: no answer within ${seconds}s. Is the host reachable? Pass a longer { timeout } to connectTCP if it is slow.`,
  notConnecting: (where: string, state: string): string =>
    `stopConnecting() on the connector to ${where}, which is ${state}, not connecting. Use disconnect() to close a connection whatever its state.`,
  cannotConnectNow: (where: string, state: string): string =>
    `connect() on the connector to ${where}, which is already ${state}; wait for clientConnectionFailed or clientConnectionLost before connecting again.`,
  buildProtocolThrew: (where: string): string =>
    `Connected to ${where}, but the factory's buildProtocol() threw (see cause), so the connection was closed.`,
  factoryRefusedProtocol: (where: string): string =>
    `The factory for ${where} returned null from buildProtocol(): it refused the connection.`,
  loopResetNotRunning: (): string =>
    'This LoopingCall is not running; reset() only applies to a running loop. start() it first.',
  noConnectorToRetry: (): string =>
    'retry() was called before any connection attempt failed or was lost, so there is no connector to retry; pass the connector.',
  badBackoff: (name: string, value: number): string =>
    `ReconnectingClientFactory.${name} must be a finite number of 0 or more, got ${String(value)}.`,
  stringTooLong: (length: number, prefixLength: number): string =>
    `sendString() was given ${length} bytes, but a ${prefixLength}-byte length prefix counts at most ${2 ** (8 * prefixLength) - 1}; ` +
    'split the message, or use a receiver with a longer prefix (Int32StringReceiver).',
} as const;
