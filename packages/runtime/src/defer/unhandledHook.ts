/**
 * What happens, outside the runner, to a Deferred that is garbage-collected while it
 * still holds a failure no errback consumed: Twisted logs "Unhandled error in Deferred"
 * at that moment, and so does trial-ts, through a hook the application can replace (to
 * send it to its own logger or error tracker).
 *
 * The default hook writes the report to the host's console (`console.error`, stderr on
 * Node), the one output every JavaScript host has: `src/defer` stays pure (no Node
 * import) and still says something by default. It is the only place in `src/` that
 * prints, and only for an application's lost error; the runner never gets here (it
 * collects unhandled failures per test, see `unhandled.ts`).
 *
 * The hook lives on `globalThis` under a key of `keys.ts`: every copy of the runtime
 * in the thread reports through the one the application set.
 *
 * @packageDocumentation
 */
import { siteFrames, type CreationSite } from './creationSite';
import type { Failure } from './failure';
import { messages } from './messages';
import { runtimeKeys } from '../keys';

/** An unhandled failure of a Deferred that was garbage-collected. */
export interface UnhandledErrorReport {
  /** The failure the Deferred ended on. */
  readonly failure: Failure;
  /** The report as the default hook prints it: the heading, the traceback, and where the Deferred was created when known. */
  readonly text: string;
}

/** Receives each unhandled Deferred failure once, when its Deferred is garbage-collected. */
export type UnhandledErrorHook = (report: UnhandledErrorReport) => void;

const HOOK_KEY = runtimeKeys.unhandledErrorHook;
type HookHolder = Record<symbol, UnhandledErrorHook | undefined>;

/** The default hook: the report on the host's console, once (the registry calls it once per Deferred). */
function printReport(report: UnhandledErrorReport): void {
  const host = globalThis as { console?: { error(text: string): void } };
  host.console?.error(report.text);
}

/**
 * Replace what is done with unhandled Deferred failures found at garbage collection
 * (outside the test runner, which charges them to the running test instead).
 *
 * @param hook - the new hook, or null to restore the default (print the report to stderr).
 * @returns the hook that was set before (the default one when none was).
 * @example
 * ```ts
 * setUnhandledErrorHook(({ failure, text }) => logger.error({ err: failure.value }, text));
 * ```
 */
export function setUnhandledErrorHook(hook: UnhandledErrorHook | null): UnhandledErrorHook {
  const holder = globalThis as HookHolder;
  const previous = holder[HOOK_KEY] ?? printReport;
  if (hook === null) delete holder[HOOK_KEY];
  else holder[HOOK_KEY] = hook;
  return previous;
}

/**
 * Report the failure of a Deferred that was garbage-collected. Called by the registry's
 * FinalizationRegistry; a hook that throws throws into the host (an uncaught error).
 *
 * @param failure - the failure it held.
 * @param site - where it was created, when that was captured.
 * @internal
 */
export function reportAbandoned(failure: Failure, site: CreationSite | undefined): void {
  const frames = siteFrames(site);
  const text = `${messages.unhandledHeading}\n${failure.getTraceback()}${frames === '' ? '' : `\n${messages.createdAt}\n${frames}`}`;
  ((globalThis as HookHolder)[HOOK_KEY] ?? printReport)({ failure, text });
}
