/**
 * `TCPConnector`: the real reactor's connector, one `net.Socket` per attempt.
 *
 * @packageDocumentation
 */
import * as net from 'node:net';
import { tcpAddress } from './address';
import { BaseConnector } from './connector';
import { ConnectError, ConnectionRefusedError } from './errors';
import type { IClientFactory, IProtocol } from './interfaces';
import { messages } from './messages';
import { wrapSocket } from './socketTransport';

/**
 * Connects over real TCP. Each attempt opens a socket; the attempt fails with
 * `ConnectionRefusedError` when nothing listens, `ConnectError` otherwise (Node's error
 * as `cause`), or after `timeout` seconds without an answer. `stopConnecting()`
 * destroys the socket of the attempt.
 *
 * @typeParam P - the protocol the factory builds.
 * @internal
 */
export class TCPConnector<P extends IProtocol = IProtocol> extends BaseConnector<P> {
  readonly #host: string;
  readonly #port: number;
  readonly #timeout: number;
  #socket: net.Socket | null = null;

  /**
   * @param host - host name or IP address.
   * @param port - port.
   * @param factory - the factory.
   * @param timeout - seconds before an attempt gives up.
   */
  constructor(host: string, port: number, factory: IClientFactory<P>, timeout: number) {
    super(factory, tcpAddress(host, port));
    this.#host = host;
    this.#port = port;
    this.#timeout = timeout;
  }

  protected startAttempt(): void {
    const socket = net.connect({ host: this.#host, port: this.#port });
    this.#socket = socket;
    const where = String(this.getDestination());
    const fail = (reason: Error): void => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      socket.destroy();
      this.attemptFailed(reason);
    };
    const onError = (cause: NodeJS.ErrnoException): void => {
      const message = messages.connectFailed(where, cause.message);
      fail(cause.code === 'ECONNREFUSED' ? new ConnectionRefusedError(message, { cause }) : new ConnectError(message, { cause }));
    };
    // The socket's idle timeout also covers the connecting phase; it is cleared on connect.
    socket.setTimeout(this.#timeout * 1000, () => fail(new ConnectError(messages.connectTimedOut(where, this.#timeout))));
    socket.once('error', onError);
    socket.once('connect', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      socket.setTimeout(0);
      socket.off('error', onError);
      this.#connected(socket);
    });
  }

  protected abandonAttempt(): void {
    const socket = this.#socket;
    this.#socket = null;
    socket?.destroy();
  }

  #connected(socket: net.Socket): void {
    const peer = tcpAddress(socket.remoteAddress ?? this.#host, socket.remotePort ?? this.#port);
    let made = false;
    try {
      this.attemptSucceeded(peer, (protocol) => {
        made = true;
        return wrapSocket(socket, protocol, (reason) => this.connectionLost(reason));
      });
    } finally {
      // A factory that refused (or threw) leaves a connected socket nobody will close.
      if (!made) socket.destroy();
    }
  }
}
