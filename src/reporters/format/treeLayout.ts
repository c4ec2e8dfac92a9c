/**
 * Trial's tree layout, as a small state machine: a file header, the class indented by
 * two, then `    method ... ` with the marker right-aligned to column 79. A header is
 * printed when it differs from the previous test's; a class whose header was already
 * printed and that comes back later (results of one class split across workers) is
 * printed with full test ids instead, so no class header ever appears twice.
 *
 * @packageDocumentation
 */
import type { TestEndEvent } from '../../runner/events';
import type { Palette } from '../interfaces';
import { alignMarker, MARKERS, OUTCOME_COLOR } from './markers';
import { flakyNote } from './flaky';

const INDENT = '  ';

/** Builds the lines of the tree, remembering which headers it has printed. */
export class TreeLayout {
  #palette: Palette;
  #file: string | null = null;
  #classKey: string | null = null;
  #printedClasses = new Set<string>();

  /** @param palette - colours for the markers. */
  constructor(palette: Palette) {
    this.#palette = palette;
  }

  /** Forget the headers (a new pass of `-u`). */
  reset(): void {
    this.#file = null;
    this.#classKey = null;
    this.#printedClasses.clear();
  }

  /**
   * The lines for one ended test: the headers that change, then the test's line.
   *
   * @param event - the test's end.
   */
  linesFor(event: TestEndEvent): string[] {
    const { test } = event;
    const marker = MARKERS[event.outcome];
    const painted = this.#palette[OUTCOME_COLOR[event.outcome]](marker);
    const line = (depth: number, name: string): string => alignMarker(`${INDENT.repeat(depth)}${name} ... `, marker, painted);
    if (test.className === '') {
      // A file that failed to load: the file itself is the test.
      this.#file = null;
      this.#classKey = null;
      return [line(0, test.file)];
    }
    const classKey = `${test.file}:${test.className}`;
    const lines: string[] = [];
    if (classKey !== this.#classKey && this.#printedClasses.has(classKey)) {
      return [line(0, `${test.id}${flakyNote(event)}`)];
    }
    if (test.file !== this.#file) {
      lines.push(test.file);
      this.#file = test.file;
      this.#classKey = null;
    }
    if (test.methodName === '') {
      // An error of the class itself (setUpClass, tearDownClass): the class is the test.
      lines.push(line(1, test.className));
      return lines;
    }
    if (classKey !== this.#classKey) {
      lines.push(`${INDENT}${test.className}`);
      this.#classKey = classKey;
      this.#printedClasses.add(classKey);
    }
    lines.push(line(2, `${test.methodName}${flakyNote(event)}`));
    return lines;
  }
}
