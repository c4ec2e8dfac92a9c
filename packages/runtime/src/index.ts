/**
 * `@trial-ts/runtime`: what production code uses from trial-ts, with no dependencies:
 * Twisted's `Deferred` and `Failure` with their helpers, `Protocol`/`Factory`, the
 * framing protocols, delayed and periodic calls on any clock, and the real `reactor` on
 * Node's event loop. The test runner (`trial-ts`) depends on this package and
 * re-exports all of it next to the fakes (`Clock`, `StringTransport`, `MemoryReactor`,
 * ...), so tests import everything from `trial-ts` and production code from here.
 *
 * Named re-exports only, so every change to the API shows up here as a diff.
 *
 * @packageDocumentation
 */

// Deferreds (defer/)
export {
  Deferred,
  Failure,
  succeed,
  fail,
  maybeDeferred,
  DeferredList,
  gatherResults,
  ensureDeferred,
  isDeferred,
  isFailure,
  isThenable,
  cancelledToTimedOut,
  setUnhandledErrorHook,
  TrialError,
  AlreadyCalledError,
  CancelledError,
  TimeoutError,
  FirstError,
  NotACoroutineError,
  DeferredUsageError,
  UnhandledDeferredError,
} from './defer/index';
export type {
  ErrorClass,
  ICallLater,
  IDelayedCallLike,
  DeferredSnapshot,
  Chained,
  AddCallbacksOptions,
  DeferredListOptions,
  DeferredListEntry,
  GatherResultsOptions,
  OnTimeoutCancel,
  UnhandledErrorHook,
  UnhandledErrorReport,
} from './defer/index';

// Protocols, time and the real reactor (internet/)
export {
  deferLater,
  LoopingCall,
  Protocol,
  Factory,
  ClientFactory,
  LineReceiver,
  IntNStringReceiver,
  Int32StringReceiver,
  Int16StringReceiver,
  StringTooLongError,
  ReconnectingClientFactory,
  ClientCreator,
  IPv4Address,
  IPv6Address,
  reactor,
  Reactor,
  wrapSocket,
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
} from './internet/index';
export type {
  BackoffOptions,
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
} from './internet/index';
