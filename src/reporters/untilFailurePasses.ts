/**
 * `-u` output for the human reporters: a pass that succeeds is one line (`Test Pass 3:
 * PASSED (successes=12) in 0.41s`); the pass that fails is shown as the reporter shows a
 * run, but with only its problem tests (failures, errors, skips, todos) and the full
 * summary. Reprinting the whole tree on every pass buried the one pass that mattered.
 *
 * It holds a pass's events until `run:end`, since only then is it known whether the pass
 * failed. Runs without `-u` (no `pass` in `run:start`) go straight through.
 *
 * @packageDocumentation
 */
import type { RunnerEvent } from '../runner/events';
import { wasSuccessful } from '../runner/summary';
import { formatSeconds, verdictLine } from './format/closingLines';
import type { Reporter, ReporterContext } from './interfaces';
import { paletteOf } from './palette';

/** The reporters whose `-u` passes are shortened: the ones that draw one line or character per test. */
export const PASS_QUIET_REPORTERS: ReadonlySet<string> = new Set(['tree', 'verbose', 'text', 'dots']);

/**
 * Wrap a human reporter so that `-u` passes print one line each, and the failing pass
 * its problems.
 *
 * @param inner - the reporter that prints a run.
 * @param ctx - where the pass lines go (the inner reporter's context).
 * @returns a reporter with the same destination.
 * @example
 * ```ts
 * const reporter = untilFailurePasses(tree(ctx), ctx);
 * ```
 */
export function untilFailurePasses(inner: Reporter, ctx: ReporterContext): Reporter {
  const palette = paletteOf(ctx);
  let held: RunnerEvent[] | undefined;
  let pass = 0;
  const replayProblems = (events: RunnerEvent[]): void => {
    const problemIds = new Set<string>();
    for (const event of events) if (event.type === 'test:end' && event.outcome !== 'success') problemIds.add(event.test.id);
    for (const event of events) {
      const isTestEvent = event.type === 'test:start' || event.type === 'test:end';
      if (!isTestEvent || problemIds.has(event.test.id)) inner.handle(event);
    }
  };
  return {
    handle(event: RunnerEvent): void {
      if (event.type === 'run:start') {
        held = event.pass === undefined ? undefined : [];
        pass = event.pass ?? 0;
      }
      if (held === undefined) return inner.handle(event);
      held.push(event);
      if (event.type !== 'run:end') return;
      const events = held;
      held = undefined;
      const { summary } = event;
      if (wasSuccessful(summary) && !summary.interrupted && summary.tests > 0) {
        ctx.write(`Test Pass ${pass}: ${palette.green(verdictLine(summary))} in ${formatSeconds(summary.durationMs)}\n`);
      } else {
        replayProblems(events);
      }
    },
    close: () => inner.close(),
  };
}
