/**
 * Tests for src/cli/merge.ts: shards' JSON event files merged into one run, replayed
 * through reporters, with one durations file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { mergeEventStreams, parseEventLines, runMerge } from '../../src/cli/merge';
import { eventLine } from '../../src/reporters/json';
import { ReporterSpecError } from '../../src/reporters/reporterSpecError';
import { collectingContext, desc, everyOutcome, interleaved, run, START, withEnd } from '../reporters/sampleEvents';
import { recordedDurations } from '../support/recordedDurations';

/** A second shard: two workers, one pass and one failure, started later. */
function secondShard(): RunnerEvent[] {
  return withEnd([
    { type: 'run:start', version: 1, time: START + 500, cwd: '/proj', workers: 2 },
    ...run(desc('Other', 'test_a', 5, 'test/test_other.ts'), 'success', { durationMs: 11 }, 1),
    ...run(desc('Other', 'test_b', 9, 'test/test_other.ts'), 'failure', { durationMs: 13, errors: [{ name: 'AssertionError', message: 'no', stack: '' }] }, 0),
  ], { durationMs: 2000 });
}

export class MergeEventStreamsTests extends TestCase {
  /** One run:start (earliest time, all workers), workers renumbered, one recomputed run:end. */
  test_merge(): void {
    const merged = mergeEventStreams([
      { file: 'a', events: everyOutcome() },
      { file: 'b', events: secondShard() },
    ]);
    this.assertEqual(merged[0], { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 3 });
    this.assertEqual(merged.filter((e) => e.type === 'run:start' || e.type === 'run:end').length, 2);
    const workers = merged.flatMap((e) => (e.type === 'test:end' && e.test.file === 'test/test_other.ts' ? [e.worker] : []));
    this.assertEqual(workers, [2, 1]);
    const end = merged[merged.length - 1];
    this.assertEqual(end.type === 'run:end' ? end.summary : null, {
      tests: 11,
      successes: 1,
      failures: 4,
      errors: 4,
      skips: 1,
      expectedFailures: 1,
      unexpectedSuccesses: 1,
      orphanErrors: 1,
      durationMs: 2000,
      interrupted: false,
    });
  }

  /** A shard run with strictTodo makes the merged run strict, so its unexpected success still fails it. */
  test_mergeKeepsStrictTodo(): void {
    const strictShard = withEnd([
      { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 },
      ...run(desc('Todo', 'test_passes'), 'unexpectedSuccess', { reason: 'bug #1' }),
    ], { strictTodo: true });
    const summaryOf = (events: RunnerEvent[]) => {
      const end = events[events.length - 1];
      return end.type === 'run:end' ? end.summary : null;
    };
    this.assertEqual(summaryOf(mergeEventStreams([{ file: 'a', events: strictShard }, { file: 'b', events: secondShard() }]))?.strictTodo, true);
    this.assertEqual(summaryOf(mergeEventStreams([{ file: 'b', events: secondShard() }]))?.strictTodo, undefined);
  }

  /** Lines that are not events, or of another protocol version, are usage errors naming the line. */
  test_parseErrors(): void {
    this.assertEqual(parseEventLines(eventLine({ type: 'sidecar:state', name: 'pg', state: 'ready' }) + '\n', 'f'), [
      { type: 'sidecar:state', name: 'pg', state: 'ready' },
    ]);
    const bad = this.assertRaises(ReporterSpecError, parseEventLines, '{"version":1,"type":"run:start"}\nnope\n', 'f.ndjson');
    this.assertTrue(bad.message.startsWith('f.ndjson:2 is not a trial-ts JSON event ('));
    const version = this.assertRaises(ReporterSpecError, parseEventLines, '{"version":9,"type":"run:end"}', 'f.ndjson');
    this.assertEqual(version.message, 'f.ndjson:1 has event version 9, but this trial-ts reads version 1; merge with the trial-ts that wrote it.');
  }
}

export class RunMergeTests extends TestCase {
  /** Files in, reporters out, durations merged, exit code from the merged summary. */
  async test_runMerge(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const files = [everyOutcome(), secondShard(), interleaved()].map((events, i) => {
      const file = path.join(dir, `shard-${i + 1}.ndjson`);
      fs.writeFileSync(file, events.map(eventLine).join(''));
      return file;
    });
    const durationsFile = path.join(dir, 'cache', 'durations.json');
    const sink = collectingContext({}, { cwd: dir });
    const result = await runMerge({
      inputs: files,
      reporters: [{ name: 'text' }, { name: 'json', path: 'merged.ndjson' }],
      context: sink.ctx,
      durationsFile,
    });
    this.assertEqual(result.exitCode, 1);
    this.assertEqual([result.summary.tests, result.summary.successes, result.summary.errors], [16, 5, 5]);
    this.assertEqual(sink.text().split('\n').slice(-4), [
      '',
      'FAILED (skips=1, expectedFailures=1, failures=4, errors=5, unexpectedSuccesses=1, successes=5)',
      'tests: 7 passed, 9 failed, 1 skipped',
      '',
    ]);
    const merged = fs.readFileSync(path.join(dir, 'merged.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    this.assertEqual(merged[0].workers, 5);
    const durations = recordedDurations(durationsFile);
    this.assertEqual(Object.keys(durations.tests).length, 16);
    this.assertEqual(durations.tests['test/test_other.ts:Other.test_b'], 13);
  }

  /** Shard records beside the durations file are folded in (their failed ids replace the file's) and removed. */
  async test_runMergeFoldsShardRecords(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const input = path.join(dir, 'shard-1.ndjson');
    fs.writeFileSync(input, secondShard().map(eventLine).join(''));
    const durationsFile = path.join(dir, 'durations.json');
    fs.writeFileSync(durationsFile, JSON.stringify({ version: 1, tests: { 'test/old.ts:A.test_a': 5 }, failed: ['test/old.ts:A.test_a'] }));
    fs.writeFileSync(path.join(dir, 'durations.shard-2-of-2.json'), JSON.stringify({ version: 1, tests: { 'test/new.ts:B.test_b': 7 }, failed: ['test/new.ts:B.test_b'] }));
    await runMerge({ inputs: [input], reporters: [{ name: 'dots' }], context: collectingContext({}, { cwd: dir }).ctx, durationsFile });
    const durations = recordedDurations(durationsFile);
    this.assertEqual([durations.tests['test/old.ts:A.test_a'], durations.tests['test/new.ts:B.test_b']], [5, 7]);
    this.assertEqual(durations.failed, ['test/new.ts:B.test_b']);
    this.assertEqual(fs.readdirSync(dir).sort(), ['durations.json', 'shard-1.ndjson']);
  }

  /** No inputs, or a missing file, is a usage error. */
  async test_badInputs(): Promise<void> {
    const sink = collectingContext();
    const none = await runMerge({ inputs: [], reporters: [{ name: 'tree' }], context: sink.ctx }).then(() => null, (e: Error) => e);
    this.assertEqual((none as ReporterSpecError).code, 'TRIAL_USAGE');
    const missing = await runMerge({ inputs: ['/nonexistent.ndjson'], reporters: [{ name: 'tree' }], context: sink.ctx }).then(() => null, (e: Error) => e);
    this.assertTrue((missing as Error).message.startsWith('Cannot read /nonexistent.ndjson: '));
  }
}
