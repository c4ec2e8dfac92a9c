/**
 * The fakes of the internet layer: time and I/O in memory, for tests. The contracts
 * they implement, the protocols they carry and the real reactor are in
 * `@trial-ts/runtime` (its `internet/` folder); `src/index.ts` re-exports both.
 *
 * Files:
 * - `clock.ts`: `Clock`, fake time advanced by hand (pure).
 * - `stringTransport.ts`: `StringTransport`, a transport that records writes (pure).
 * - `accumulatingProtocol.ts`: `AccumulatingProtocol`/`AccumulatingFactory` (pure).
 * - `memoryReactor.ts`: `MemoryReactor`, `MemoryReactorClock`: record TCP calls (pure).
 * - `memoryConnector.ts`: the runtime's `BaseConnector` driven by the test (pure).
 * - `iosim.ts`: `FakeTransport`, `IOPump`, `connect`, `connectedServerAndClient` (pure).
 * - `promiseState.ts`: `track`, `flushMicrotasks` and assertions on native promises (pure).
 * - `settle.ts`: wait until nothing is left to run; `memoryNetwork/`: Node servers
 *   and clients in memory.
 * - `errors.ts`, `messages.ts`: the fakes' own errors and messages.
 *
 * @packageDocumentation
 */
export { Clock } from './clock';
export { StringTransport } from './stringTransport';
export type { ProducerState, StringTransportOptions } from './stringTransport';
export { AccumulatingProtocol, AccumulatingFactory } from './accumulatingProtocol';
export { MemoryReactor, MemoryReactorClock, MemoryListeningPort } from './memoryReactor';
export type { TCPServerRecord, AcceptOptions } from './memoryReactor';
export { MemoryConnector } from './memoryConnector';
export { FakeTransport, IOPump, connect, connectedServerAndClient, FLUSH_ROUND_LIMIT } from './iosim';
export type { ConnectOptions } from './iosim';
export {
  track,
  flushMicrotasks,
  promiseResultOf,
  promiseFailureOf,
  assertPromisePending,
  DEFAULT_MICROTASK_TURNS,
} from './promiseState';
export type { PromiseState, TrackedPromise } from './promiseState';
export { PumpLoopError } from './errors';
