/**
 * Trial's `bwverbose` layout with our markers: one line per test, `<id> ... [OK]`,
 * then Trial's summary. Full ids make it safe under any interleaving of workers.
 *
 * @packageDocumentation
 */
import { humanReporter } from './format/humanReporter';
import { MARKERS, OUTCOME_COLOR } from './format/markers';
import type { Reporter, ReporterContext } from './interfaces';
import { flakyNote } from './format/flaky';

/**
 * Create the verbose reporter.
 *
 * @param ctx - where and how to write.
 * @returns the reporter.
 */
export function verbose(ctx: ReporterContext): Reporter {
  return humanReporter(ctx, {
    realtimeWithId: false,
    testEnd: (event, palette) => `${event.test.id}${flakyNote(event)} ... ${palette[OUTCOME_COLOR[event.outcome]](MARKERS[event.outcome])}\n`,
  });
}
