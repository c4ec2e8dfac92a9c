/**
 * How the real reactor names the Node handles it creates, so the leak checker can
 * report a leaked port or connection in the reactor's own words.
 *
 * The reactor stores a function under {@link REACTOR_DESCRIPTION} on each owner object
 * it creates (the `Timeout` of a `callLater`, the `net.Server` of a `listenTCP`, the
 * `net.Socket` of a connection). The janitor finds the owner of a leaked handle, and if
 * the owner carries this symbol, calls it for the leak's `description`. The symbol is
 * shared by every copy of the runtime (a key of `keys.ts`).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { runtimeKeys } from '../keys';

/** The key of the description function on a Node handle owner created by the reactor. */
export const REACTOR_DESCRIPTION: unique symbol = runtimeKeys.reactorDescription as never;

/**
 * Attach a description to a Node handle owner.
 *
 * @param owner - the Timeout, Server or Socket.
 * @param describe - returns the description, evaluated when asked (addresses change).
 * @internal
 */
export function setHandleDescription(owner: object, describe: () => string): void {
  Object.defineProperty(owner, REACTOR_DESCRIPTION, { value: describe, configurable: true });
}

/**
 * Read the description the reactor attached to a Node handle owner.
 *
 * @param owner - a Timeout, Server, Socket or anything else.
 * @returns the description, or undefined when the reactor did not create it.
 * @example
 * ```ts
 * describeHandle(server); // 'a TCP server on 127.0.0.1:41523 (LineServerFactory), made by reactor.listenTCP'
 * ```
 */
export function describeHandle(owner: unknown): string | undefined {
  if ((typeof owner !== 'object' && typeof owner !== 'function') || owner === null) return undefined;
  const describe = (owner as { [REACTOR_DESCRIPTION]?: unknown })[REACTOR_DESCRIPTION];
  return typeof describe === 'function' ? String(describe()) : undefined;
}
