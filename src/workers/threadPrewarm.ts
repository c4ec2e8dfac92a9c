/**
 * The default run's one worker thread, started before the command line has loaded its
 * config, found the tests and opened the reporters: booting a thread and loading the
 * runner in it (~50 ms of CPU, more on a loaded machine) then overlaps the main thread's
 * own start-up instead of following it, which keeps the default run about as quick to
 * start as `--in-process`. The first thread slot of the run adopts it; a run that turns
 * out not to need it (in-process, processes, a usage error) destroys it.
 *
 * The pool waits on globalThis under a `Symbol.for` key: there is one per thread, and
 * both copies of the library (CONTRIBUTING) must see the same one.
 *
 * @packageDocumentation
 */
import type { Piscina } from 'piscina';
import { threadPoolOptions } from './threadPoolOptions';
import { processKeys } from '../platform/processKeys';

const PREWARMED = processKeys.prewarmedThread;

type Registry = Record<symbol, Piscina | undefined>;

/**
 * Start the worker thread of slot 0 now, without a heap limit.
 *
 * @example
 * ```ts
 * if (!cli.inProcess) prewarmThread(); // before loading the config
 * ```
 */
export function prewarmThread(): void {
  const registry = globalThis as unknown as Registry;
  if (registry[PREWARMED] !== undefined) return;
  // Required here, not at the top: the runner loads this file at its end in every mode.
  const { Piscina: Pool } = require('piscina') as typeof import('piscina');
  const pool = new Pool(threadPoolOptions(undefined));
  // A thread that cannot start is reported by the slot that adopts it (see ThreadWorker).
  pool.on('error', () => {});
  registry[PREWARMED] = pool;
}

/**
 * The prewarmed pool, handed over once, when it fits a slot with this heap limit.
 *
 * @param heapLimitMb - the slot's heap limit; a prewarmed thread has none.
 * @returns the pool (now the caller's), or null.
 */
export function adoptPrewarmedThread(heapLimitMb: number | undefined): Piscina | null {
  const registry = globalThis as unknown as Registry;
  const pool = registry[PREWARMED];
  if (pool === undefined || heapLimitMb !== undefined) return null;
  registry[PREWARMED] = undefined;
  pool.removeAllListeners('error');
  return pool;
}

/**
 * Destroy the prewarmed thread if no slot adopted it, so it cannot keep the process alive.
 *
 * @returns when it is gone.
 */
export async function discardPrewarmedThread(): Promise<void> {
  const registry = globalThis as unknown as Registry;
  const pool = registry[PREWARMED];
  registry[PREWARMED] = undefined;
  if (pool !== undefined) await pool.destroy().catch(() => undefined);
}
