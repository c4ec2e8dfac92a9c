/**
 * The internet layer's real side: protocols, connectors, delayed and periodic calls on
 * any clock, and the real reactor on Node's loop. The fakes (`Clock`,
 * `StringTransport`, `MemoryReactor`, iosim) live in `trial-ts` and implement the same
 * interfaces.
 *
 * Files:
 * - `interfaces.ts`: the contracts (`IReactorTime`, `IDelayedCall`, `ITransport`,
 *   `IProtocol`, `IProtocolFactory`, `IReactorTCP`, `IListeningPort`, `IAddress`,
 *   producers and consumers).
 * - `deferLater.ts`, `loopingCall.ts`: delayed and periodic calls on any clock (pure).
 * - `protocol.ts`: `Protocol`, `Factory` and `ClientFactory` base classes (pure).
 * - `lineReceiver.ts`, `intNStringReceiver.ts`: framing protocols (pure).
 * - `connector.ts`: `BaseConnector`, the life of a client connection (pure);
 *   `tcpConnector.ts` (real) and trial-ts's memory connector implement it.
 * - `reconnectingClientFactory.ts`: reconnecting with backoff (pure).
 * - `clientCreator.ts`: `ClientCreator`, a Deferred of one connected protocol (pure).
 * - `address.ts`: `IPv4Address`, `IPv6Address`, `tcpAddress` (pure).
 * - `reactor.ts`: the real `reactor` on Node's loop, with `realDelayedCall.ts`,
 *   `socketTransport.ts` (`wrapSocket`), `tcpPort.ts` and `tcpConnector.ts`.
 * - `handleDescription.ts`: how the reactor names its Node handles for the leak checker.
 * - `bytes.ts`: the bytes check every transport makes.
 * - `errors.ts`, `messages.ts`: errors and their messages.
 *
 * @packageDocumentation
 */
export { deferLater } from './deferLater';
export { LoopingCall } from './loopingCall';
export { Protocol, Factory, ClientFactory } from './protocol';
export { LineReceiver } from './lineReceiver';
export { IntNStringReceiver, Int32StringReceiver, Int16StringReceiver, StringTooLongError } from './intNStringReceiver';
export { ReconnectingClientFactory } from './reconnectingClientFactory';
export type { BackoffOptions } from './reconnectingClientFactory';
export { ClientCreator } from './clientCreator';
export { IPv4Address, IPv6Address } from './address';
export { reactor, Reactor } from './reactor';
export { wrapSocket } from './socketTransport';
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
