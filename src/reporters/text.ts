/**
 * Trial's `text` reporter: one character per test (`.` `F` `E` `S` `T` `!`), then
 * Trial's summary.
 *
 * @packageDocumentation
 */
import { charLineStyle } from './format/charLine';
import { humanReporter } from './format/humanReporter';
import type { Reporter, ReporterContext } from './interfaces';

/**
 * Create the text reporter.
 *
 * @param ctx - where and how to write.
 * @returns the reporter.
 */
export function text(ctx: ReporterContext): Reporter {
  return humanReporter(ctx, charLineStyle(0));
}
