/**
 * The internet layer: time, protocols and transports, fake and real.
 *
 * Files:
 * - `interfaces.ts`: the contracts (`IReactorTime`, `IDelayedCall`, `ITransport`,
 *   `IProtocol`, `IProtocolFactory`, `IReactorTCP`, `IListeningPort`, `IAddress`,
 *   producers and consumers).
 * - `clock.ts`: `Clock`, fake time advanced by hand (pure).
 * - `deferLater.ts`, `loopingCall.ts`: delayed and periodic calls on any clock (pure).
 * - `protocol.ts`: `Protocol`, `Factory` and `ClientFactory` base classes (pure).
 * - `connector.ts`: `BaseConnector`, the life of a client connection (pure);
 *   `memoryConnector.ts` (pure) and `tcpConnector.ts` (real) implement it.
 * - `reconnectingClientFactory.ts`: reconnecting with backoff (pure).
 * - `clientCreator.ts`: `ClientCreator`, a Deferred of one connected protocol (pure).
 * - `address.ts`: `IPv4Address`, `IPv6Address`, `tcpAddress` (pure).
 * - `stringTransport.ts`: `StringTransport`, a transport that records writes (pure).
 * - `accumulatingProtocol.ts`: `AccumulatingProtocol`/`AccumulatingFactory` (pure).
 * - `memoryReactor.ts`: `MemoryReactor`, `MemoryReactorClock`: record TCP calls (pure).
 * - `iosim.ts`: `FakeTransport`, `IOPump`, `connect`, `connectedServerAndClient` (pure).
 * - `promiseState.ts`: `track`, `flushMicrotasks` and assertions on native promises (pure).
 * - `reactor.ts`: the real `reactor` on Node's loop, with `realDelayedCall.ts`,
 *   `socketTransport.ts` (`wrapSocket`), `tcpPort.ts` and `tcpConnector.ts`.
 * - `handleDescription.ts`: how the reactor names its Node handles for the leak checker.
 * - `errors.ts`, `messages.ts`: errors and their messages.
 *
 * @packageDocumentation
 */
export { Clock } from './clock';
export { deferLater } from './deferLater';
export { LoopingCall } from './loopingCall';
export { Protocol, Factory, ClientFactory } from './protocol';
export { LineReceiver } from './lineReceiver';
export { IntNStringReceiver, Int32StringReceiver, Int16StringReceiver, StringTooLongError } from './intNStringReceiver';
export { ReconnectingClientFactory } from './reconnectingClientFactory';
export type { BackoffOptions } from './reconnectingClientFactory';
export { ClientCreator } from './clientCreator';
export { BaseConnector } from './connector';
export { IPv4Address, IPv6Address, tcpAddress } from './address';
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
export { reactor, Reactor } from './reactor';
export { SocketTransport, wrapSocket } from './socketTransport';
export { REACTOR_DESCRIPTION, describeHandle } from './handleDescription';
export {
  AlreadyCancelledError,
  CannotListenError,
  ConnectError,
  ConnectionRefusedError,
  UserError,
  NotConnectingError,
  ConnectorStateError,
  ConnectionDone,
  ConnectionLost,
  NotConnectedError,
  ProducerStateError,
  PumpLoopError,
} from './errors';
export type {
  IAddress,
  IClientFactory,
  IConnector,
  ConnectorState,
  IConsumer,
  IDelayedCall,
  IListeningPort,
  IProducer,
  IProtocol,
  IProtocolFactory,
  IPullProducer,
  IPushProducer,
  IReactorTCP,
  IReactorTime,
  ITransport,
  ConnectTCPOptions,
  ListenTCPOptions,
} from './interfaces';
