/**
 * `logError`: report an error without throwing it, from code that has no test object at
 * hand. It is charged to the test whose async context the call runs in, fails that test
 * unless `flushLoggedErrors` takes it, and never crashes the run.
 *
 * @packageDocumentation
 */
import { processKeys } from '../platform/processKeys';

const LOG_ERROR = processKeys.logError;

/**
 * Log an error against the running test.
 *
 * @param error - any value; Errors keep their stack.
 * @example
 * ```ts
 * socket.on('error', (err) => logError(err));
 * ```
 */
export function logError(error: unknown): void {
  const sink = (globalThis as Record<symbol, unknown>)[LOG_ERROR] as ((error: unknown) => void) | undefined;
  if (sink === undefined) throw error;
  sink(error);
}
