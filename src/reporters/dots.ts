/**
 * The compact reporter: the `text` characters wrapped at the terminal's width, and a
 * summary that lists only failures, errors and unexpected successes (skips and todos
 * are counted in the closing lines but not detailed).
 *
 * @packageDocumentation
 */
import { charLineStyle } from './format/charLine';
import { humanReporter } from './format/humanReporter';
import type { Reporter, ReporterContext } from './interfaces';

/**
 * Create the dots reporter.
 *
 * @param ctx - where and how to write.
 * @returns the reporter.
 */
export function dots(ctx: ReporterContext): Reporter {
  return humanReporter(ctx, charLineStyle(Math.max(1, ctx.columns), ['skip', 'expectedFailure', 'warning']));
}
