/**
 * The registry of unhandled failures: Deferreds whose chain ended on a Failure that no
 * errback consumed. Trial finds them when they are garbage-collected, which charges
 * them to whichever test happens to be running; trial-ts keeps them in a registry
 * instead, and the runner drains it at the end of each test, so the error lands on the
 * test that made it.
 *
 * Both copies of the library (dist/ and src/, see CONTRIBUTING "Two copies") must see
 * one registry per thread, so it lives on `globalThis` under `Symbol.for` keys and only
 * touches Deferreds through their public methods.
 *
 * @packageDocumentation
 */
import { isFailure } from './brands';
import type { Failure } from './failure';
import type { DeferredSnapshot } from './interfaces';

/** What the registry needs of a Deferred (from either copy). */
interface Peekable {
  peek(): DeferredSnapshot<unknown>;
}

const REGISTRY_KEY = Symbol.for('trial-ts.defer.unhandled');
const HANDLED_KEY = Symbol.for('trial-ts.defer.handled');

type Holder = { [REGISTRY_KEY]?: Set<Peekable>; [HANDLED_KEY]?: WeakMap<object, Failure> };
const holder = globalThis as Holder;

/** Deferreds currently holding an unhandled failure, in the order they got it. */
const registry: Set<Peekable> = (holder[REGISTRY_KEY] ??= new Set());

/**
 * For each Deferred, the failure that was already accounted for (reported by a drain,
 * marked by a helper, or handed to a promise): it is not registered again while the
 * Deferred still holds that same failure.
 */
const handled: WeakMap<object, Failure> = (holder[HANDLED_KEY] ??= new WeakMap());

/**
 * Record where a Deferred's chain stopped. Called by `Deferred` itself.
 *
 * @param deferred - the Deferred.
 * @param failure - the Failure it ended on, or undefined when it ended on a success,
 *   is paused, or is waiting on another Deferred.
 * @internal
 */
export function noteChainEnd(deferred: Peekable, failure: Failure | undefined): void {
  if (failure !== undefined && handled.get(deferred) !== failure) registry.add(deferred);
  else registry.delete(deferred);
}

/**
 * Mark `failure` as accounted for on `deferred` (e.g. it was passed to a promise), so
 * that ending on it does not register the Deferred.
 *
 * @internal
 */
export function noteHandled(deferred: object, failure: Failure): void {
  handled.set(deferred, failure);
}

/**
 * Whether `failure` on `deferred` is already accounted for.
 *
 * @internal
 */
export function isHandled(deferred: object, failure: Failure): boolean {
  return handled.get(deferred) === failure;
}

/**
 * Take the failures of every Deferred whose chain ended on an unhandled Failure, and
 * empty the registry. Those Deferreds are not reported again for the same failure
 * (a new failure on them later is). The runner calls this at the end of each test and
 * charges the failures to it.
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
  const failures: Failure[] = [];
  for (const deferred of registry) {
    const snapshot = deferred.peek();
    if (snapshot.state === 'failed' && handled.get(deferred) !== snapshot.result) {
      failures.push(snapshot.result);
      handled.set(deferred, snapshot.result);
    }
  }
  registry.clear();
  return failures;
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
  handled.set(deferred, snapshot.result);
  registry.delete(deferred);
  return snapshot.result;
}

/**
 * How many Deferreds currently hold an unhandled failure (cheap; for diagnostics and tests).
 *
 * @returns the registry's size.
 * @example
 * ```ts
 * const before = unhandledCount();
 * fail(new Error('x'));
 * unhandledCount() - before; // 1
 * ```
 */
export function unhandledCount(): number {
  return registry.size;
}
