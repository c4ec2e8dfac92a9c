/**
 * `IPv4Address` and `IPv6Address`: the address of one end of a TCP connection, and
 * `tcpAddress`, which picks the right one for a host.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { IAddress } from './interfaces';

/**
 * The address of one end of a TCP connection over IPv4 (or a host name).
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
   * @param host - the IP address or host name.
   * @param port - the port.
   */
  constructor(
    readonly type: 'TCP',
    readonly host: string,
    readonly port: number,
  ) {}

  /** @returns `host:port`; a host with colons (an IPv6 address given here) in brackets. */
  toString(): string {
    return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }
}

/**
 * The address of one end of a TCP connection over IPv6, as Twisted's `IPv6Address`
 * (with its `flowInfo` and `scopeID`, which most code ignores).
 *
 * @example
 * ```ts
 * const peer = new IPv6Address('TCP', '::1', 8080);
 * String(peer); // '[::1]:8080'
 * ```
 */
export class IPv6Address implements IAddress {
  /**
   * @param type - always `'TCP'`.
   * @param host - the IPv6 address, colon-separated (`'::1'`), without brackets.
   * @param port - the port.
   * @param flowInfo - the IPv6 flow label; default 0.
   * @param scopeID - the scope (interface) identifier; default 0.
   */
  constructor(
    readonly type: 'TCP',
    readonly host: string,
    readonly port: number,
    readonly flowInfo: number = 0,
    readonly scopeID: number | string = 0,
  ) {}

  /** @returns `[host]:port`. */
  toString(): string {
    return `[${this.host}]:${this.port}`;
  }
}

/**
 * The address object for `host:port`: an {@link IPv6Address} when the host is an IPv6
 * address (it contains a colon), an {@link IPv4Address} otherwise (IPv4 or a host name,
 * as Twisted does).
 *
 * @param host - the host, without brackets.
 * @param port - the port.
 * @returns the address.
 * @example
 * ```ts
 * tcpAddress('::1', 80) instanceof IPv6Address; // true
 * ```
 */
export function tcpAddress(host: string, port: number): IPv4Address | IPv6Address {
  return host.includes(':') ? new IPv6Address('TCP', host, port) : new IPv4Address('TCP', host, port);
}
