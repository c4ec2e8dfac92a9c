/**
 * The words and characters each outcome is shown with, as Trial shows them.
 *
 * @packageDocumentation
 */
import type { Outcome } from '../../runner/events';
import type { Palette } from '../interfaces';

/** Trial's tree markers, one per outcome. */
export const MARKERS: Readonly<Record<Outcome, string>> = {
  success: '[OK]',
  failure: '[FAIL]',
  error: '[ERROR]',
  skip: '[SKIPPED]',
  expectedFailure: '[TODO]',
  unexpectedSuccess: '[SUCCESS!?!]',
};

/** Trial's `text` reporter characters, one per outcome. */
export const CHARS: Readonly<Record<Outcome, string>> = {
  success: '.',
  failure: 'F',
  error: 'E',
  skip: 'S',
  expectedFailure: 'T',
  unexpectedSuccess: '!',
};

/** Colour of each outcome: OK green; FAIL, ERROR, SUCCESS!?! red; SKIPPED, TODO blue. */
export const OUTCOME_COLOR: Readonly<Record<Outcome, keyof Palette>> = {
  success: 'green',
  failure: 'red',
  error: 'red',
  skip: 'blue',
  expectedFailure: 'blue',
  unexpectedSuccess: 'red',
};

/** Width of Trial's lines: markers end at this column, separators are this long. */
export const LINE_WIDTH = 79;

/**
 * `prefix` followed by `marker` right-aligned so the line is {@link LINE_WIDTH}
 * columns, as Trial pads it (no padding when the prefix is already too long).
 *
 * @param prefix - the start of the line, e.g. `    test_x ... `.
 * @param marker - the plain marker; its length decides the padding.
 * @param painted - the marker as printed (coloured), defaults to `marker`.
 * @returns the whole line, without a newline.
 */
export function alignMarker(prefix: string, marker: string, painted: string = marker): string {
  const padding = Math.max(0, LINE_WIDTH - prefix.length - marker.length);
  return prefix + ' '.repeat(padding) + painted;
}
