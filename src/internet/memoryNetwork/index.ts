/**
 * The in-memory network: unchanged Node servers and clients talking through memory
 * sockets, with Node's real HTTP parser on both sides.
 *
 * Files:
 * - `interfaces.ts`: options and the socket/connection seam (types only).
 * - `memoryNetwork.ts`: `MemoryNetwork` (listen, connect, fetch, flush, faults, install).
 * - `memoryConnection.ts`: `MemoryConnection`, the two ends and the bytes in flight
 *   (the janitor's `MEMORYCONNECTION`).
 * - `memorySocket.ts`: `MemorySocket`, a `net.Socket`-compatible `stream.Duplex`.
 * - `memoryAgent.ts`: `MemoryAgent`, the network's keep-alive `http.Agent` (`network.agent`).
 * - `memoryFetch.ts`: WHATWG fetch over memory sockets with Node's HTTP client (`MEMORYREQUEST`);
 *   `fetchRequest.ts` and `fetchResponse.ts` its two halves, `memoryResponse.ts` what it returns.
 * - `install.ts`: routing `net`, `http(s)` agents and `globalThis.fetch` for one test.
 * - `memoryAddress.ts`, `connectArgs.ts`: reading addresses and `net.connect` arguments.
 * - `networkErrors.ts`, `messages.ts`: errors and their words.
 *
 * @packageDocumentation
 */
export { MemoryNetwork } from './memoryNetwork';
export { MemoryConnection, MEMORY_CONNECTION_TYPE } from './memoryConnection';
export { MemorySocket } from './memorySocket';
export { AddressInUseError, NetworkUsageError, SettleLimitError, systemError } from './networkErrors';
export type { SystemError } from './networkErrors';
export type { Delivery, MemoryNetworkOptions } from './interfaces';
