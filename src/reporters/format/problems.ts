/**
 * The summary's problem groups, as Trial prints them: one group per outcome flavour in
 * a fixed order, identical texts grouped with every test id that produced them.
 *
 * @packageDocumentation
 */
import type { Outcome, TestEndEvent, TestLateErrorEvent } from '../../runner/events';
import type { Palette } from '../interfaces';
import { LINE_WIDTH, MARKERS, OUTCOME_COLOR } from './markers';
import { renderError, renderOutput } from './renderError';
import { flakyBody } from './flaky';

/** What a summary group is about: an outcome other than success, or a warning. */
export type Flavour = Exclude<Outcome, 'success'> | 'warning' | 'flaky';

/** Trial's order of the summary groups; warnings (printed live by Trial) come first, then flaky passes. */
export const FLAVOUR_ORDER: readonly Flavour[] = [
  'warning',
  'flaky',
  'skip',
  'expectedFailure',
  'failure',
  'error',
  'unexpectedSuccess',
];

/** The id under which errors that belong to no test are listed. */
export const NOT_IN_TEST = '<not in test>';

/** The line that flags an error raised after its test had ended. */
export const LATE_ERROR_NOTE = 'This error was raised after the test had ended.';

/** One thing the summary reports about one test. */
export interface Problem {
  flavour: Flavour;
  /** The reason or traceback; identical bodies are grouped. */
  body: string;
  /** The test id (or {@link NOT_IN_TEST}). */
  id: string;
}

/** Problems with the same flavour and body, with every id that had it. */
export interface ProblemGroup {
  flavour: Flavour;
  body: string;
  ids: string[];
}

function title(flavour: Flavour): string {
  if (flavour === 'flaky') return '[FLAKY]';
  return flavour === 'warning' ? '[WARNING]' : MARKERS[flavour];
}

function colour(flavour: Flavour): keyof Palette {
  return flavour === 'warning' || flavour === 'flaky' ? 'yellow' : OUTCOME_COLOR[flavour];
}

/**
 * The body a test's end contributes to its group: the skip reason, `Reason: '...'` for
 * todo tests, the tracebacks and captured output for failures and errors.
 *
 * @param event - a `test:end` whose outcome is not a success.
 */
export function bodyOfTestEnd(event: TestEndEvent): string {
  const reason = `Reason: '${event.reason ?? ''}'`;
  const errors = event.errors.map(renderError);
  switch (event.outcome) {
    case 'skip':
      return event.reason ?? '';
    case 'expectedFailure':
      return [reason, ...errors].join('\n');
    case 'unexpectedSuccess': {
      const expected = event.expectedErrors?.length ? [`Expected errors: ${event.expectedErrors.join(', ')}`] : [];
      return [reason, ...expected, ...renderOutput(event.output)].join('\n');
    }
    case 'failure':
    case 'error':
      return [...(errors.length > 0 ? errors : ['(no error details were reported)']), ...renderOutput(event.output)].join('\n');
    case 'success':
      return '';
    default:
      return event.outcome satisfies never;
  }
}

/**
 * The problems a `test:end` adds to the summary: one for its outcome (none for a
 * success) and one per warning.
 *
 * @param event - the test's end.
 */
export function problemsOfTestEnd(event: TestEndEvent): Problem[] {
  const problems: Problem[] = (event.warnings ?? []).map((warning) => ({
    flavour: 'warning',
    body: warning,
    id: event.test.id,
  }));
  if (event.outcome !== 'success') {
    problems.push({ flavour: event.outcome, body: bodyOfTestEnd(event), id: event.test.id });
  } else if (event.flaky === true) {
    problems.push({ flavour: 'flaky', body: flakyBody(event), id: event.test.id });
  }
  return problems;
}

/**
 * The problem of an error raised after its test ended (flagged so) or outside any test
 * (listed under {@link NOT_IN_TEST}).
 *
 * @param event - the late error.
 */
export function problemOfLateError(event: TestLateErrorEvent): Problem {
  const traceback = renderError(event.error);
  if (event.test === null) return { flavour: 'error', body: traceback, id: NOT_IN_TEST };
  return { flavour: 'error', body: `${LATE_ERROR_NOTE}\n${traceback}`, id: event.test.id };
}

/**
 * Group problems by flavour (in {@link FLAVOUR_ORDER}) and identical body (in order of
 * first appearance).
 *
 * @param problems - in the order they happened.
 */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups: ProblemGroup[] = [];
  for (const flavour of FLAVOUR_ORDER) {
    const byBody = new Map<string, ProblemGroup>();
    for (const problem of problems) {
      if (problem.flavour !== flavour) continue;
      const group = byBody.get(problem.body);
      if (group === undefined) byBody.set(problem.body, { flavour, body: problem.body, ids: [problem.id] });
      else if (!group.ids.includes(problem.id)) group.ids.push(problem.id);
    }
    groups.push(...byBody.values());
  }
  return groups;
}

/**
 * The lines of the summary's groups: for each, a line of 79 `=`, the flavour, the body,
 * a blank line and the ids.
 *
 * @param groups - from {@link groupProblems}.
 * @param palette - colours for the flavour line.
 */
export function renderProblemGroups(groups: readonly ProblemGroup[], palette: Palette): string[] {
  const lines: string[] = [];
  for (const group of groups) {
    lines.push('='.repeat(LINE_WIDTH), palette[colour(group.flavour)](title(group.flavour)));
    if (group.body !== '') lines.push(group.body);
    lines.push('', ...group.ids);
  }
  return lines;
}
