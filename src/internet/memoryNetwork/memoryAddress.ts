/**
 * Addresses on a memory network: `host:port`, written the way URLs write them
 * (`api.test:80`, `127.0.0.1:8080`, `[::1]:443`). Hosts are compared case-insensitively
 * and never resolved: `localhost` and `127.0.0.1` are two addresses.
 *
 * @packageDocumentation
 */
import { messages } from './messages';
import { NetworkUsageError } from './networkErrors';

/** A parsed address. */
export interface MemoryAddress {
  /** Lower-case host, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  /** The canonical `host:port` key (IPv6 in brackets). */
  readonly key: string;
}

/** `IPv4`, `IPv6`, or `IPv4` for a name (a memory network has no resolver). */
export function familyOf(host: string): 'IPv4' | 'IPv6' {
  return host.includes(':') ? 'IPv6' : 'IPv4';
}

/**
 * Build an address from a host and a port.
 *
 * @param host - a name or an IP; brackets around an IPv6 address are removed.
 * @param port - a port number, or its decimal text.
 * @returns the address.
 * @throws {NetworkUsageError} when the port is not in 1..65535 or the host is empty.
 */
export function memoryAddress(host: string, port: number | string): MemoryAddress {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const number = typeof port === 'number' ? port : /^\d+$/.test(port) ? Number(port) : NaN;
  if (bare === '' || !Number.isInteger(number) || number < 1 || number > 65535) {
    throw new NetworkUsageError(messages.badAddress(`${host}:${port}`));
  }
  const key = familyOf(bare) === 'IPv6' ? `[${bare}]:${number}` : `${bare}:${number}`;
  return { host: bare, port: number, key };
}

/**
 * Parse `host:port`.
 *
 * @param text - the address.
 * @returns the address.
 * @throws {NetworkUsageError} when it is not `host:port`.
 */
export function parseAddress(text: string): MemoryAddress {
  const colon = text.lastIndexOf(':');
  if (typeof text !== 'string' || colon <= 0 || (text.includes('::') && !text.startsWith('['))) {
    throw new NetworkUsageError(messages.badAddress(String(text)));
  }
  return memoryAddress(text.slice(0, colon), text.slice(colon + 1));
}
