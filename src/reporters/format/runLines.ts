/**
 * Lines the human reporters print about the run rather than a test: the pass of `-u`,
 * the random seed, the worker count, crashed workers and sidecars.
 *
 * @packageDocumentation
 */
import type { RunStartEvent, SidecarStateEvent, WorkerCrashEvent } from '../../runner/events';
import type { Palette } from '../interfaces';
import { formatSeconds } from './closingLines';

/**
 * What Trial prints before the first test: `Test Pass N` under `-u`, the seed of a
 * shuffled run (then a blank line), and `Running N tests.` under `-j`.
 *
 * @param event - the run's start.
 */
export function runStartLines(event: RunStartEvent): string[] {
  const lines: string[] = [];
  if (event.pass !== undefined) lines.push(`Test Pass ${event.pass}`);
  if (event.seed !== undefined) lines.push(`Running tests shuffled with seed ${event.seed}`, '');
  if (event.workers > 1 && event.plannedTests !== undefined) lines.push(`Running ${event.plannedTests} tests.`);
  return lines;
}

/**
 * A crashed worker: one line with the reason, then the last lines of its stderr.
 *
 * @param event - the crash.
 * @param palette - colours.
 */
export function workerCrashLines(event: WorkerCrashEvent, palette: Palette): string[] {
  const tail = event.stderrTail.replace(/\n+$/, '');
  const lines = [palette.yellow(`Worker ${event.worker} crashed: ${event.reason}`)];
  if (tail !== '') lines.push('  Last lines of its stderr:', ...tail.split('\n').map((line) => `  | ${line}`));
  return lines;
}

/**
 * A sidecar's state change worth telling: ready (with the time it took), crashed, or could not start;
 * starting and stopping are silent.
 *
 * @param event - the state change.
 * @param palette - colours.
 */
export function sidecarLines(event: SidecarStateEvent, palette: Palette): string[] {
  const detail = event.detail === undefined || event.detail === '' ? '' : `: ${event.detail}`;
  switch (event.state) {
    case 'ready': {
      const took = event.durationMs === undefined ? '' : ` in ${formatSeconds(event.durationMs)}`;
      return [palette.dim(`Sidecar ${event.name} ready${took}`)];
    }
    case 'crashed':
      return [palette.yellow(`Sidecar ${event.name} crashed${detail}`)];
    case 'failed':
      // The cause is one paragraph after the summary; here, only what it means for the run.
      return [palette.yellow(`Sidecar ${event.name} could not start: the tests that need it do not run (the cause is shown after the summary)`)];
    case 'starting':
    case 'stopped':
      return [];
    default:
      return event.state satisfies never;
  }
}
