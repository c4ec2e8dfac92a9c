/**
 * `AccumulatingProtocol`: a protocol that only records what happens to it, for tests
 * of transports and reactors.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { Deferred, Factory, Protocol } from '@trial-ts/runtime/internal';
import type { Failure } from '@trial-ts/runtime/internal';
import { concatBytes } from './stringTransport';

/**
 * Records the connection's life: `made`, every byte received (`data`), `closed` and
 * `closedReason`; fires `closedDeferred` on close, and its factory's
 * `protocolConnectionMade` on connect.
 *
 * @example
 * ```ts
 * const protocol = new AccumulatingProtocol();
 * protocol.makeConnection(new StringTransport());
 * protocol.dataReceived(new TextEncoder().encode('abc'));
 * protocol.text(); // 'abc'
 * ```
 */
export class AccumulatingProtocol extends Protocol {
  /** True once `connectionMade` ran. */
  made = false;
  /** True once `connectionLost` ran. */
  closed = false;
  /** The reason given to `connectionLost`. */
  closedReason: Failure | null = null;
  /** Fired with undefined when the connection closes (then set to null); set it before. */
  closedDeferred: Deferred<void> | null = null;
  #chunks: Uint8Array[] = [];

  /** Every byte received so far. */
  get data(): Uint8Array {
    return concatBytes(this.#chunks);
  }

  /**
   * @param encoding - the text encoding; default UTF-8.
   * @returns `data` decoded as text.
   */
  text(encoding = 'utf-8'): string {
    return new TextDecoder(encoding).decode(this.data);
  }

  override connectionMade(): void {
    this.made = true;
    const factory = this.factory;
    if (factory instanceof AccumulatingFactory) {
      factory.protocols.push(this);
      const waiting = factory.protocolConnectionMade;
      factory.protocolConnectionMade = null;
      waiting?.callback(this);
    }
  }

  override dataReceived(data: Uint8Array): void {
    this.#chunks.push(data.slice());
  }

  override connectionLost(reason: Failure): void {
    this.closed = true;
    this.closedReason = reason;
    const waiting = this.closedDeferred;
    this.closedDeferred = null;
    waiting?.callback(undefined);
  }
}

/**
 * Builds {@link AccumulatingProtocol}s and keeps them, in connection order.
 *
 * @example
 * ```ts
 * const factory = new AccumulatingFactory();
 * factory.protocolConnectionMade = new Deferred();
 * const port = await reactor.listenTCP(0, factory, { interface: '127.0.0.1' });
 * ```
 */
export class AccumulatingFactory extends Factory<AccumulatingProtocol> {
  /** Fired with the next protocol whose connection is made (then set to null). */
  protocolConnectionMade: Deferred<AccumulatingProtocol> | null = null;
  /** Every protocol whose connection was made, in order. */
  readonly protocols: AccumulatingProtocol[] = [];

  constructor() {
    super(() => new AccumulatingProtocol());
  }
}
