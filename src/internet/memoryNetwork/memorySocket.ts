/**
 * `MemorySocket`: one end of a memory connection, a real `stream.Duplex` with the
 * `net.Socket` surface that Node's HTTP server and client, express, fastify, `ws` and
 * undici use (checked against Node's lib/net.js, lib/_http_server.js, lib/_http_client.js
 * and lib/_http_agent.js). It has no `_handle`: Node's HTTP code then feeds its llhttp
 * parser from `'data'` events, as it does for any user-supplied stream.
 *
 * The socket only moves bytes to its {@link SocketLink} (the connection), which decides
 * when the peer sees them. Events follow Node's order: `'connect'` then `'ready'`;
 * `'end'` when the peer ended; `'error'` then `'close'` with `hadError`.
 *
 * @packageDocumentation
 */
import { Duplex } from 'node:stream';
import type { IDelayedCall } from '@trial-ts/runtime/internal';
import type { SocketLink } from './interfaces';

/** What one side of a connection is called and where it is. */
export interface SocketEnds {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localFamily: string;
  readonly remoteFamily: string;
}

/** Options of a {@link MemorySocket}. */
export interface MemorySocketOptions {
  /** Keep the writable side open after the peer ended (net's `allowHalfOpen`, default false). */
  allowHalfOpen?: boolean;
  /** The server that accepted it (server side only). */
  server?: object;
}

/**
 * One end of a memory connection. Made by `MemoryNetwork.connect` (client side) and
 * handed to the listened server as its `'connection'` (server side).
 *
 * @example
 * ```ts
 * const socket = network.connect('echo.test:7');
 * socket.on('data', (chunk) => received.push(chunk.toString()));
 * socket.end('hello');
 * await settle();
 * ```
 */
export class MemorySocket extends Duplex {
  #link: SocketLink;
  #ends: SocketEnds;
  #bytesWritten = 0;
  #refed = true;
  #idle: IDelayedCall | null = null;
  #hadError = false;
  /** Bytes received from the peer. */
  bytesRead = 0;
  /** True until the connection is accepted (or refused). */
  connecting = true;
  /** The idle timeout set by `setTimeout`, in ms (undefined when none). */
  timeout: number | undefined = undefined;
  /** What `setNoDelay` last set (memory has no Nagle: recorded only). */
  noDelay = false;
  /** What `setKeepAlive` last set: `[enabled, initialDelayMs]` (recorded only). */
  keepAlive: [boolean, number] = [false, 0];
  /** The accepting server, on the server side (as Node sets it); null on the client side. */
  server: object | null;
  /** Node's alias of `server`. */
  _server: object | null;
  /** No native handle: Node's HTTP code reads `'data'` events instead. */
  readonly _handle = null;

  /**
   * @param link - the connection that carries this socket's bytes.
   * @param ends - its local and remote addresses.
   * @param options - see {@link MemorySocketOptions}.
   */
  constructor(link: SocketLink, ends: SocketEnds, options: MemorySocketOptions = {}) {
    super({ allowHalfOpen: options.allowHalfOpen ?? false, emitClose: false, decodeStrings: true });
    this.#link = link;
    this.#ends = ends;
    this.server = options.server ?? null;
    this._server = this.server;
  }

  get localAddress(): string {
    return this.#ends.localAddress;
  }
  get localPort(): number {
    return this.#ends.localPort;
  }
  get localFamily(): string {
    return this.#ends.localFamily;
  }
  get remoteAddress(): string | undefined {
    return this.destroyed && this.connecting ? undefined : this.#ends.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.destroyed && this.connecting ? undefined : this.#ends.remotePort;
  }
  get remoteFamily(): string | undefined {
    return this.destroyed && this.connecting ? undefined : this.#ends.remoteFamily;
  }
  /** Bytes written by this side (as net counts them: what was handed to the connection). */
  get bytesWritten(): number {
    return this.#bytesWritten;
  }
  /** Same as `connecting`, as Node has it. */
  get pending(): boolean {
    return this.connecting;
  }
  /** Bytes buffered for writing (Node's deprecated `bufferSize`). */
  get bufferSize(): number {
    return this.writableLength;
  }
  /** `opening`, `open`, `readOnly`, `writeOnly` or `closed`, as net.Socket reports it. */
  get readyState(): string {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }
  /** False once `unref()` was called (and until `ref()`). */
  get refed(): boolean {
    return this.#refed;
  }

  /** `{ address, family, port }` of the local end, as `net.Socket#address()`. */
  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: this.localFamily, port: this.localPort };
  }

  /** @returns this socket; memory has no Nagle delay, the flag is recorded. */
  setNoDelay(noDelay = true): this {
    this.noDelay = noDelay;
    return this;
  }

  /** @returns this socket; keep-alive probes mean nothing in memory, the setting is recorded. */
  setKeepAlive(enable = false, initialDelay = 0): this {
    this.keepAlive = [enable, initialDelay];
    return this;
  }

  /**
   * Emit `'timeout'` after `ms` of inactivity, measured on the network's clock. Without
   * a clock there is no time in memory, so the timeout is recorded and never fires.
   *
   * @param ms - idle time in milliseconds; 0 disables.
   * @param callback - added as a one-time `'timeout'` listener.
   * @returns this socket.
   */
  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms > 0 ? ms : undefined;
    if (callback !== undefined) {
      if (ms > 0) this.once('timeout', callback);
      else this.removeListener('timeout', callback);
    }
    this._unrefTimer();
    return this;
  }

  /** Restart the idle timeout (net's name; Node's HTTP code calls it on activity). */
  _unrefTimer(): void {
    this.#idle?.cancel();
    this.#idle = null;
    if (this.timeout === undefined || this.destroyed) return;
    this.#idle = this.#link.callLater(this.timeout / 1000, () => {
      this.#idle = null;
      this.emit('timeout');
    });
  }

  /** @returns this socket, counted again as keeping the test busy. */
  ref(): this {
    this.#refed = true;
    return this;
  }

  /** @returns this socket, no longer counted as keeping the test busy (an idle pooled socket). */
  unref(): this {
    this.#refed = false;
    return this;
  }

  /** End the writable side, then destroy once it finished (net's `destroySoon`). */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  /** Close abruptly: the peer sees `ECONNRESET`, this side closes without an error. */
  resetAndDestroy(): this {
    this.#link.reset(this);
    this.destroy();
    return this;
  }

  /** Called by the connection: the connection was accepted. */
  _accepted(): void {
    if (this.destroyed) return;
    this.connecting = false;
    this.emit('connect');
    this.emit('ready');
  }

  /** Called by the connection: bytes (or the end, `null`) from the peer. */
  _receive(chunk: Buffer | null): void {
    if (this.destroyed || this.readableEnded) return;
    if (chunk !== null) {
      this.bytesRead += chunk.length;
      this._unrefTimer();
    }
    this.push(chunk);
  }

  override _read(): void {
    // Bytes arrive when the connection delivers them; there is nothing to pull.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#bytesWritten += chunk.length;
    this._unrefTimer();
    this.#link.send(this, chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#link.send(this, null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#idle?.cancel();
    this.#idle = null;
    this.#hadError = error !== null && error !== undefined;
    this.#link.closed(this);
    callback(error);
    // After Duplex's own error tick: Node emits 'error' first, then 'close' with hadError.
    process.nextTick(() => this.emit('close', this.#hadError));
  }
}
