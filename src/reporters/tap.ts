/**
 * TAP version 14: one test point per test (`ok`/`not ok`, `# SKIP`, `# TODO` for
 * expected failures), a YAML diagnostics block for failures, errors and unexpected
 * successes, comments for crashed workers, and the plan at the end. An unexpected
 * success is `not ok`, so a TAP reader flags it (under `strictTodo` it also fails the
 * run); an error raised after its test ended is one more `not ok` point.
 *
 * @packageDocumentation
 */
import { problemCount } from '../runner/summary';
import type { RunnerEvent, RunSummary, SerializedError, TestEndEvent } from '../runner/events';
import { NOT_IN_TEST } from './format/problems';
import { flakyNote } from './format/flaky';
import { renderError } from './format/renderError';
import { quoted, yamlEntry } from './format/yaml';
import type { Reporter, ReporterContext } from './interfaces';

/** A test point description: one line, `#` and `\` escaped as TAP 14 requires. */
export function tapDescription(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\r\n]+/g, ' ');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function diagnostics(severity: string, errors: readonly SerializedError[], event?: TestEndEvent, message?: string): string[] {
  const indent = '  ';
  const first = errors[0];
  const lines = [`${indent}---`];
  lines.push(`${indent}message: ${quoted(message ?? first?.message ?? '')}`);
  lines.push(`${indent}severity: ${severity}`);
  if (first !== undefined) lines.push(`${indent}type: ${quoted(first.name)}`);
  const at = first?.location ?? event?.test.location;
  if (at !== undefined) {
    lines.push(`${indent}at:`, `${indent}  file: ${quoted(at.file)}`, `${indent}  line: ${at.line}`, `${indent}  column: ${at.column}`);
  }
  if (errors.length > 0) lines.push(...yamlEntry('stack', errors.map(renderError).join('\n'), indent));
  if (event !== undefined) lines.push(`${indent}duration_ms: ${event.durationMs}`);
  if (event?.output?.stdout) lines.push(...yamlEntry('stdout', event.output.stdout, indent));
  if (event?.output?.stderr) lines.push(...yamlEntry('stderr', event.output.stderr, indent));
  lines.push(`${indent}...`);
  return lines;
}

function testPoint(number: number, event: TestEndEvent): string[] {
  const name = `${number} - ${tapDescription(event.test.id)}`;
  const reason = tapDescription(oneLine(event.reason ?? ''));
  switch (event.outcome) {
    case 'success':
      return event.flaky === true ? [`ok ${name}`, `#${flakyNote(event).replace(/^ \((.*)\)$/, ' $1')}`] : [`ok ${name}`];
    case 'skip':
      return [`ok ${name} # SKIP${reason === '' ? '' : ` ${reason}`}`];
    case 'expectedFailure':
      return [`not ok ${name} # TODO${reason === '' ? '' : ` ${reason}`}`];
    case 'unexpectedSuccess':
      return [`not ok ${name}`, ...diagnostics('unexpectedSuccess', [], event, `The test is marked todo ('${event.reason ?? ''}') but it passed.`)];
    case 'failure':
    case 'error':
      return [`not ok ${name}`, ...diagnostics(event.outcome === 'failure' ? 'fail' : 'error', event.errors, event)];
    default:
      return event.outcome satisfies never;
  }
}

function summaryComments(summary: RunSummary): string[] {
  return [
    `# tests ${summary.tests}`,
    `# pass ${summary.successes}`,
    // Every `not ok` point without a directive: unexpected successes too, strict or not.
    `# fail ${problemCount(summary)}`,
    `# skip ${summary.skips}`,
    `# todo ${summary.expectedFailures}`,
    ...((summary.flaky ?? 0) > 0 ? [`# flaky ${summary.flaky}`] : []),
    `# duration_ms ${summary.durationMs}`,
  ];
}

/**
 * Create the TAP reporter.
 *
 * @param ctx - where to write.
 * @returns the reporter.
 */
export function tap(ctx: ReporterContext): Reporter {
  let points = 0;
  let started = false;
  const write = (lines: string[]): void => {
    if (!started) {
      started = true;
      lines = ['TAP version 14', ...lines];
    }
    if (lines.length > 0) ctx.write(lines.join('\n') + '\n');
  };
  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'run:start':
          write(event.seed === undefined ? [] : [`# seed ${event.seed}`]);
          break;
        case 'test:end':
          points += 1;
          write(testPoint(points, event));
          break;
        case 'test:lateError': {
          points += 1;
          const id = tapDescription(event.test?.id ?? NOT_IN_TEST);
          const suffix = event.test === null ? '' : ' (error after the test had ended)';
          write([`not ok ${points} - ${id}${suffix}`, ...diagnostics('error', [event.error])]);
          break;
        }
        case 'worker:crash':
          write([`# worker ${event.worker} crashed: ${oneLine(event.reason)}`]);
          break;
        case 'sidecar:state':
          if (event.state === 'crashed') write([`# sidecar ${event.name} crashed: ${oneLine(event.detail ?? '')}`]);
          if (event.state === 'failed') write([`# sidecar ${event.name} could not start: ${oneLine(event.detail ?? '')}`]);
          break;
        case 'run:end':
          write(summaryComments(event.summary));
          break;
        case 'test:start':
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {
      write([`1..${points}`]);
    },
  };
}
