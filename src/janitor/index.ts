/**
 * The janitor area: leak tracking, error attribution and cleaning after each test.
 *
 * @packageDocumentation
 */
export type {
  CollectResult,
  Janitor,
  LateErrorHandler,
  LeakIgnoreRule,
  LeakPolicy,
  TestScope,
} from './interfaces';
export { createJanitor, type JanitorOptions } from './janitor';
export {
  DIRTY_REACTOR_CODE,
  DirtyReactorAggregateError,
  dirtyReactorError,
} from './dirtyReactorError';
export {
  formatDirtyReactorMessage,
  formatLeakLine,
  formatUncleanWarning,
  formatUnrefWarning,
} from './messages';
export { killTree } from './close';
export { onRunnerError, runAsRunner, type RunnerErrorHandler } from './runnerContext';
export { CHANGED_GLOBALS_CODE, ChangedGlobalsError } from './changedGlobalsError';
