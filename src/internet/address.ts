/**
 * `IPv4Address`: the address of one end of a TCP connection.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { IAddress } from './interfaces';

/**
 * The address of one end of a TCP connection (IPv6 hosts fit too; the name is Twisted's).
 *
 * @example
 * ```ts
 * const peer = new IPv4Address('TCP', '127.0.0.1', 8080);
 * String(peer); // '127.0.0.1:8080'
 * ```
 */
export class IPv4Address implements IAddress {
  /**
   * @param type - always `'TCP'`.
   * @param host - the IP address.
   * @param port - the port.
   */
  constructor(
    readonly type: 'TCP',
    readonly host: string,
    readonly port: number,
  ) {}

  /** @returns `host:port`, with an IPv6 host in brackets. */
  toString(): string {
    return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }
}
