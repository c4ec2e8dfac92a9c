/**
 * `ReconnectingClientFactory`: a client factory that reconnects after every failed
 * attempt and every lost connection, waiting longer each time (Twisted's exponential
 * backoff), on an injected clock.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { Failure } from '../defer/failure';
import type { IConnector, IDelayedCall, IProtocol, IReactorTime } from './interfaces';
import { ConnectorStateError } from './errors';
import { messages } from './messages';
import { ClientFactory } from './protocol';

/** The backoff settings of a {@link ReconnectingClientFactory}; each is also a settable field. */
export interface BackoffOptions {
  /** The delay the backoff starts from, in seconds; default 1. */
  initialDelay?: number;
  /** What each retry multiplies the delay by; default e (2.718…), as in Twisted. */
  factor?: number;
  /** The spread of the delay: a normal variate with this fraction of it as deviation; default 0.1196…; 0 for none. */
  jitter?: number;
  /** The longest delay before jitter, in seconds; default 3600. */
  maxDelay?: number;
  /** Give up after this many consecutive retries; default null (never). */
  maxRetries?: number | null;
  /** Uniform random numbers in [0, 1) for the jitter; default `Math.random`. */
  random?: () => number;
}

/**
 * Reconnects with exponential backoff. After each failure or loss it multiplies the
 * delay by `factor` (capped at `maxDelay`), spreads it by `jitter`, and schedules
 * `connector.connect()` on its clock after that delay. Twisted's rules, exactly:
 *
 * - the first retry already waits `initialDelay × factor`;
 * - call `resetDelay()` once connected (in `buildProtocol` or the protocol's
 *   `connectionMade`), or the next loss waits as long as the failures before it did;
 * - after `maxRetries` consecutive retries it gives up;
 * - `stopTrying()` cancels a scheduled retry, abandons an attempt in progress, and
 *   keeps it from reconnecting when the connection is later lost.
 *
 * @typeParam P - the protocol it builds.
 * @example
 * ```ts
 * class ChatFactory extends ReconnectingClientFactory<ChatClient> {
 *   override buildProtocol(addr: IAddress): ChatClient | null {
 *     this.resetDelay();                  // connected: start the backoff again
 *     return super.buildProtocol(addr);
 *   }
 * }
 * const factory = new ChatFactory(reactor, () => new ChatClient(), { maxDelay: 60 });
 * reactor.connectTCP('chat.example', 6667, factory);
 * ```
 */
export class ReconnectingClientFactory<P extends IProtocol = IProtocol> extends ClientFactory<P> {
  /** {@inheritDoc BackoffOptions.initialDelay} */
  initialDelay: number;
  /** {@inheritDoc BackoffOptions.factor} */
  factor: number;
  /** {@inheritDoc BackoffOptions.jitter} */
  jitter: number;
  /** {@inheritDoc BackoffOptions.maxDelay} */
  maxDelay: number;
  /** {@inheritDoc BackoffOptions.maxRetries} */
  maxRetries: number | null;
  /** {@inheritDoc BackoffOptions.random} */
  random: () => number;
  /** The clock retries are scheduled on: a `Clock` in tests, `reactor` for real. */
  clock: IReactorTime;
  #delay: number;
  #retries = 0;
  #continueTrying = true;
  #connector: IConnector | null = null;
  #call: IDelayedCall | null = null;

  /**
   * @param clock - where retries are scheduled.
   * @param protocol - builds the protocol for each connection; omit it when a subclass overrides `buildProtocol`.
   * @param options - the backoff settings.
   * @throws RangeError for a negative or non-finite setting.
   */
  constructor(clock: IReactorTime, protocol?: () => P, options: BackoffOptions = {}) {
    super(protocol);
    this.clock = clock;
    this.initialDelay = checked('initialDelay', options.initialDelay ?? 1);
    this.factor = checked('factor', options.factor ?? Math.E);
    this.jitter = checked('jitter', options.jitter ?? 0.119626565582);
    this.maxDelay = checked('maxDelay', options.maxDelay ?? 3600);
    this.maxRetries = options.maxRetries === undefined || options.maxRetries === null ? null : checked('maxRetries', options.maxRetries);
    this.random = options.random ?? Math.random;
    this.#delay = this.initialDelay;
  }

  /** The delay of the last retry scheduled (`initialDelay` before any), in seconds. */
  get delay(): number {
    return this.#delay;
  }

  /** How many consecutive retries have been made since the last `resetDelay()`. */
  get retries(): number {
    return this.#retries;
  }

  /** False after `stopTrying()`, until `resetDelay()`. */
  get continueTrying(): boolean {
    return this.#continueTrying;
  }

  /** The connector of the last failure or loss, which `retry()` reconnects. */
  get connector(): IConnector | null {
    return this.#connector;
  }

  /** Retry, unless `stopTrying()` was called. */
  override clientConnectionFailed(connector: IConnector, _reason: Failure): void {
    if (!this.#continueTrying) return;
    this.#connector = connector;
    this.retry();
  }

  /** Reconnect, unless `stopTrying()` was called. */
  override clientConnectionLost(connector: IConnector, _reason: Failure): void {
    if (!this.#continueTrying) return;
    this.#connector = connector;
    this.retry();
  }

  /**
   * Schedule `connector.connect()` after the next delay of the backoff; nothing after
   * `stopTrying()` or once `maxRetries` retries were made.
   *
   * @param connector - default the connector of the last failure or loss.
   * @throws ConnectorStateError if there is no connector to retry.
   */
  retry(connector: IConnector | null = this.#connector): void {
    if (!this.#continueTrying) return;
    if (connector === null) throw new ConnectorStateError(messages.noConnectorToRetry());
    this.#retries++;
    if (this.maxRetries !== null && this.#retries > this.maxRetries) return;
    this.#delay = Math.min(this.#delay * this.factor, this.maxDelay);
    if (this.jitter > 0) this.#delay = Math.max(0, this.#delay + this.#delay * this.jitter * this.#normal());
    this.#call = this.clock.callLater(this.#delay, () => {
      this.#call = null;
      connector.connect();
    });
  }

  /** Stop reconnecting: cancel the scheduled retry and abandon the attempt in progress, if any. */
  stopTrying(): void {
    this.#call?.cancel();
    this.#call = null;
    this.#continueTrying = false;
    if (this.#connector?.state === 'connecting') this.#connector.stopConnecting();
  }

  /** Connected: the next retry starts the backoff from `initialDelay` again (and trying resumes after `stopTrying()`). */
  resetDelay(): void {
    this.#delay = this.initialDelay;
    this.#retries = 0;
    this.#call = null;
    this.#continueTrying = true;
  }

  /** A standard normal variate (Box–Muller), as Python's `random.normalvariate(0, 1)`. */
  #normal(): number {
    const u = 1 - this.random();
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function checked(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(messages.badBackoff(name, value));
  return value;
}
