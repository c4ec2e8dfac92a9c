/**
 * JUnit XML as Jenkins, GitLab, CircleCI and the GitHub test-report actions read it:
 * one `testsuite` per test class, a `testcase` per test with `classname`, `name`,
 * `file`, `line` and `time`, `failure`/`error`/`skipped` elements with type, message
 * and the source-mapped stack, captured output in `system-out`/`system-err`.
 * Expected failures are passes carrying an `outcome` property; unexpected successes are
 * failures. Errors after a test ended are added to that test as `error`s; errors in no
 * test form a `<not in test>` suite. Written once, at `close`, always well-formed
 * (see format/xml.ts) and valid against test/reporters/junit.xsd.
 *
 * `classname` is the file's path without extension, dotted, then the class
 * (`test.reporters.test_junit.JunitTests`), as pytest writes it, so tools that split a
 * package from a class show the file as the package.
 *
 * @packageDocumentation
 */
import type { Outcome, RunnerEvent, SerializedError, TestDescription, TestEndEvent } from '../runner/events';
import { renderErrorWithLeakStacks } from './format/renderError';
import { NOT_IN_TEST } from './format/problems';
import { attributes, escapeText } from './format/xml';
import type { Reporter, ReporterContext } from './interfaces';

/** What is known about one test case. */
interface CaseRecord {
  test: TestDescription;
  end?: TestEndEvent;
  late: SerializedError[];
}

/** The dotted module path of a file: `test/a/test_b.ts` → `test.a.test_b`. */
export function modulePath(file: string): string {
  return file
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/^(\.\.?[\\/])+/, '')
    .replace(/^[\\/]+/, '')
    .replace(/[\\/]+/g, '.');
}

function suiteKey(test: TestDescription): string {
  return test.className === '' ? test.file : `${test.file}:${test.className}`;
}

function finalOutcome(record: CaseRecord): Outcome {
  return record.late.length > 0 ? 'error' : (record.end?.outcome ?? 'error');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function problemElement(tag: 'failure' | 'error', error: SerializedError, prefix = ''): string {
  return `      <${tag}${attributes({ message: prefix + error.message, type: error.name })}>${escapeText(renderErrorWithLeakStacks(error))}</${tag}>`;
}

/**
 * Surefire's record of a test that passed on a rerun: one `<flakyFailure>` (or
 * `<flakyError>`) per failed attempt, each with its `<stackTrace>`, inside a passing testcase.
 */
function flakyElements(end: TestEndEvent): string[] {
  const lines: string[] = [];
  for (const attempt of end.attempts ?? []) {
    if (attempt.outcome !== 'failure' && attempt.outcome !== 'error') continue;
    const tag = attempt.outcome === 'failure' ? 'flakyFailure' : 'flakyError';
    const first = attempt.errors[0] ?? { name: 'Error', message: '(no error details were reported)', stack: '' };
    const trace = attempt.errors.map(renderErrorWithLeakStacks).join('\n');
    lines.push(`      <${tag}${attributes({ message: first.message, type: first.name })}><stackTrace>${escapeText(trace)}</stackTrace></${tag}>`);
  }
  return lines;
}

function caseBody(record: CaseRecord): string[] {
  const end = record.end;
  const lines: string[] = [];
  if (end?.outcome === 'expectedFailure') {
    const expected = end.errors.map((error) => `${error.name}: ${error.message}`).join('\n');
    lines.push('      <properties>');
    lines.push(`        <property${attributes({ name: 'outcome', value: 'expectedFailure' })}/>`);
    lines.push(`        <property${attributes({ name: 'todo', value: end.reason ?? '' })}/>`);
    if (expected !== '') lines.push(`        <property${attributes({ name: 'expectedError', value: expected })}/>`);
    lines.push('      </properties>');
  }
  if (end?.outcome === 'skip') lines.push(`      <skipped${attributes({ message: end.reason ?? '' })}/>`);
  if (end?.outcome === 'unexpectedSuccess') {
    const message = `The test is marked todo ('${end.reason ?? ''}') but it passed.`;
    lines.push(`      <failure${attributes({ message, type: 'UnexpectedSuccess' })}>${escapeText(message)}</failure>`);
  }
  if (end?.outcome === 'failure' || end?.outcome === 'error') {
    for (const error of end.errors) lines.push(problemElement(end.outcome, error));
  }
  if (end?.flaky === true) lines.push(...flakyElements(end));
  if (end === undefined && record.late.length === 0) lines.push(problemElement('error', { name: 'Error', message: 'The test never ended.', stack: '' }));
  for (const error of record.late) lines.push(problemElement('error', error, 'Raised after the test had ended: '));
  if (end?.output?.stdout) lines.push(`      <system-out>${escapeText(end.output.stdout)}</system-out>`);
  if (end?.output?.stderr) lines.push(`      <system-err>${escapeText(end.output.stderr)}</system-err>`);
  return lines;
}

function caseElement(record: CaseRecord): string {
  const { test } = record;
  const orphan = test.id === NOT_IN_TEST;
  const name = orphan ? NOT_IN_TEST : test.className === '' ? '(load)' : test.methodName === '' ? '(class)' : test.methodName;
  const classname = orphan ? NOT_IN_TEST : test.className === '' ? modulePath(test.file) : `${modulePath(test.file)}.${test.className}`;
  const head = `    <testcase${attributes({
    name,
    classname,
    file: orphan ? undefined : test.file,
    line: test.location?.line,
    time: seconds(record.end?.durationMs ?? 0),
  })}`;
  const body = caseBody(record);
  return body.length === 0 ? `${head}/>` : [`${head}>`, ...body, '    </testcase>'].join('\n');
}

/** Counts of one suite, from its cases' final outcomes. */
interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  timeMs: number;
}

function countSuite(records: readonly CaseRecord[]): SuiteCounts {
  const outcomes = records.map(finalOutcome);
  return {
    tests: records.length,
    failures: outcomes.filter((o) => o === 'failure' || o === 'unexpectedSuccess').length,
    errors: outcomes.filter((o) => o === 'error').length,
    skipped: outcomes.filter((o) => o === 'skip').length,
    timeMs: records.reduce((sum, record) => sum + (record.end?.durationMs ?? 0), 0),
  };
}

/**
 * Render the whole document.
 *
 * @param suites - cases grouped by suite name, in order of first appearance.
 * @param timestamp - the run's start, ms since the epoch.
 * @param durationMs - the run's wall time, when it ended.
 */
export function renderJunit(suites: ReadonlyMap<string, CaseRecord[]>, timestamp: number, durationMs?: number): string {
  const stamp = new Date(timestamp).toISOString().slice(0, 19);
  const body: string[] = [];
  const total: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0 };
  for (const [key, records] of suites) {
    const counts = countSuite(records);
    for (const name of ['tests', 'failures', 'errors', 'skipped', 'timeMs'] as const) total[name] += counts[name];
    const first = records[0].test;
    const name = key === NOT_IN_TEST ? NOT_IN_TEST : first.className === '' ? modulePath(first.file) : `${modulePath(first.file)}.${first.className}`;
    body.push(`  <testsuite${attributes({ name, tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: counts.skipped, time: seconds(counts.timeMs), timestamp: stamp, file: key === NOT_IN_TEST ? undefined : first.file })}>`);
    body.push(...records.map(caseElement), '  </testsuite>');
  }
  const root = attributes({
    name: 'trial-ts',
    tests: total.tests,
    failures: total.failures,
    errors: total.errors,
    skipped: total.skipped,
    time: seconds(durationMs ?? total.timeMs),
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...body, '</testsuites>', ''].join('\n');
}

/**
 * Create the JUnit reporter.
 *
 * @param ctx - where to write (normally a file: `--reporter junit:reports/junit.xml`).
 * @returns the reporter.
 */
export function junit(ctx: ReporterContext): Reporter {
  let suites = new Map<string, CaseRecord[]>();
  let cases = new Map<string, CaseRecord>();
  let started = (ctx.now ?? Date.now)();
  let durationMs: number | undefined;
  const recordOf = (test: TestDescription): CaseRecord => {
    let record = cases.get(test.id);
    if (record === undefined) {
      record = { test, late: [] };
      cases.set(test.id, record);
      const key = suiteKey(test);
      suites.set(key, [...(suites.get(key) ?? []), record]);
    }
    return record;
  };
  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'run:start':
          suites = new Map();
          cases = new Map();
          started = event.time;
          durationMs = undefined;
          break;
        case 'test:end':
          recordOf(event.test).end = event;
          break;
        case 'test:lateError':
          if (event.test !== null) {
            recordOf(event.test).late.push(event.error);
          } else {
            const test: TestDescription = { id: NOT_IN_TEST, file: NOT_IN_TEST, className: NOT_IN_TEST, methodName: NOT_IN_TEST };
            const record: CaseRecord = { test, late: [], end: { type: 'test:end', test, worker: event.worker, outcome: 'error', durationMs: 0, errors: [event.error] } };
            suites.set(NOT_IN_TEST, [...(suites.get(NOT_IN_TEST) ?? []), record]);
          }
          break;
        case 'run:end':
          durationMs = event.summary.durationMs;
          break;
        case 'test:start':
        case 'worker:crash':
        case 'sidecar:state':
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {
      ctx.write(renderJunit(suites, started, durationMs));
    },
  };
}
