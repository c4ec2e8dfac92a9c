/**
 * `@trial-ts/runtime/internal`: the door trial-ts's own modules use. It loads nothing
 * from Node (no real reactor), so the runner's pure files (the fakes) stay pure, and it
 * holds the seams the runner plugs into. Not for applications: the seams may change in
 * any release, together with the `trial-ts` that uses them; applications import
 * `@trial-ts/runtime`.
 *
 * - The pure part of the public API: Deferreds and Failures, protocols and factories,
 *   addresses, the errors and the interfaces.
 * - Unhandled failures: the runner turns collection on for a test
 *   (`collectUnhandledFailures`), then drains what the test left (`drainUnhandledErrors`).
 * - For the runtime's own tests: the brands, the unhandled-failure state, value
 *   descriptions (`describeValue`) and the type of a real listening port.
 * - Handle descriptions: the leak checker asks what the reactor made a Node handle for
 *   (`describeHandle`).
 * - Building blocks of the fakes: `BaseConnector` (the life of a client connection),
 *   `tcpAddress`, `checkBytes` and the internet layer's messages.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

export {
  Deferred,
  Failure,
  isDeferred,
  isFailure,
  isThenable,
  TrialError,
  AlreadyCalledError,
  CancelledError,
  TimeoutError,
} from './defer/index';
export { Protocol, Factory, ClientFactory } from './internet/protocol';
export { IPv4Address, IPv6Address, tcpAddress } from './internet/address';
export {
  AlreadyCancelledError,
  CannotListenError,
  ConnectError,
  ConnectionRefusedError,
  ConnectorStateError,
  ConnectionDone,
  ConnectionLost,
  ProducerStateError,
} from './internet/errors';
export type {
  IAddress,
  IClientFactory,
  IDelayedCall,
  IListeningPort,
  IProtocol,
  IProtocolFactory,
  IPullProducer,
  IPushProducer,
  IReactorTCP,
  IReactorTime,
  ITransport,
  ConnectTCPOptions,
  ListenTCPOptions,
} from './internet/interfaces';
export {
  collectUnhandledFailures,
  drainUnhandledErrors,
  drainUnhandledFailures,
  markHandled,
  unhandledCount,
  unhandledState,
} from './defer/unhandled';
export type { UnhandledState } from './defer/unhandled';
export { DEFERRED_BRAND, FAILURE_BRAND } from './defer/brands';
export { describe as describeValue } from './defer/repr';
export { captureCreationSite, siteFrames } from './defer/creationSite';
export { runtimeKeys, processWide } from './keys';
export type { RuntimeKeyName } from './keys';
export { BaseConnector, CONNECTION_MADE } from './internet/connector';
export { checkBytes } from './internet/bytes';
export { describeHandle } from './internet/handleDescription';
export type { TCPPort } from './internet/tcpPort';
export { messages as internetMessages } from './internet/messages';
