/**
 * `BaseConnector`: the life of one client connection through its attempts, shared by
 * the real reactor's connector and the `MemoryReactor`'s (Twisted's `BaseConnector`).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Failure } from '../defer/failure';
import { ConnectError, ConnectorStateError, NotConnectingError, UserError } from './errors';
import type { ConnectorState, IAddress, IClientFactory, IConnector, IProtocol, ITransport } from './interfaces';
import { messages } from './messages';
import { runtimeKeys } from '../keys';

/**
 * The internal hook `ClientCreator` uses to learn that its protocol's `connectionMade`
 * has run (a key of `keys.ts`, so every copy of the runtime agrees on it).
 *
 * @internal
 */
export const CONNECTION_MADE: unique symbol = runtimeKeys.clientConnectionMade as never;

/** A factory that wants to hear when a connection is made. @internal */
interface ConnectionMadeHook {
  [CONNECTION_MADE]?(protocol: IProtocol): void;
}

/**
 * The state machine of an {@link IConnector}: `connect()` starts an attempt (the
 * factory's `doStart` on the first, then `startedConnecting`); the subclass reports the
 * attempt's outcome with {@link BaseConnector.attemptSucceeded} or
 * {@link BaseConnector.attemptFailed}, and a lost connection with
 * {@link BaseConnector.connectionLost}. After a failure or a loss the factory may call
 * `connect()` again from its callback; if it does not, the factory's `doStop` runs
 * (Twisted's rule: one `doStart`/`doStop` pair per run of attempts).
 *
 * @typeParam P - the protocol the factory builds.
 */
export abstract class BaseConnector<P extends IProtocol = IProtocol> implements IConnector {
  readonly #factory: IClientFactory<P>;
  readonly #destination: IAddress;
  #state: ConnectorState = 'disconnected';
  #factoryStarted = false;
  #transport: ITransport | null = null;

  /**
   * @param factory - builds the protocol and hears about each attempt.
   * @param destination - where it connects.
   */
  constructor(factory: IClientFactory<P>, destination: IAddress) {
    this.#factory = factory;
    this.#destination = destination;
  }

  /** {@inheritDoc IConnector.state} */
  get state(): ConnectorState {
    return this.#state;
  }

  /** The factory given to `connectTCP`. */
  get factory(): IClientFactory<P> {
    return this.#factory;
  }

  /** The transport of the current connection; null unless connected. */
  get transport(): ITransport | null {
    return this.#transport;
  }

  /** {@inheritDoc IConnector.connect} */
  connect(): void {
    if (this.#state !== 'disconnected') throw new ConnectorStateError(messages.cannotConnectNow(String(this.#destination), this.#state));
    this.#state = 'connecting';
    if (!this.#factoryStarted) {
      this.#factoryStarted = true;
      this.#factory.doStart?.();
    }
    this.startAttempt();
    this.#factory.startedConnecting?.(this);
  }

  /** {@inheritDoc IConnector.stopConnecting} */
  stopConnecting(): void {
    if (this.#state !== 'connecting') throw new NotConnectingError(messages.notConnecting(String(this.#destination), this.#state));
    this.abandonAttempt();
    this.attemptFailed(new UserError());
  }

  /** {@inheritDoc IConnector.disconnect} */
  disconnect(): void {
    if (this.#state === 'connecting') this.stopConnecting();
    else if (this.#state === 'connected') this.#transport?.loseConnection();
  }

  /** {@inheritDoc IConnector.getDestination} */
  getDestination(): IAddress {
    return this.#destination;
  }

  /** "<Connector to 127.0.0.1:6379, connecting>". */
  toString(): string {
    return `<${this.constructor.name} to ${this.#destination}, ${this.#state}>`;
  }

  /** Begin an attempt (open a socket, or wait for the test). */
  protected abstract startAttempt(): void;

  /** Cancel the attempt in progress so that it reports nothing more. */
  protected abstract abandonAttempt(): void;

  /**
   * The attempt connected: build the protocol (given the peer's address), then let
   * `connectTransport` give it its transport (calling its `makeConnection`).
   *
   * @param peer - the server's address, for `buildProtocol`.
   * @param connectTransport - makes the connection of the protocol and returns its transport.
   * @returns the protocol, or null when the factory refused (the attempt then failed).
   * @throws what `buildProtocol` throws, after reporting the attempt failed.
   */
  protected attemptSucceeded(peer: IAddress, connectTransport: (protocol: P) => ITransport): P | null {
    this.#state = 'connected';
    let protocol: P | null;
    try {
      protocol = this.#factory.buildProtocol(peer);
    } catch (error) {
      // The factory must still hear that the attempt is over (it may retry); the bug itself propagates.
      this.attemptFailed(new ConnectError(messages.buildProtocolThrew(String(this.#destination)), { cause: error }));
      throw error;
    }
    if (protocol === null) {
      this.attemptFailed(new UserError(messages.factoryRefusedProtocol(String(this.#destination))));
      return null;
    }
    this.#transport = connectTransport(protocol);
    (this.#factory as ConnectionMadeHook)[CONNECTION_MADE]?.(protocol);
    return protocol;
  }

  /**
   * The attempt failed: tell the factory, which may `connect()` again.
   *
   * @param reason - a ConnectError (or subclass).
   */
  protected attemptFailed(reason: Error): void {
    this.#state = 'disconnected';
    this.#transport = null;
    this.#factory.clientConnectionFailed?.(this, new Failure(reason));
    this.#stopFactoryUnlessReconnected();
  }

  /**
   * The connection that was made is gone (the protocol's `connectionLost` has run).
   *
   * @param reason - what the protocol got.
   */
  protected connectionLost(reason: Failure): void {
    this.#state = 'disconnected';
    this.#transport = null;
    this.#factory.clientConnectionLost?.(this, reason);
    this.#stopFactoryUnlessReconnected();
  }

  #stopFactoryUnlessReconnected(): void {
    if (this.#state !== 'disconnected' || !this.#factoryStarted) return;
    this.#factoryStarted = false;
    this.#factory.doStop?.();
  }
}
