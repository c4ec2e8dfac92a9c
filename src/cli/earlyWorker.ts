/**
 * The first thing the launcher does: start the default run's worker thread, before the
 * command line's own modules, config and tests are loaded, so that booting the thread
 * overlaps them (see src/workers/threadPrewarm.ts). It reads the raw arguments, since
 * nothing is parsed yet, and starts nothing for the runs that will not use a thread.
 *
 * @packageDocumentation
 */
import { prewarmThread } from '../workers/threadPrewarm';

/** Options after which the run uses no worker thread (or runs no tests). */
const NO_THREAD_FLAGS = new Set(['--in-process', '--debug', '--dry-run', '-h', '--help', '-V', '--version', '--help-reporters', '--pool=processes']);

/**
 * Whether a run with these arguments will want a worker thread. A config file can still
 * choose otherwise; the thread is then destroyed unused.
 *
 * @param argv - the arguments after `trial-ts`.
 * @returns true unless they say in-process, processes, merge, help or version.
 * @example
 * ```ts
 * wantsEarlyWorker(['--in-process', 'test']); // false
 * ```
 */
export function wantsEarlyWorker(argv: readonly string[]): boolean {
  if (argv[0] === 'merge') return false;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    if (NO_THREAD_FLAGS.has(argv[i]) || (argv[i] === '--pool' && argv[i + 1] === 'processes')) return false;
  }
  return true;
}

/**
 * Start the worker thread now when the arguments call for one.
 *
 * @param argv - the arguments after `trial-ts`.
 * @returns whether it was started.
 */
export function startEarlyWorker(argv: readonly string[]): boolean {
  if (!wantsEarlyWorker(argv)) return false;
  prewarmThread();
  return true;
}
