/**
 * Unhandled failures: Deferreds whose chain ended on a Failure that no errback consumed.
 * Two policies, one per kind of program:
 *
 * - **Under the runner** (it calls {@link collectUnhandledFailures}), each such Deferred is
 *   kept in a registry, with where it was created, until the runner drains it at the end
 *   of the test: the error lands on the test that made it, not on whichever test runs
 *   when the garbage collector gets round to it (Trial's way).
 * - **Everywhere else** (an application, a service), nothing is kept: the Deferred is
 *   watched by a `FinalizationRegistry`, and if it is garbage-collected still holding the
 *   failure, the failure is reported once through the hook of `unhandledHook.ts` (by
 *   default, printed to stderr), as Twisted does. A failure handled later (an errback
 *   added, `markHandled`, a promise made of it) stops the watch.
 *
 * Every copy of the runtime in a thread (an application may install another version
 * than the one trial-ts brings) must share this, so the state lives on `globalThis`
 * under a key of `keys.ts` and Deferreds are only touched through their public methods.
 *
 * @packageDocumentation
 */
import { isFailure } from './brands';
import type { CreationSite } from './creationSite';
import { UnhandledDeferredError } from './errors';
import type { Failure } from './failure';
import type { DeferredSnapshot } from './interfaces';
import { reportAbandoned } from './unhandledHook';
import { processWide, runtimeKeys } from '../keys';

/** What the registry needs of a Deferred (from either copy). */
interface Peekable {
  peek(): DeferredSnapshot<unknown>;
}

/** What the watch of an abandoned Deferred holds: never the Deferred itself. */
interface Abandoned {
  failure: Failure;
  site: CreationSite | undefined;
}

/** The per-thread state, shared by both copies of the library. @internal */
export interface UnhandledState {
  /** The runner collects (and Deferreds record their creation site). */
  collecting: boolean;
  /** Under the runner: the Deferreds holding an unhandled failure, in the order they got it, with their creation site. */
  readonly collected: Map<Peekable, CreationSite | undefined>;
  /**
   * For each Deferred, the failure already accounted for (reported by a drain, marked by
   * a helper, or handed to a promise): not registered again while it holds that failure.
   */
  readonly handled: WeakMap<object, Failure>;
  /** Outside the runner: watches failed Deferreds, reports those collected still failed. Absent on engines without it. */
  readonly watch: FinalizationRegistry<Abandoned> | undefined;
}

function createState(): UnhandledState {
  return {
    collecting: false,
    collected: new Map(),
    handled: new WeakMap(),
    watch:
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<Abandoned>((abandoned) => reportAbandoned(abandoned.failure, abandoned.site))
        : undefined,
  };
}

/** This thread's state (stable: read once per module). @internal */
export const unhandledState: UnhandledState = processWide(runtimeKeys.unhandledState, createState);

/**
 * Switch this thread between the runner's policy (collect, drain per test) and the
 * application's (report at garbage collection, keep nothing). The runner turns it on
 * when it prepares a thread for tests and off when it is done.
 *
 * @param on - true to collect.
 * @internal
 */
export function collectUnhandledFailures(on: boolean): void {
  unhandledState.collecting = on;
}

/**
 * Record where a Deferred's chain stopped. Called by `Deferred` itself.
 *
 * @param deferred - the Deferred.
 * @param failure - the Failure it ended on, or undefined when it ended on a success,
 *   is paused, or is waiting on another Deferred.
 * @param site - where it was created, when that was captured.
 * @internal
 */
export function noteChainEnd(deferred: Peekable, failure: Failure | undefined, site?: CreationSite): void {
  const { collected, handled, watch } = unhandledState;
  if (failure === undefined || handled.get(deferred) === failure) {
    collected.delete(deferred);
    watch?.unregister(deferred);
  } else if (unhandledState.collecting) {
    collected.set(deferred, site);
  } else if (watch !== undefined) {
    watch.unregister(deferred);
    watch.register(deferred, { failure, site }, deferred);
  }
}

/**
 * Mark `failure` as accounted for on `deferred` (e.g. it was passed to a promise), so
 * that ending on it does not register the Deferred.
 *
 * @internal
 */
export function noteHandled(deferred: object, failure: Failure): void {
  unhandledState.handled.set(deferred, failure);
}

/**
 * Whether `failure` on `deferred` is already accounted for.
 *
 * @internal
 */
export function isHandled(deferred: object, failure: Failure): boolean {
  return unhandledState.handled.get(deferred) === failure;
}

/** Take the collected Deferreds that still hold their unhandled failure, and empty the registry. */
function drain(): { failure: Failure; site: CreationSite | undefined }[] {
  const { collected, handled } = unhandledState;
  const found: { failure: Failure; site: CreationSite | undefined }[] = [];
  for (const [deferred, site] of collected) {
    const snapshot = deferred.peek();
    if (snapshot.state === 'failed' && handled.get(deferred) !== snapshot.result) {
      found.push({ failure: snapshot.result, site });
      handled.set(deferred, snapshot.result);
    }
  }
  collected.clear();
  return found;
}

/**
 * Take the failures of every Deferred whose chain ended on an unhandled Failure, and
 * empty the registry. Those Deferreds are not reported again for the same failure
 * (a new failure on them later is). Only Deferreds that failed while the runner
 * collects are registered.
 *
 * @returns the unhandled failures, oldest first.
 * @example
 * ```ts
 * fail(new Error('lost'));
 * drainUnhandledFailures(); // [Failure Error: lost]
 * drainUnhandledFailures(); // []
 * ```
 */
export function drainUnhandledFailures(): Failure[] {
  return drain().map((entry) => entry.failure);
}

/**
 * Like {@link drainUnhandledFailures}, as the errors the runner charges to the test:
 * "Unhandled error in Deferred", where the Deferred was created, caused by the failure.
 *
 * @returns one `UnhandledDeferredError` per unhandled failure, oldest first.
 * @internal
 */
export function drainUnhandledErrors(): UnhandledDeferredError[] {
  return drain().map((entry) => new UnhandledDeferredError(entry.failure, entry.site));
}

/**
 * Mark the failure a Deferred currently holds as handled, without changing its result:
 * for test helpers (`failureResultOf`) that inspected it on the user's behalf. Does
 * nothing when the Deferred holds no failure.
 *
 * @param deferred - a Deferred from either copy of the library.
 * @returns the failure that was marked, or undefined.
 * @example
 * ```ts
 * const d = fail(new Error('expected'));
 * markHandled(d);
 * drainUnhandledFailures(); // []
 * ```
 */
export function markHandled(deferred: Peekable): Failure | undefined {
  const snapshot = deferred.peek();
  if (snapshot.state !== 'failed' || !isFailure(snapshot.result)) return undefined;
  unhandledState.handled.set(deferred, snapshot.result);
  unhandledState.collected.delete(deferred);
  unhandledState.watch?.unregister(deferred);
  return snapshot.result;
}

/**
 * How many Deferreds the runner's registry holds with an unhandled failure (cheap; for
 * diagnostics and tests). Always 0 outside the runner, which keeps nothing.
 *
 * @returns the registry's size.
 * @example
 * ```ts
 * const before = unhandledCount();
 * fail(new Error('x'));
 * unhandledCount() - before; // 1 under the runner
 * ```
 */
export function unhandledCount(): number {
  return unhandledState.collected.size;
}
