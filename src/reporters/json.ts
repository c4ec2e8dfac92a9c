/**
 * Newline-delimited JSON: every event exactly as the runner sent it, one per line,
 * with the protocol's `version` on each. The schema is documented in
 * docs/json-events.md; `trial-ts merge` reads these files back.
 *
 * @packageDocumentation
 */
import { PROTOCOL_VERSION, type RunnerEvent } from '../runner/events';
import type { Reporter, ReporterContext } from './interfaces';

/**
 * One NDJSON line for an event: `{"version":1,"type":...,...}`.
 *
 * @param event - any event.
 */
export function eventLine(event: RunnerEvent): string {
  return JSON.stringify({ version: PROTOCOL_VERSION, ...event }) + '\n';
}

/**
 * Create the JSON events reporter.
 *
 * @param ctx - where to write.
 * @returns the reporter.
 */
export function json(ctx: ReporterContext): Reporter {
  return {
    handle(event: RunnerEvent): void {
      ctx.write(eventLine(event));
    },
    async close(): Promise<void> {},
  };
}
