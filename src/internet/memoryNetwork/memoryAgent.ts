/**
 * `MemoryAgent`: an `http.Agent` whose connections are memory connections. It is Node's
 * own keep-alive agent — sockets are reused, idle ones `unref()`ed — so `http.request`
 * with `{ agent: network.agent }` runs Node's client (and its llhttp parser) against the
 * listened server, and `network.fetch` is built on it.
 *
 * @packageDocumentation
 */
import * as http from 'node:http';
import type * as net from 'node:net';

/** Opens a memory connection to `host:port` for the agent and returns its client end. */
export type AgentConnect = (host: string, port: number) => net.Socket;

/**
 * A keep-alive `http.Agent` over a memory network (`network.agent`).
 *
 * @example
 * ```ts
 * http.get('http://api.test/health', { agent: network.agent }, (response) => { ... });
 * ```
 */
export class MemoryAgent extends http.Agent {
  readonly #connect: AgentConnect;

  /** @param connect - opens a memory connection. */
  constructor(connect: AgentConnect) {
    super({ keepAlive: true });
    this.#connect = connect;
  }

  /**
   * Open a memory connection (called by the agent when it has no idle socket).
   *
   * @param options - the request's options: `host` and `port` are read.
   * @returns the client socket.
   */
  override createConnection(options: { host?: string | null; hostname?: string | null; port?: number | string | null }): net.Socket {
    const port = options.port === undefined || options.port === null || options.port === '' ? 80 : Number(options.port);
    return this.#connect(options.host ?? options.hostname ?? 'localhost', port);
  }
}
