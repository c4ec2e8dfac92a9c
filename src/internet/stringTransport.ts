/**
 * `StringTransport`: a transport that records what a protocol writes and how it
 * closes, for testing one side of a protocol on its own.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { IPv4Address, ProducerStateError, checkBytes } from '@trial-ts/runtime/internal';
import type { IAddress, IPullProducer, IPushProducer, ITransport } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** The transport's own state as a producer of received bytes. */
export type ProducerState = 'producing' | 'paused' | 'stopped';

/** Options of {@link StringTransport}. */
export interface StringTransportOptions {
  /** This end's address; default `10.0.0.1:12345`. */
  hostAddress?: IAddress;
  /** The other end's address; default `192.168.1.1:54321`. */
  peerAddress?: IAddress;
  /**
   * Allow `pauseProducing()`/`resumeProducing()` after `loseConnection()`; default false,
   * so code that still throttles a closing connection (expecting more data that will
   * never come) fails loudly, as in Twisted.
   */
  lenient?: boolean;
}

/** Concatenate chunks into one buffer. @internal */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * A transport that records writes and state instead of sending anything. Connect a
 * protocol to it, feed the protocol with `dataReceived`, and assert on `value()`.
 * Nothing is delivered anywhere: `loseConnection()` only sets `disconnecting`; call
 * the protocol's `connectionLost` yourself when the test needs it. Like Twisted's, it
 * is strict about misuse: unregistering a producer that is not there, or pausing or
 * resuming after `loseConnection()` (unless `lenient`), throws `ProducerStateError`.
 *
 * @example
 * ```ts
 * const transport = new StringTransport();
 * const protocol = new Echo();
 * protocol.makeConnection(transport);
 * protocol.dataReceived(new TextEncoder().encode('hi'));
 * transport.text(); // 'hi'
 * ```
 */
export class StringTransport implements ITransport {
  /** True after `loseConnection()` or `abortConnection()`. */
  disconnecting = false;
  /** True after `abortConnection()`. */
  disconnected = false;
  /**
   * True while the connection is up: from construction (as in Twisted) until whoever
   * plays the network says otherwise (`MemoryConnector.lose()` clears it).
   */
  connected = true;
  /** The registered producer, if any. */
  producer: IPushProducer | IPullProducer | null = null;
  /** Whether the registered producer is streaming (push); null when none is registered. */
  streaming: boolean | null = null;
  /** This transport's own state as a producer (`pauseProducing` and friends change it). */
  producerState: ProducerState = 'producing';
  readonly #hostAddress: IAddress;
  readonly #peerAddress: IAddress;
  readonly #lenient: boolean;
  #chunks: Uint8Array[] = [];

  /** @param options - the addresses of both ends, and `lenient`. */
  constructor(options: StringTransportOptions = {}) {
    this.#hostAddress = options.hostAddress ?? new IPv4Address('TCP', '10.0.0.1', 12345);
    this.#peerAddress = options.peerAddress ?? new IPv4Address('TCP', '192.168.1.1', 54321);
    this.#lenient = options.lenient ?? false;
  }

  /** Whether pausing and resuming are allowed after `loseConnection()`. */
  get lenient(): boolean {
    return this.#lenient;
  }

  /** @returns every byte written since construction or the last `clear()`. */
  value(): Uint8Array {
    return concatBytes(this.#chunks);
  }

  /**
   * @param encoding - the text encoding; default UTF-8.
   * @returns `value()` decoded as text.
   */
  text(encoding = 'utf-8'): string {
    return new TextDecoder(encoding).decode(this.value());
  }

  /** Forget everything written so far. */
  clear(): void {
    this.#chunks = [];
  }

  /**
   * {@inheritDoc IConsumer.write}
   *
   * @throws TypeError if `data` is not a Uint8Array.
   */
  write(data: Uint8Array): void {
    checkBytes(data);
    this.#chunks.push(data.slice());
  }

  /** {@inheritDoc ITransport.writeSequence} */
  writeSequence(data: readonly Uint8Array[]): void {
    for (const chunk of data) this.write(chunk);
  }

  /** Set `disconnecting`; nothing else happens. */
  loseConnection(): void {
    this.disconnecting = true;
  }

  /** Set `disconnecting` and `disconnected`; nothing else happens. */
  abortConnection(): void {
    this.disconnecting = true;
    this.disconnected = true;
  }

  /** {@inheritDoc ITransport.getPeer} */
  getPeer(): IAddress {
    return this.#peerAddress;
  }

  /** {@inheritDoc ITransport.getHost} */
  getHost(): IAddress {
    return this.#hostAddress;
  }

  /** {@inheritDoc IConsumer.registerProducer} */
  registerProducer(producer: IPushProducer | IPullProducer, streaming: boolean): void {
    if (this.producer !== null) throw new ProducerStateError(messages.producerAlreadyRegistered());
    this.producer = producer;
    this.streaming = streaming;
  }

  /**
   * {@inheritDoc IConsumer.unregisterProducer}
   *
   * @throws ProducerStateError if no producer is registered (Twisted's rule).
   */
  unregisterProducer(): void {
    if (this.producer === null) throw new ProducerStateError(messages.noProducerRegistered());
    this.producer = null;
    this.streaming = null;
  }

  /**
   * Record that the protocol asked to stop receiving.
   *
   * @throws ProducerStateError if already paused or stopped, or after `loseConnection()` unless `lenient`.
   */
  pauseProducing(): void {
    this.#moveTo('paused', 'pause');
  }

  /**
   * Record that the protocol asked to receive again.
   *
   * @throws ProducerStateError if already producing or stopped, or after `loseConnection()` unless `lenient`.
   */
  resumeProducing(): void {
    this.#moveTo('producing', 'resume');
  }

  /** Record that the protocol stopped receiving for good. */
  stopProducing(): void {
    this.producerState = 'stopped';
  }

  #moveTo(state: ProducerState, action: string): void {
    if (this.disconnecting && !this.#lenient) throw new ProducerStateError(messages.producerAfterClose(action));
    if (this.producerState === 'stopped') throw new ProducerStateError(messages.producerStopped(action));
    if (this.producerState === state) throw new ProducerStateError(messages.producerAlreadyInState(state));
    this.producerState = state;
  }
}
