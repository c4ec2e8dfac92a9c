/**
 * `ClientCreator`: connect one protocol instance and get a Deferred of it, for clients
 * that need no factory of their own and never reconnect (Twisted's `ClientCreator`).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Deferred } from '../defer/deferred';
import type { Failure } from '../defer/failure';
import { CONNECTION_MADE } from './connector';
import type { ConnectTCPOptions, IAddress, IConnector, IProtocol, IReactorTCP } from './interfaces';
import { ClientFactory } from './protocol';

/** The factory of one `ClientCreator.connectTCP` call: one protocol, one Deferred. */
class InstanceFactory<P extends IProtocol> extends ClientFactory<P> {
  readonly #instance: P;
  readonly #deferred: Deferred<P>;
  #built = false;
  /** Set by the canceller: the Deferred fails with CancelledError, not the connect error. */
  cancelled = false;

  constructor(instance: P, deferred: Deferred<P>) {
    super();
    this.#instance = instance;
    this.#deferred = deferred;
  }

  override buildProtocol(_addr: IAddress): P | null {
    if (this.#built || this.cancelled) return null;
    this.#built = true;
    return this.#instance;
  }

  override clientConnectionFailed(_connector: IConnector, reason: Failure): void {
    if (!this.cancelled && !this.#deferred.called) this.#deferred.errback(reason);
  }

  [CONNECTION_MADE](protocol: IProtocol): void {
    if (!this.#deferred.called) this.#deferred.callback(protocol as P);
  }
}

/**
 * Connects a new `protocol(...args)` and gives a Deferred of it, fired once its
 * `connectionMade` has run; it fails with the attempt's `ConnectError`, and cancelling
 * it abandons the attempt (`CancelledError`). Works with any `IReactorTCP`: the real
 * `reactor`, or a `MemoryReactor` whose connector the test then `succeed()`s.
 *
 * @typeParam P - the protocol.
 * @typeParam A - its constructor's arguments.
 * @example
 * ```ts
 * const client = await new ClientCreator(reactor, KeyValueClient, reactor, 5)
 *   .connectTCP('127.0.0.1', port.getHost().port);
 * ```
 */
export class ClientCreator<P extends IProtocol, A extends unknown[]> {
  readonly #reactor: IReactorTCP;
  readonly #protocol: new (...args: A) => P;
  readonly #args: A;

  /**
   * @param reactor - where to connect.
   * @param protocol - the protocol class.
   * @param args - its constructor arguments.
   */
  constructor(reactor: IReactorTCP, protocol: new (...args: A) => P, ...args: A) {
    this.#reactor = reactor;
    this.#protocol = protocol;
    this.#args = args;
  }

  /**
   * Connect over TCP.
   *
   * @param host - host name or IP address.
   * @param port - port.
   * @param options - connect timeout.
   * @returns a Deferred of the connected protocol.
   */
  connectTCP(host: string, port: number, options?: ConnectTCPOptions): Deferred<P> {
    let connector: IConnector | undefined;
    const d = new Deferred<P>(() => {
      factory.cancelled = true;
      connector?.disconnect();
    });
    const factory = new InstanceFactory(new this.#protocol(...this.#args), d);
    connector = this.#reactor.connectTCP(host, port, factory, options);
    return d;
  }
}
