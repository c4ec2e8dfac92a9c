/**
 * The real reactor: `IReactorTime` and `IReactorTCP` on Node's event loop. It never
 * runs or stops the loop (Node does); it only adapts timers and sockets to the same
 * interfaces the fakes implement, so code tested in memory runs for real unchanged.
 *
 * Pass it in at the composition root (your program's `main`, an integration test);
 * everything below should take an `IReactorTime`/`IReactorTCP` parameter.
 *
 * @packageDocumentation
 */
import * as net from 'node:net';
import { Deferred } from '../defer/deferred';
import { tcpAddress } from './address';
import { CannotListenError } from './errors';
import type {
  ConnectTCPOptions,
  IClientFactory,
  IDelayedCall,
  IListeningPort,
  IProtocol,
  IProtocolFactory,
  IReactorTCP,
  IReactorTime,
  ListenTCPOptions,
} from './interfaces';
import { messages } from './messages';
import { nodeTimers, RealDelayedCall } from './realDelayedCall';
import { SocketTransport, wrapSocket } from './socketTransport';
import { TCPConnector } from './tcpConnector';
import { TCPPort } from './tcpPort';

/**
 * The real reactor's type. Use the {@link reactor} instance; a new one is only useful
 * to keep `getDelayedCalls()` apart.
 */
export class Reactor implements IReactorTime, IReactorTCP {
  readonly #pending = new Set<RealDelayedCall>();

  /** Wall-clock time in seconds since the epoch (Twisted's `time.time()`). */
  seconds(): number {
    return nodeTimers.now() / 1000;
  }

  /**
   * {@inheritDoc IReactorTime.callLater}
   *
   * Each call is a real Node `Timeout` (the leak checker reports one left pending);
   * faking the global timers does not affect it.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): IDelayedCall {
    if (!Number.isFinite(delay) || delay < 0) throw new RangeError(messages.badDelay(delay));
    const call = new RealDelayedCall(this.seconds() + delay, () => fn(...args), fn.name || 'anonymous', (done) =>
      this.#pending.delete(done),
    );
    this.#pending.add(call);
    return call;
  }

  /** {@inheritDoc IReactorTime.getDelayedCalls} */
  getDelayedCalls(): readonly IDelayedCall[] {
    return [...this.#pending];
  }

  /**
   * {@inheritDoc IReactorTCP.listenTCP}
   *
   * Cancelling the Deferred before it fires closes the server (the factory was never started).
   */
  listenTCP(port: number, factory: IProtocolFactory, options: ListenTCPOptions = {}): Deferred<IListeningPort> {
    const host = options.interface ?? '0.0.0.0';
    const server = net.createServer((socket) => this.#accept(socket, factory));
    const d = new Deferred<IListeningPort>(() => server.close());
    const where = tcpAddress(host, port).toString();
    server.once('error', (error) => {
      if (!d.called) d.errback(new CannotListenError(messages.cannotListen(where, error.message), { cause: error }));
    });
    server.listen({ port, host, backlog: options.backlog }, () => {
      if (d.called) return;
      factory.doStart?.();
      d.callback(new TCPPort(server, factory));
    });
    return d;
  }

  /**
   * {@inheritDoc IReactorTCP.connectTCP}
   *
   * Each attempt is a real socket (the leak checker reports one left open); an attempt
   * gives up after `timeout` seconds (default 30) with a `ConnectError`.
   */
  connectTCP<P extends IProtocol>(
    host: string,
    port: number,
    factory: IClientFactory<P>,
    options: ConnectTCPOptions = {},
  ): TCPConnector<P> {
    const connector = new TCPConnector(host, port, factory, options.timeout ?? 30);
    connector.connect();
    return connector;
  }

  /**
   * {@inheritDoc wrapSocket}
   */
  wrapSocket(socket: net.Socket, protocol: IProtocol): SocketTransport {
    return wrapSocket(socket, protocol);
  }

  /** "<reactor (Node event loop), N pending calls>". */
  toString(): string {
    return `<reactor (Node event loop), ${this.#pending.size} pending calls>`;
  }

  #accept(socket: net.Socket, factory: IProtocolFactory): void {
    const protocol = this.#build(socket, factory);
    if (protocol !== null) wrapSocket(socket, protocol);
  }

  /** Build the protocol; a refusing or throwing factory closes the socket. */
  #build<P extends IProtocol>(socket: net.Socket, factory: IProtocolFactory<P>): P | null {
    const peer = tcpAddress(socket.remoteAddress ?? '', socket.remotePort ?? 0);
    let protocol: P | null;
    try {
      protocol = factory.buildProtocol(peer);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    if (protocol === null) socket.destroy();
    return protocol;
  }
}

/**
 * The real reactor, on Node's event loop: real timers and real TCP behind the same
 * interfaces as `Clock` and `MemoryReactor`.
 *
 * @example
 * ```ts
 * import { reactor, Factory } from 'trial-ts';
 * const port = await reactor.listenTCP(0, Factory.forProtocol(LineServer), { interface: '127.0.0.1' });
 * const client = await new ClientCreator(reactor, LineClient, reactor).connectTCP('127.0.0.1', port.getHost().port);
 * ```
 */
export const reactor: Reactor = new Reactor();
