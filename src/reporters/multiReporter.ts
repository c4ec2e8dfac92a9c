/**
 * Several reporters as one: each sees every event in order. A reporter that throws
 * does not stop the others; the first error is rethrown once all have been called.
 *
 * @packageDocumentation
 */
import type { RunnerEvent } from '../runner/events';
import type { Reporter } from './interfaces';

/**
 * Combine reporters.
 *
 * @param parts - the reporters, in the order they are called.
 * @returns one reporter.
 * @throws the first error a part threw (after every part was called).
 * @example
 * ```ts
 * const reporter = multiReporter(tree(ctx), junit(fileCtx));
 * ```
 */
export function multiReporter(...parts: Reporter[]): Reporter {
  const each = async (call: (reporter: Reporter) => void | Promise<void>): Promise<void> => {
    let first: { error: unknown } | null = null;
    for (const reporter of parts) {
      try {
        await call(reporter);
      } catch (error) {
        first ??= { error };
      }
    }
    if (first !== null) throw first.error;
  };
  return {
    handle(event: RunnerEvent): void {
      let first: { error: unknown } | null = null;
      for (const reporter of parts) {
        try {
          reporter.handle(event);
        } catch (error) {
          first ??= { error };
        }
      }
      if (first !== null) throw first.error;
    },
    close: () => each((reporter) => reporter.close()),
  };
}
