/**
 * Errors of the internet layer (time, transports, connections), with Twisted's names
 * and a stable `code` each. The Deferred errors (`AlreadyCalledError`, `CancelledError`,
 * `TimeoutError`) live in `defer/errors.ts` and are reused here; the fakes' own errors are in trial-ts.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { TrialError } from '../defer/errors';

/**
 * `cancel()`, `delay()` or `reset()` on a delayed call that was already cancelled.
 *
 * @example
 * ```ts
 * const call = clock.callLater(1, f);
 * call.cancel();
 * call.cancel(); // throws AlreadyCancelledError
 * ```
 */
export class AlreadyCancelledError extends TrialError {
  constructor(message = 'This delayed call was already cancelled; check active() before cancelling.') {
    super(message, 'TRIAL_ALREADY_CANCELLED');
  }
}

/** The reason given to `connectionLost` when a connection was closed cleanly. */
export class ConnectionDone extends TrialError {
  constructor(message = 'Connection was closed cleanly.') {
    super(message, 'TRIAL_CONNECTION_DONE');
  }
}

/** The reason given to `connectionLost` when a connection was lost in a non-clean way (reset, aborted, an error). */
export class ConnectionLost extends TrialError {
  constructor(message = 'Connection to the other side was lost in a non-clean fashion.', options?: ErrorOptions) {
    super(message, 'TRIAL_CONNECTION_LOST', options);
  }
}

/** `listenTCP` could not bind (address in use, permission denied, ...); `cause` is Node's error. */
export class CannotListenError extends TrialError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'TRIAL_CANNOT_LISTEN', options);
  }
}

/**
 * A connection attempt failed (refused, unreachable, timed out, abandoned, ...): the
 * reason `clientConnectionFailed` gets. `cause` is Node's error, if any.
 */
export class ConnectError extends TrialError {
  /**
   * @param message - what failed and how to fix it.
   * @param options - `cause`.
   * @param code - for subclasses; default `TRIAL_CONNECT_FAILED`.
   */
  constructor(message: string, options?: ErrorOptions, code = 'TRIAL_CONNECT_FAILED') {
    super(message, code, options);
  }
}

/** A connection attempt was refused: nothing listens at the destination (`ECONNREFUSED`). */
export class ConnectionRefusedError extends ConnectError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options, 'TRIAL_CONNECTION_REFUSED');
  }
}

/** The connection attempt was abandoned by the program: `connector.stopConnecting()` (Twisted's `UserError`). */
export class UserError extends ConnectError {
  constructor(message = 'The connection attempt was abandoned (connector.stopConnecting()).', options?: ErrorOptions) {
    super(message, options, 'TRIAL_CONNECT_ABANDONED');
  }
}

/** `connector.stopConnecting()` while no attempt is in progress. */
export class NotConnectingError extends TrialError {
  constructor(message: string) {
    super(message, 'TRIAL_NOT_CONNECTING');
  }
}

/** `connector.connect()` while it is connecting or connected. */
export class ConnectorStateError extends TrialError {
  constructor(message: string) {
    super(message, 'TRIAL_CONNECTOR_STATE');
  }
}

/** A protocol's `transport` was used before `makeConnection` gave it one. */
export class NotConnectedError extends TrialError {
  constructor(message: string) {
    super(message, 'TRIAL_NOT_CONNECTED');
  }
}

/** A producer was registered twice, or paused/resumed/stopped in a state that forbids it. */
export class ProducerStateError extends TrialError {
  constructor(message: string) {
    super(message, 'TRIAL_PRODUCER_STATE');
  }
}
