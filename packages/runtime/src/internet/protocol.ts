/**
 * `Protocol` and `Factory`: the base classes for code that speaks a protocol over a
 * connection, whatever carries the bytes (a `StringTransport`, an `IOPump`, a real
 * socket).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { Failure } from '../defer/failure';
import { NotConnectedError } from './errors';
import type { IAddress, IClientFactory, IConnector, IProtocol, IProtocolFactory, ITransport } from './interfaces';
import { messages } from './messages';

/**
 * The base class of protocols. Override `connectionMade`, `dataReceived` and
 * `connectionLost`; write with `this.transport.write(bytes)`.
 *
 * State lives in `#private` fields, so a subclass's own fields never collide with it.
 *
 * @example
 * ```ts
 * class Echo extends Protocol {
 *   override dataReceived(data: Uint8Array): void {
 *     this.transport.write(data);
 *   }
 * }
 * ```
 */
export class Protocol implements IProtocol {
  #transport: ITransport | undefined;
  #factory: IProtocolFactory | undefined;

  /**
   * The transport of this connection.
   *
   * @throws NotConnectedError before `makeConnection` (for example in a constructor).
   */
  get transport(): ITransport {
    if (this.#transport === undefined) throw new NotConnectedError(messages.notConnected(this.constructor.name));
    return this.#transport;
  }

  /** True once `makeConnection` has given this protocol a transport. */
  get connected(): boolean {
    return this.#transport !== undefined;
  }

  /** The factory that built this protocol, set by `Factory.buildProtocol`. */
  get factory(): IProtocolFactory | undefined {
    return this.#factory;
  }

  set factory(factory: IProtocolFactory | undefined) {
    this.#factory = factory;
  }

  /** {@inheritDoc IProtocol.makeConnection} */
  makeConnection(transport: ITransport): void {
    this.#transport = transport;
    this.connectionMade();
  }

  /** {@inheritDoc IProtocol.connectionMade} */
  connectionMade(): void {}

  /** {@inheritDoc IProtocol.dataReceived} */
  dataReceived(_data: Uint8Array): void {}

  /** {@inheritDoc IProtocol.connectionLost} */
  connectionLost(_reason: Failure): void {}
}

/**
 * Builds a protocol per connection: by default a new instance of `this.protocol`, with
 * its `factory` set to this factory (so the protocol can reach shared state). Subclass
 * it to hold configuration (a clock, a timeout, a store) and override `buildProtocol`
 * when construction needs more.
 *
 * Ports and connectors call `doStart()` when they start using the factory and
 * `doStop()` when they stop; the factory counts them (`numPorts`), so `startFactory()`
 * runs before the first and `stopFactory()` after the last, however many ports share it
 * (Twisted's rule). Override those two to open and close shared resources.
 *
 * @typeParam P - the protocol it builds.
 * @example
 * ```ts
 * const factory = Factory.forProtocol(Echo);
 * reactor.listenTCP(0, factory, { interface: '127.0.0.1' });
 * ```
 */
export class Factory<P extends IProtocol = IProtocol> implements IProtocolFactory<P> {
  #make: (() => P) | undefined;
  #numPorts = 0;

  /**
   * @param protocol - builds the protocol for each connection; omit it when a subclass
   * overrides `buildProtocol`.
   */
  constructor(protocol?: () => P) {
    this.#make = protocol;
  }

  /**
   * A factory whose protocols are `new protocol(...args)`.
   *
   * @param protocol - the protocol class.
   * @param args - constructor arguments, shared by every protocol built.
   * @returns the factory.
   * @example
   * ```ts
   * const factory = Factory.forProtocol(LineClient, clock, 5);
   * ```
   */
  static forProtocol<P extends IProtocol, A extends unknown[]>(
    protocol: new (...args: A) => P,
    ...args: A
  ): Factory<P> {
    return new Factory(() => new protocol(...args));
  }

  /**
   * {@inheritDoc IProtocolFactory.buildProtocol}
   *
   * @throws TypeError if the factory was made without a protocol and `buildProtocol` is not overridden.
   */
  buildProtocol(_addr: IAddress): P | null {
    if (this.#make === undefined) {
      throw new TypeError(`${this.constructor.name} has no protocol: pass one to the constructor, or override buildProtocol().`);
    }
    const protocol = this.#make();
    if (protocol instanceof Protocol) protocol.factory = this;
    return protocol;
  }

  /** How many ports and connectors use this factory now. */
  get numPorts(): number {
    return this.#numPorts;
  }

  /** Count one more user; the first runs `startFactory()`. Called by ports and connectors, not by you. */
  doStart(): void {
    if (this.#numPorts === 0) this.startFactory();
    this.#numPorts++;
  }

  /** Count one user less; the last runs `stopFactory()`. An extra call does nothing (as in Twisted). */
  doStop(): void {
    if (this.#numPorts === 0) return;
    this.#numPorts--;
    if (this.#numPorts === 0) this.stopFactory();
  }

  /** Runs once, before the first port or connector uses the factory: open what its protocols share. */
  startFactory(): void {}

  /** Runs once the last port or connector stopped using the factory: close what `startFactory` opened. */
  stopFactory(): void {}
}

/**
 * A factory for clients: `connectTCP` tells it about each attempt of its connector
 * (Twisted's `ClientFactory`). Override the callbacks you need; each does nothing here.
 *
 * @typeParam P - the protocol it builds.
 * @example
 * ```ts
 * class PingFactory extends ClientFactory<PingClient> {
 *   failures: Failure[] = [];
 *   constructor() { super(() => new PingClient()); }
 *   override clientConnectionFailed(_connector: IConnector, reason: Failure): void {
 *     this.failures.push(reason);
 *   }
 * }
 * reactor.connectTCP('127.0.0.1', 7, new PingFactory());
 * ```
 */
export class ClientFactory<P extends IProtocol = IProtocol> extends Factory<P> implements IClientFactory<P> {
  /**
   * A client factory whose protocols are `new protocol(...args)`.
   *
   * @param protocol - the protocol class.
   * @param args - constructor arguments, shared by every protocol built.
   * @returns the factory.
   * @example
   * ```ts
   * reactor.connectTCP(host, port, ClientFactory.forProtocol(LineClient, reactor));
   * ```
   */
  static override forProtocol<P extends IProtocol, A extends unknown[]>(
    protocol: new (...args: A) => P,
    ...args: A
  ): ClientFactory<P> {
    return new ClientFactory(() => new protocol(...args));
  }

  /** {@inheritDoc IClientFactory.startedConnecting} */
  startedConnecting(_connector: IConnector): void {}

  /** {@inheritDoc IClientFactory.clientConnectionFailed} */
  clientConnectionFailed(_connector: IConnector, _reason: Failure): void {}

  /** {@inheritDoc IClientFactory.clientConnectionLost} */
  clientConnectionLost(_connector: IConnector, _reason: Failure): void {}
}
