/**
 * End to end: in the JSON event stream `run:end` is the last event, after the sidecars
 * have stopped (their `sidecar:state stopped` used to arrive after it), also when
 * `--until-failure` ends several passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent } from '../../src/runner/events';
import { FIXTURES, runCli } from '../support/runCli';

/** The events of a run of fixtures/sidecarPerTest (a PostgreSQL sidecar) with `args`. */
async function sidecarRunEvents(base: string, args: string[]): Promise<RunnerEvent[]> {
  fs.mkdirSync(base, { recursive: true });
  const eventsFile = path.join(base, 'events.ndjson');
  const result = await runCli(
    [...args, '--temp-directory', path.join(base, 'trial'), '--durations-file', path.join(base, 'durations.json'), '--reporter', `json:${eventsFile}`],
    { cwd: path.join(FIXTURES, 'sidecarPerTest'), timeoutMs: 120_000 },
  );
  if (result.code !== 0) throw new Error(`the run failed (${String(result.code)}): ${result.stdout}${result.stderr}`);
  return fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunnerEvent);
}

export class RunEndLastTests extends TestCase {
  /** The sidecar's `stopped` comes before `run:end`, and `run:end` is the last line. */
  async test_runEndAfterSidecarStopped(): Promise<void> {
    const types = (await sidecarRunEvents(this.mktemp(), [])).map((event) => (event.type === 'sidecar:state' ? `sidecar:${event.state}` : event.type));
    this.assertEqual(types.slice(-2), ['sidecar:stopped', 'run:end']);
    this.assertEqual(types.filter((type) => type === 'run:end').length, 1);
  }
}
