/**
 * Tests for src/reporters/openReporters.ts and multiReporter.ts: file-backed reporters,
 * parent folders, closing, and several reporters fed the same events.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { openReporters, partialName } from '../../src/reporters/openReporters';
import { multiReporter } from '../../src/reporters/multiReporter';
import { ReporterSpecError } from '../../src/reporters/reporterSpecError';
import type { Reporter } from '../../src/reporters/interfaces';
import { collectingContext, everyOutcome, render } from './sampleEvents';
import { json } from '../../src/reporters/json';
import { junit } from '../../src/reporters/junit';
import { tree } from '../../src/reporters/tree';

export class OpenReportersTests extends TestCase {
  /** Reporters with a file write there (folders created), the one without writes to the context. */
  async test_filesAndStdout(): Promise<void> {
    const cwd = this.mktemp();
    fs.mkdirSync(cwd, { recursive: true });
    const sink = collectingContext({}, { cwd });
    const reporter = await openReporters(
      [{ name: 'tree' }, { name: 'junit', path: 'reports/deep/junit.xml' }, { name: 'json', path: 'events.ndjson' }],
      sink.ctx,
    );
    for (const event of everyOutcome()) reporter.handle(event);
    await reporter.close();
    this.assertEqual(sink.text(), await render(tree, everyOutcome()));
    this.assertEqual(fs.readFileSync(path.join(cwd, 'reports/deep/junit.xml'), 'utf8'), await render(junit, everyOutcome()));
    this.assertEqual(fs.readFileSync(path.join(cwd, 'events.ndjson'), 'utf8'), await render(json, everyOutcome()));
  }

  /** Until the reporter closes, the file keeps its previous content; then it is the whole new report, with no partial file left. */
  async test_fileReplacedOnlyOnClose(): Promise<void> {
    const cwd = this.mktemp();
    fs.mkdirSync(cwd, { recursive: true });
    const file = path.join(cwd, 'junit.xml');
    fs.writeFileSync(file, 'previous report');
    const reporter = await openReporters([{ name: 'junit', path: 'junit.xml' }], collectingContext({}, { cwd }).ctx);
    for (const event of everyOutcome()) reporter.handle(event);
    this.assertEqual(fs.readFileSync(file, 'utf8'), 'previous report');
    this.assertTrue(fs.existsSync(partialName(file)), 'the report is written beside the file');
    await reporter.close();
    this.assertEqual(fs.readFileSync(file, 'utf8'), await render(junit, everyOutcome()));
    this.assertEqual(fs.readdirSync(cwd), ['junit.xml']);
  }

  /** Bad specs are refused before any file is created. */
  async test_refusesBeforeCreating(): Promise<void> {
    const cwd = this.mktemp();
    fs.mkdirSync(cwd, { recursive: true });
    const sink = collectingContext({}, { cwd });
    const specs = [{ name: 'json', path: 'out/a.ndjson' }, { name: 'tree' }, { name: 'verbose' }];
    const error = await openReporters(specs, sink.ctx).then(
      () => null,
      (e: unknown) => e,
    );
    this.assertEqual((error as ReporterSpecError).code, 'TRIAL_USAGE');
    this.assertEqual(fs.existsSync(path.join(cwd, 'out')), false);
  }

  /** Colour on without a palette loads chalk's; the markers come out as ANSI. */
  async test_loadsChalkPalette(): Promise<void> {
    const sink = collectingContext({}, { color: true });
    const reporter = await openReporters([{ name: 'verbose' }], sink.ctx);
    for (const event of everyOutcome().slice(0, 5)) reporter.handle(event);
    await reporter.close();
    this.assertEqual(sink.text().split('\n')[0], 'test/test_calc.ts:AsyncTests.test_leak ... \u001b[31m[ERROR]\u001b[39m');
  }
}

export class MultiReporterTests extends TestCase {
  /** Every part sees every event; a throwing part does not stop the others, and its error surfaces. */
  async test_partsAndErrors(): Promise<void> {
    const seen: string[] = [];
    const recording = (name: string): Reporter => ({
      handle: (event) => void seen.push(`${name}:${event.type}`),
      close: async () => void seen.push(`${name}:close`),
    });
    const broken: Reporter = {
      handle: () => {
        throw new Error('broken reporter');
      },
      close: async () => {
        throw new Error('broken close');
      },
    };
    const reporter = multiReporter(recording('a'), broken, recording('b'));
    const event: RunnerEvent = { type: 'sidecar:state', name: 'pg', state: 'ready' };
    this.assertEqual(this.assertRaises(Error, () => reporter.handle(event)).message, 'broken reporter');
    const closeError = await reporter.close().then(() => null, (e: Error) => e.message);
    this.assertEqual([seen, closeError], [['a:sidecar:state', 'b:sidecar:state', 'a:close', 'b:close'], 'broken close']);
  }
}
