/**
 * The runtime's process-wide keys, in one typed table: brands that recognise a Deferred
 * or a Failure, and the registries kept on `globalThis`. They are `Symbol.for` keys so
 * that every copy of the runtime loaded in one thread agrees on them: an application
 * may install another version of `@trial-ts/runtime` than the one `trial-ts` brings,
 * and the runtime's own tests load its source next to the built copy. Code names a key
 * through this table (`runtimeKeys.deferredBrand`), so a misspelt name is a type error
 * instead of a silently private registry.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const runtimeKeys = Object.freeze({
  /** Brand of a `Deferred` (see `isDeferred`). */
  deferredBrand: Symbol.for('trial-ts.deferred'),
  /** Brand of a `Failure` (see `isFailure`). */
  failureBrand: Symbol.for('trial-ts.failure'),
  /** Registry: the unhandled-failure bookkeeping of the thread (`defer/unhandled.ts`). */
  unhandledState: Symbol.for('trial-ts.defer.unhandledState'),
  /** Registry: what is done with a failure found at GC (`setUnhandledErrorHook`). */
  unhandledErrorHook: Symbol.for('trial-ts.defer.unhandledErrorHook'),
  /** Property on a Node handle the reactor made: how the leak checker names it. */
  reactorDescription: Symbol.for('trial-ts.reactorDescription'),
  /** Property on a client protocol: its factory's `clientConnectionMade` has run. */
  clientConnectionMade: Symbol.for('trial-ts.clientConnectionMade'),
});

/** The name of one runtime key. @internal */
export type RuntimeKeyName = keyof typeof runtimeKeys;

/**
 * The thread's value under a registry key, made on first use. Every copy of the
 * runtime (and of trial-ts) in the thread gets the same value.
 *
 * @param key - the registry's key, from a keys table.
 * @param create - makes the first value.
 * @returns the one value of the thread.
 * @internal
 */
export function processWide<T>(key: symbol, create: () => T): T {
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  return (holder[key] ??= create());
}
