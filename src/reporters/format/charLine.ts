/**
 * The one-character-per-test line of the `text` and `dots` reporters: characters are
 * written as tests end, and the line is ended (with a newline) before anything else is
 * printed, and optionally wrapped at a width.
 *
 * @packageDocumentation
 */
import type { TestEndEvent } from '../../runner/events';
import type { Palette } from '../interfaces';
import type { HumanStyle } from './humanReporter';
import { CHARS, OUTCOME_COLOR } from './markers';

/**
 * A {@link HumanStyle} that prints one character per test.
 *
 * @param wrapAt - wrap the line after this many characters (0: never, as Trial's `text`).
 * @param hidden - summary groups to leave out.
 */
export function charLineStyle(wrapAt: number, hidden: HumanStyle['hidden'] = []): HumanStyle {
  let column = 0;
  return {
    realtimeWithId: true,
    hidden,
    reset: () => {
      column = 0;
    },
    breakLine: () => {
      const text = column > 0 ? '\n' : '';
      column = 0;
      return text;
    },
    testEnd: (event: TestEndEvent, palette: Palette) => {
      const wrap = wrapAt > 0 && column >= wrapAt ? '\n' : '';
      if (wrap !== '') column = 0;
      column += 1;
      return wrap + palette[OUTCOME_COLOR[event.outcome]](CHARS[event.outcome]);
    },
  };
}
