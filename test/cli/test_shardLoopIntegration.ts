/**
 * End to end: `for s in 1 2 3; do trial-ts --shard $s/3; done` over fixtures/shardLoop
 * (24 tests of uneven durations) runs every test exactly once, because shard runs read
 * the recorded durations and never rewrite them; each shard leaves its measurements in
 * a record of its own, and `trial-ts merge --durations-file` folds them in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../support/runCli';
import { recordedDurations } from '../support/recordedDurations';

const SUITE = path.join(FIXTURES, 'shardLoop');

/** The ids of the tests an events file says ended. */
function endedIds(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .filter((event) => event.type === 'test:end').map((event) => event.test.id as string);
}

export class ShardLoopTests extends TestCase {
  /** Three shard runs in a row over one durations file: each test once, the file untouched, then merged. */
  async test_shardLoopRunsEveryTestOnce(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    const durationsFile = path.join(dir, 'durations.json');
    const common = ['--temp-directory', path.join(dir, 'trial'), '--durations-file', durationsFile];
    const seed = await runCli([...common, '--reporter', `json:${path.join(dir, 'full.ndjson')}`, SUITE]);
    this.assertEqual(seed.code, 0, seed.stdout + seed.stderr);
    const all = endedIds(path.join(dir, 'full.ndjson')).sort();
    this.assertEqual(all.length, 24);
    const before = fs.readFileSync(durationsFile, 'utf8');

    const ran: string[] = [];
    for (const shard of [1, 2, 3]) {
      const events = path.join(dir, `events-${shard}.ndjson`);
      const result = await runCli([...common, '--shard', `${shard}/3`, '--reporter', `json:${events}`, SUITE]);
      this.assertEqual(result.code, 0, result.stdout + result.stderr);
      ran.push(...endedIds(events));
      this.assertEqual(fs.readFileSync(durationsFile, 'utf8'), before, `shard ${shard} rewrote the durations file`);
    }
    this.assertEqual([...ran].sort(), all);
    this.assertEqual(fs.readdirSync(dir).filter((name) => name.includes('.shard-')).sort(),
      ['durations.shard-1-of-3.json', 'durations.shard-2-of-3.json', 'durations.shard-3-of-3.json']);

    const merged = await runCli(['merge', '--reporter', 'dots', '--durations-file', durationsFile,
      ...[1, 2, 3].map((shard) => path.join(dir, `events-${shard}.ndjson`))]);
    this.assertEqual(merged.code, 0, merged.stdout + merged.stderr);
    this.assertIn('tests: 24 passed, 0 failed, 0 skipped', merged.stdout);
    this.assertEqual(Object.keys(recordedDurations(durationsFile).tests).sort(), all);
    this.assertEqual(fs.readdirSync(dir).filter((name) => name.includes('.shard-')), []);
  }
}
