/**
 * GitHub Actions: an `::error` annotation at the failing line (`SerializedError.location`,
 * else the test's own location) of every failure, error, unexpected success, late error
 * and crashed worker, printed as tests end; and, at the end of the run, a Markdown
 * summary appended to `$GITHUB_STEP_SUMMARY` when that is set (`ctx.env`). The CLI turns
 * it on alongside the default reporter when `GITHUB_ACTIONS=true`; it shares stdout.
 * Paths are made relative to `$GITHUB_WORKSPACE` (the repository) when that is set.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunnerEvent, RunSummary, SourceLocation } from '../runner/events';
import { passedCount, wasSuccessful } from '../runner/summary';
import { formatSeconds } from './format/closingLines';
import { errorCommand, markdownCell } from './format/githubCommands';
import { MARKERS } from './format/markers';
import { NOT_IN_TEST } from './format/problems';
import { formatLocation, renderError } from './format/renderError';
import { flakyBody } from './format/flaky';
import type { Reporter, ReporterContext } from './interfaces';

/** A row of the step summary's failure table. */
interface FailureRow {
  id: string;
  marker: string;
  location?: SourceLocation;
  message: string;
}

/** The step summary lists at most this many failing tests. */
export const MAX_SUMMARY_ROWS = 50;

/**
 * The Markdown the reporter appends to `$GITHUB_STEP_SUMMARY`.
 *
 * @param summary - from `run:end`.
 * @param failures - failing tests, in the order they ended.
 */
export function stepSummary(summary: RunSummary, failures: readonly FailureRow[]): string {
  const ok = wasSuccessful(summary);
  const rows: [string, number][] = [
    ['Passed', passedCount(summary)],
    ['Failures', summary.failures],
    ['Errors', summary.errors],
    ['Unexpected successes', summary.unexpectedSuccesses],
    ['Skipped', summary.skips],
    ['Expected failures (todo)', summary.expectedFailures],
  ];
  const lines = [
    `## trial-ts: ${ok ? 'passed' : 'FAILED'}`,
    '',
    `Ran ${summary.tests} tests in ${formatSeconds(summary.durationMs)}${summary.interrupted ? ' (interrupted)' : ''}.`,
    '',
    '| Outcome | Tests |',
    '| --- | ---: |',
    ...rows.filter(([, n], i) => i === 0 || n > 0).map(([name, n]) => `| ${name} | ${n} |`),
    '',
  ];
  if (failures.length > 0) {
    lines.push('| Test | Result | Where | Message |', '| --- | --- | --- | --- |');
    for (const row of failures.slice(0, MAX_SUMMARY_ROWS)) {
      const where = row.location === undefined ? '' : `\`${markdownCell(formatLocation(row.location))}\``;
      lines.push(`| \`${markdownCell(row.id)}\` | ${markdownCell(row.marker)} | ${where} | ${markdownCell(row.message)} |`);
    }
    if (failures.length > MAX_SUMMARY_ROWS) lines.push('', `…and ${failures.length - MAX_SUMMARY_ROWS} more.`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

/**
 * Create the GitHub Actions reporter.
 *
 * @param ctx - where to write the commands (stdout); `ctx.env.GITHUB_STEP_SUMMARY`.
 * @returns the reporter.
 */
export function github(ctx: ReporterContext): Reporter {
  let failures: FailureRow[] = [];
  const workspace = ctx.env?.GITHUB_WORKSPACE;
  // Annotations need paths relative to the repository, which may be above the cwd.
  const rebase = (location?: SourceLocation): SourceLocation | undefined => {
    if (location === undefined || workspace === undefined || workspace === '') return location;
    const file = path.relative(workspace, path.resolve(ctx.cwd, location.file)).split(path.sep).join('/');
    return file.startsWith('..') ? location : { ...location, file };
  };
  const annotate = (title: string, message: string, location?: SourceLocation, level: 'error' | 'warning' = 'error'): void => {
    ctx.write(errorCommand(title, message, rebase(location), level) + '\n');
  };
  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'run:start':
          failures = [];
          break;
        case 'test:end': {
          const { test, outcome } = event;
          const marker = MARKERS[outcome];
          if (outcome === 'failure' || outcome === 'error') {
            for (const error of event.errors) {
              const location = error.location ?? error.leaks?.find((leak) => leak.createdAt)?.createdAt ?? test.location;
              annotate(`${marker} ${test.id}`, renderError(error), location);
              failures.push({ id: test.id, marker, location, message: `${error.name}: ${error.message}` });
            }
          } else if (outcome === 'unexpectedSuccess') {
            const message = `The test is marked todo ('${event.reason ?? ''}') but it passed.`;
            annotate(`${marker} ${test.id}`, message, test.location);
            failures.push({ id: test.id, marker, location: test.location, message });
          } else if (event.flaky === true) {
            annotate(`[FLAKY] ${test.id}`, flakyBody(event), test.location, 'warning');
          }
          break;
        }
        case 'test:lateError': {
          const id = event.test?.id ?? NOT_IN_TEST;
          const title = event.test === null ? `[ERROR] ${id}` : `[ERROR] ${id} (after the test had ended)`;
          const location = event.error.location ?? event.test?.location;
          annotate(title, renderError(event.error), location);
          failures.push({ id, marker: '[ERROR]', location, message: `${event.error.name}: ${event.error.message}` });
          break;
        }
        case 'worker:crash':
          annotate(`Worker ${event.worker} crashed`, [event.reason, event.stderrTail].filter((s) => s !== '').join('\n'));
          break;
        case 'run:end': {
          const path = ctx.env?.GITHUB_STEP_SUMMARY;
          if (path !== undefined && path !== '') fs.appendFileSync(path, stepSummary(event.summary, failures));
          break;
        }
        case 'test:start':
        case 'sidecar:state':
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {},
  };
}
