/**
 * The runner's own async context, a seam for errors that belong to no test. The CLI
 * runs its session inside {@link runAsRunner}; everything the runner itself starts
 * (reporters' streams, the event pipeline, sidecar processes) then carries this context,
 * while tests and suite-level code run in their own (`runInTest`, `runInSuite`). A stray
 * error raised in it is trial-ts's own, never a test's: the janitor hands it to the
 * handler set with {@link onRunnerError} (the CLI reports it as a bug, exit 3) instead
 * of charging a test or `<not in test>`.
 *
 * A thread that runs no test (the main thread of a run with workers) has no janitor,
 * hence no listener: {@link catchStrayRunnerErrors} hands its stray errors over too,
 * rather than let Node crash the run with exit 1, the code of a failed test.
 *
 * The context object and the handlers are per thread, on `globalThis` under
 * `Symbol.for` keys, so both copies of the library in a thread share them.
 *
 * @packageDocumentation
 */
import { getTracker } from './tracker';
import { processKeys, processRegistry } from '../platform/processKeys';

/** Receives an error raised in the runner's own context. */
export type RunnerErrorHandler = (error: unknown) => void;

interface RunnerContextState {
  readonly store: object;
  readonly handlers: RunnerErrorHandler[];
  readonly seen: WeakSet<object>;
}

function state(): RunnerContextState {
  return processRegistry(processKeys.runnerContext, () => ({ store: { kind: 'runner' }, handlers: [], seen: new WeakSet() }));
}

/**
 * Run `fn`, and everything it starts, in the runner's own context.
 *
 * @param fn - the runner's work (the CLI's session).
 * @returns what `fn` returns.
 * @example
 * ```ts
 * const code = await runAsRunner(() => runSession(tests, options, io));
 * ```
 */
export function runAsRunner<T>(fn: () => T): T {
  return getTracker().als.run(state().store, fn);
}

/**
 * The store is the runner's own context.
 *
 * @param store - an async-context store (the current one, or a rejected promise's).
 * @returns true for the runner's context.
 */
export function isRunnerContext(store: unknown): boolean {
  return store !== undefined && store === state().store;
}

/**
 * Send errors of the runner's context to `handler` (the newest handler gets them).
 *
 * @param handler - receives each such error once.
 * @returns a function that removes the handler.
 */
export function onRunnerError(handler: RunnerErrorHandler): () => void {
  const { handlers } = state();
  handlers.push(handler);
  return () => {
    const index = handlers.lastIndexOf(handler);
    if (index !== -1) handlers.splice(index, 1);
  };
}

/**
 * Hand an error of the runner's context to the newest handler. Several janitors'
 * listeners may see one error: it is handed over once.
 *
 * @param error - the error.
 * @returns false when no handler is set (the caller reports it as before).
 */
export function reportRunnerError(error: unknown): boolean {
  const { handlers, seen } = state();
  const handler = handlers[handlers.length - 1];
  if (handler === undefined) return false;
  if (typeof error === 'object' && error !== null) {
    if (seen.has(error)) return true;
    seen.add(error);
  }
  handler(error);
  return true;
}

/**
 * For the length of a session, hand every stray error of this thread (an uncaught
 * exception, an unhandled rejection) to the runner-error handler while no other listener
 * takes it. A janitor in the thread (in-process runs, the listing of `--shard`,
 * `--last-failed` and `-n`) has listeners of its own, which charge tests their errors and
 * hand the runner's over themselves: while one is installed, this one stands back.
 *
 * @returns a function that removes the listeners.
 */
export function catchStrayRunnerErrors(): () => void {
  const onException = (error: unknown): void => {
    if (process.listenerCount('uncaughtException') > 1) return;
    if (!reportRunnerError(error)) throw error;
  };
  const onRejection = (reason: unknown): void => {
    if (process.listenerCount('unhandledRejection') > 1) return;
    if (!reportRunnerError(reason)) throw reason;
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
  };
}
