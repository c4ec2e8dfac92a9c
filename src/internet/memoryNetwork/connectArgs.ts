/**
 * The arguments of `net.connect` / `net.createConnection` in their three spellings
 * (`(options[, listener])`, `(port[, host][, listener])`, `(path[, listener])`), read the
 * way Node's `normalizeArgs` reads them, so routed calls behave like the originals.
 *
 * @packageDocumentation
 */

/** What a connect call asked for. */
export interface ConnectRequest {
  /** A TCP destination, or undefined for an IPC path (which memory never routes). */
  readonly host: string;
  readonly port: number | undefined;
  readonly path: string | undefined;
  readonly allowHalfOpen: boolean;
  readonly timeout: number | undefined;
  readonly listener: (() => void) | undefined;
}

/**
 * Read `net.connect`-style arguments.
 *
 * @param args - the arguments as given.
 * @returns the destination and options.
 */
export function readConnectArgs(args: readonly unknown[]): ConnectRequest {
  const [first, second] = args;
  const last = args[args.length - 1];
  const listener = typeof last === 'function' ? (last as () => void) : undefined;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown; allowHalfOpen?: unknown; timeout?: unknown };
    const host = typeof options.host === 'string' ? options.host : typeof options.hostname === 'string' ? options.hostname : 'localhost';
    const port = options.port === undefined || options.port === null ? undefined : Number(options.port);
    return {
      host,
      port,
      path: typeof options.path === 'string' && options.port === undefined ? options.path : undefined,
      allowHalfOpen: options.allowHalfOpen === true,
      timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
      listener,
    };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) {
    return { host: 'localhost', port: undefined, path: first, allowHalfOpen: false, timeout: undefined, listener };
  }
  const host = typeof second === 'string' ? second : 'localhost';
  return { host, port: Number(first), path: undefined, allowHalfOpen: false, timeout: undefined, listener };
}
