/**
 * A start-up check that leak detection works on this Node version. The janitor reads
 * Node internals (a Timeout's `_destroyed`, a handle's `owner_symbol` and `getAsyncId`,
 * the async hook's types); a Node release that changes them would make every resource
 * look closed and every test pass its leak check silently. Each probe creates and
 * closes a real resource and checks what the janitor would read; a failure is reported
 * as a loud process warning, never a silent pass.
 *
 * @packageDocumentation
 */
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { isLive, ownerOf } from './liveness';
import { formatSelfCheckWarning } from './messages';

/** One probe: what it checks, in words, and the check. */
export interface SelfCheckProbe {
  readonly name: string;
  check(): boolean;
}

function timerProbe(): boolean {
  const timer = setTimeout(() => undefined, 60_000);
  const pending = isLive('Timeout', timer);
  clearTimeout(timer);
  return pending && !isLive('Timeout', timer);
}

function immediateProbe(): boolean {
  const immediate = setImmediate(() => undefined);
  const pending = isLive('Immediate', immediate);
  clearImmediate(immediate);
  return pending && !isLive('Immediate', immediate);
}

function hookProbe(): boolean {
  const als = new AsyncLocalStorage<object>();
  const marker = {};
  let seen = false;
  const hook = createHook({
    init(_id, type) {
      if (type === 'Timeout' && als.getStore() === marker) seen = true;
    },
  }).enable();
  try {
    als.run(marker, () => clearTimeout(setTimeout(() => undefined, 60_000)));
  } finally {
    hook.disable();
  }
  return seen;
}

function handleProbe(): boolean {
  // stdout always has a native handle (tty, pipe or file) owned by the stream.
  const handle = (process.stdout as unknown as { _handle?: object | null })._handle;
  if (handle === undefined || handle === null) return true;
  return ownerOf(handle) === (process.stdout as unknown) && typeof (handle as { getAsyncId?: unknown }).getAsyncId === 'function';
}

/** The probes run at start-up. */
export const SELF_CHECK_PROBES: readonly SelfCheckProbe[] = [
  { name: "a timer's pending/cleared state (Timeout._destroyed)", check: timerProbe },
  { name: "an immediate's pending/cleared state (Immediate._destroyed)", check: immediateProbe },
  { name: 'async_hooks init for timers, with the async context', check: hookProbe },
  { name: "a native handle's JS owner (owner_symbol) and async id", check: handleProbe },
];

/**
 * Run the probes.
 *
 * @param probes - the probes (default {@link SELF_CHECK_PROBES}).
 * @returns the names of the probes that failed (or threw); empty when detection works.
 */
export function failedProbes(probes: readonly SelfCheckProbe[] = SELF_CHECK_PROBES): string[] {
  return probes
    .filter((probe) => {
      try {
        return !probe.check();
      } catch {
        return true;
      }
    })
    .map((probe) => probe.name);
}

/**
 * Check leak detection, and warn loudly (a process warning on stderr) if it does not work.
 *
 * @param probes - the probes (default {@link SELF_CHECK_PROBES}).
 * @returns the names of the failed probes.
 */
export function selfCheck(probes: readonly SelfCheckProbe[] = SELF_CHECK_PROBES): string[] {
  const failed = failedProbes(probes);
  if (failed.length > 0) process.emitWarning(formatSelfCheckWarning(process.version, failed), { code: 'TRIAL_LEAK_CHECK_BROKEN' });
  return failed;
}
