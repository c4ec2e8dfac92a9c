/**
 * What every human reporter (tree, verbose, text, dots) remembers during a run to print
 * its summary: the problems of each test and every test's duration. Counts are not
 * kept here: they come with `run:end`.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, RunSummary } from '../../runner/events';
import type { Palette } from '../interfaces';
import { closingLines } from './closingLines';
import { durationsLines, type TestDuration } from './durationsList';
import {
  groupProblems,
  type Flavour,
  type Problem,
  problemOfLateError,
  problemsOfTestEnd,
  renderProblemGroups,
} from './problems';

/** Options of {@link SummaryCollector.render}. */
export interface RenderSummaryOptions {
  palette: Palette;
  /** `--durations N` (0: no list). */
  durations: number;
  /** Flavours left out of the summary (the compact `dots` reporter hides skips and todos). */
  hidden?: readonly Flavour[];
}

/** Collects problems and durations from events and renders Trial's summary. */
export class SummaryCollector {
  #problems: Problem[] = [];
  #durations: TestDuration[] = [];

  /** Forget everything (a new pass of `-u` starts). */
  reset(): void {
    this.#problems = [];
    this.#durations = [];
  }

  /**
   * Remember what an event adds to the summary; returns the problems it added, which
   * `--rterrors` prints at once.
   *
   * @param event - any event; only `test:end` and `test:lateError` matter.
   */
  add(event: RunnerEvent): Problem[] {
    if (event.type === 'test:end') {
      this.#durations.push({ id: event.test.id, durationMs: event.durationMs });
      const problems = problemsOfTestEnd(event);
      this.#problems.push(...problems);
      return problems;
    }
    if (event.type === 'test:lateError') {
      const problem = problemOfLateError(event);
      this.#problems.push(problem);
      return [problem];
    }
    return [];
  }

  /**
   * The summary's lines: a blank line, the problem groups, the closing lines, then the
   * slowest tests when asked for.
   *
   * @param summary - from `run:end`.
   * @param options - palette, durations, hidden flavours.
   */
  render(summary: RunSummary, options: RenderSummaryOptions): string[] {
    const hidden = options.hidden ?? [];
    const problems = this.#problems.filter((problem) => !hidden.includes(problem.flavour));
    return [
      '',
      ...renderProblemGroups(groupProblems(problems), options.palette),
      ...closingLines(summary, options.palette),
      ...durationsLines(this.#durations, options.durations),
    ];
  }
}

/**
 * What `--rterrors` prints for problems as they happen: failures, errors and unexpected
 * successes (not skips, todos or warnings), each with its test id.
 *
 * @param problems - returned by {@link SummaryCollector.add}.
 * @param withId - print the id first (when the test line is not just above).
 */
export function realtimeLines(problems: readonly Problem[], withId: boolean): string[] {
  const lines: string[] = [];
  for (const problem of problems) {
    if (problem.flavour !== 'failure' && problem.flavour !== 'error' && problem.flavour !== 'unexpectedSuccess') continue;
    if (withId) lines.push(problem.id);
    lines.push(problem.body, '');
  }
  return lines;
}
