/**
 * `TCPPort`: a listening `net.Server` as an `IListeningPort`, made by the real
 * reactor's `listenTCP`.
 *
 * @packageDocumentation
 */
import type { Server } from 'node:net';
import { Deferred } from '../defer/deferred';
import { IPv4Address, tcpAddress } from './address';
import { setHandleDescription } from './handleDescription';
import type { IAddress, IListeningPort, IProtocolFactory } from './interfaces';
import { nodeTimers } from './realDelayedCall';

/**
 * A TCP server socket listening for the real reactor. Knows its address and its
 * factory, so a leaked one is reported as "a TCP server on 127.0.0.1:41523 (Factory)".
 *
 * @internal
 */
export class TCPPort implements IListeningPort {
  /** The Node server. */
  readonly server: Server;
  readonly #factory: IProtocolFactory;
  readonly #address: IAddress;
  #stopped: Deferred<void> | null = null;

  /**
   * @param server - a listening server.
   * @param factory - the factory serving its connections (for descriptions).
   */
  constructor(server: Server, factory: IProtocolFactory) {
    this.server = server;
    this.#factory = factory;
    const bound = server.address();
    this.#address =
      bound !== null && typeof bound === 'object'
        ? tcpAddress(bound.address, bound.port)
        : new IPv4Address('TCP', String(bound), 0);
    setHandleDescription(server, () => `a TCP server on ${this.#address} (${this.#factory.constructor.name}) made by reactor.listenTCP`);
  }

  getHost(): IAddress {
    return this.#address;
  }

  /**
   * Close the listening socket; calling it again returns the same Deferred. Node's own
   * `server.close()` callback waits for every accepted connection to end; this one
   * does not (Twisted's rule): it fires once the listening handle is gone. The factory's
   * `doStop` runs now.
   */
  stopListening(): Deferred<void> {
    if (this.#stopped !== null) return this.#stopped;
    const d = new Deferred<void>();
    this.#stopped = d;
    this.server.close();
    this.#factory.doStop?.();
    // The listening handle is released in the close-callbacks phase of the loop, which
    // runs after the check phase: after two setImmediate turns it is gone for sure.
    nodeTimers.setImmediate(() => nodeTimers.setImmediate(() => d.callback(undefined)));
    return d;
  }

  toString(): string {
    return `<TCP port ${this.#address} (${this.#factory.constructor.name})${this.#stopped ? ' (stopped)' : ''}>`;
  }
}
