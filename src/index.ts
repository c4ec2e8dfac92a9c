/**
 * trial-ts: the public API. Named re-exports only, so every change to the API shows up
 * here as a diff. Deferreds, protocols and the real reactor come from
 * `@trial-ts/runtime`, the package production code imports; tests get them from here,
 * next to the fakes, so one import line serves a test file.
 *
 * @packageDocumentation
 */

// Deferreds (@trial-ts/runtime)
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
  TrialError,
  AlreadyCalledError,
  CancelledError,
  TimeoutError,
  FirstError,
  NotACoroutineError,
  DeferredUsageError,
  isThenable,
  cancelledToTimedOut,
  UnhandledDeferredError,
  setUnhandledErrorHook,
} from '@trial-ts/runtime';
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
} from '@trial-ts/runtime';

// Writing tests (src/unittest)
export {
  SynchronousTestCase,
  TestCase,
  AssertionError,
  SkipTest,
  isAssertionError,
  isSkipTest,
  skip,
  todo,
  timeout,
  cleanReactor,
  flaky,
  parametrize,
  logError,
  suiteScoped,
  installFakeTimers,
} from './unittest/index';
export type { CapturedWarning, FakeTimersClock, FakeTimersOptions, ParametrizeCases, Todo } from './unittest/index';

// Protocols, time on any clock, and the real reactor (@trial-ts/runtime)
export {
  deferLater,
  LoopingCall,
  Protocol,
  LineReceiver,
  IntNStringReceiver,
  Int32StringReceiver,
  Int16StringReceiver,
  StringTooLongError,
  Factory,
  ClientFactory,
  ReconnectingClientFactory,
  ClientCreator,
  IPv4Address,
  IPv6Address,
  reactor,
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
} from '@trial-ts/runtime';
export type {
  IAddress,
  IClientFactory,
  IConnector,
  ConnectorState,
  BackoffOptions,
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
} from '@trial-ts/runtime';

// Time and I/O in memory (src/internet)
export {
  Clock,
  StringTransport,
  AccumulatingProtocol,
  AccumulatingFactory,
  MemoryReactor,
  MemoryReactorClock,
  MemoryConnector,
  FakeTransport,
  IOPump,
  connect,
  connectedServerAndClient,
  track,
  flushMicrotasks,
  promiseResultOf,
  promiseFailureOf,
  assertPromisePending,
  PumpLoopError,
} from './internet/index';
export type { TrackedPromise, PromiseState } from './internet/index';

// The in-memory network for Node servers and clients, and settle() (src/internet)
export { MemoryNetwork, MemorySocket, AddressInUseError, NetworkUsageError, SettleLimitError } from './internet/memoryNetwork/index';
export type { Delivery, MemoryNetworkOptions, SystemError } from './internet/memoryNetwork/index';
export { settle } from './internet/settle';
export type { SettleOptions } from './internet/settle';

// Leaks (src/janitor)
export { DirtyReactorAggregateError } from './janitor/index';
export type { LeakIgnoreRule } from './janitor/index';

// Configuration and sidecars (src/cli, src/sidecar)
export { defineConfig } from './cli/userConfig';
export type { UserConfig } from './cli/userConfig';
// (from the modules themselves: the sidecar area's index also holds the runner's broker)
export { postgres } from './sidecar/postgres';
export { processSidecar } from './sidecar/processSidecar';
export { sidecar } from './sidecar/sidecarRegistry';
export { sidecarClient, beforeSidecarTest, afterSidecarTest } from './sidecar/transactionIsolation';
export type { PostgresOptions } from './sidecar/postgresOptions';
export type { ProcessSidecarOptions } from './sidecar/processSidecar';
export type { PostgresConnection, SidecarConnection, SidecarDefinition } from './sidecar/interfaces';

// The event protocol, for tools that read `--reporter json`
export { PROTOCOL_VERSION } from './runner/events';
export type {
  RunnerEvent,
  RunSummary,
  Outcome,
  TestDescription,
  SerializedError,
  LeakReport,
  SourceLocation,
} from './runner/events';
