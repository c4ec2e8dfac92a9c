/**
 * Errors of the in-memory network. Misuse (two servers on one address, install outside
 * a test) raises a `TrialError` with a code; what the network does to sockets (refusal,
 * reset) raises the same errors Node's sockets raise, so code under test handles both
 * alike.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** `listen()` on an address that already has a server on this network. */
export class AddressInUseError extends TrialError {
  /** @param address - the address, as `host:port`. */
  constructor(address: string) {
    super(messages.addressInUse(address), 'TRIAL_ADDRESS_IN_USE');
  }
}

/** A network address that is not `host:port`, or a bad option: a usage error. */
export class NetworkUsageError extends TrialError {
  /** @param message - what was wrong and how to write it. */
  constructor(message: string) {
    super(message, 'TRIAL_NETWORK_USAGE');
  }
}

/** `settle()` or `flush()` found code that keeps queuing work. */
export class SettleLimitError extends TrialError {
  /** @param rounds - how many rounds ran before giving up. */
  constructor(rounds: number, message = messages.settleLimit(rounds)) {
    super(message, 'TRIAL_SETTLE_LIMIT');
  }
}

const ERRNO: Readonly<Record<string, number>> = { ECONNREFUSED: -111, ECONNRESET: -104, EPIPE: -32, ETIMEDOUT: -110 };
const TEXT: Readonly<Record<string, string>> = { ECONNRESET: 'read ECONNRESET', EPIPE: 'write EPIPE' };

/** The shape of Node's socket errors (`err.code`, `err.errno`, `err.syscall`, `err.address`, `err.port`). */
export interface SystemError extends Error {
  code: string;
  errno: number;
  syscall: string;
  address?: string;
  port?: number;
}

/**
 * An error shaped like the one Node's sockets raise: `connect ECONNREFUSED host:port`,
 * `read ECONNRESET`, with `code`, `errno` and `syscall`.
 *
 * @param code - `ECONNREFUSED`, `ECONNRESET`, `EPIPE` or `ETIMEDOUT`.
 * @param host - the remote host, for connect errors.
 * @param port - the remote port, for connect errors.
 * @returns the error.
 */
export function systemError(code: string, host?: string, port?: number): SystemError {
  const syscall = code === 'ECONNRESET' ? 'read' : code === 'EPIPE' ? 'write' : 'connect';
  const text = TEXT[code] ?? `${syscall} ${code}${host === undefined ? '' : ` ${host}:${port}`}`;
  const error = new Error(text) as SystemError;
  error.errno = ERRNO[code] ?? -1;
  error.code = code;
  error.syscall = syscall;
  if (host !== undefined) {
    error.address = host;
    error.port = port;
  }
  return error;
}
