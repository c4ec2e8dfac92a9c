/**
 * The piscina options of one thread slot, shared by the slot and the prewarmed thread so
 * that an adopted thread is the same as one the slot would have made.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { Piscina } from 'piscina';

/** Piscina's constructor options (the package does not export their type by name). */
type Options = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

/** The compiled worker entry (a plain-JS file, so no loader is needed to start a thread). */
export const WORKER_ENTRY = path.join(__dirname, 'workerEntry.js');

/**
 * One thread that lives as long as the slot; `atomics: 'disabled'` keeps an idle thread's
 * event loop running, so late timers and errors surface instead of freezing.
 *
 * @param heapLimitMb - `resourceLimits.maxOldGenerationSizeMb`, or undefined for Node's.
 * @returns the options.
 */
export function threadPoolOptions(heapLimitMb: number | undefined): Options {
  return {
    filename: WORKER_ENTRY,
    minThreads: 1,
    maxThreads: 1,
    idleTimeout: Infinity,
    atomics: 'disabled',
    ...(heapLimitMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } } : {}),
  };
}
