/**
 * The event handling the line-per-test and char-per-test reporters share: run lines,
 * crashes, sidecars, `--rterrors`, and the summary at `run:end`. Each reporter passes
 * only how a single ended test is printed. Composition, not inheritance: this builds a
 * plain {@link Reporter} from that one function.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, TestEndEvent } from '../../runner/events';
import type { Palette, Reporter, ReporterContext } from '../interfaces';
import { paletteOf } from '../palette';
import type { Flavour } from './problems';
import { runStartLines, sidecarLines, workerCrashLines } from './runLines';
import { realtimeLines, SummaryCollector } from './summaryCollector';

/** How one human reporter differs from the others. */
export interface HumanStyle {
  /** The text printed when a test ends (may lack a newline, like the `text` characters). */
  testEnd(event: TestEndEvent, palette: Palette): string;
  /** The test line is not just above its `--rterrors` traceback, so print the id. */
  realtimeWithId: boolean;
  /** Text to end a partial line with before any other line (the `text` characters). */
  breakLine?: () => string;
  /** Called at `run:start`. */
  reset?: () => void;
  /** Summary groups left out. */
  hidden?: readonly Flavour[];
}

/**
 * Build a reporter that prints each test with `style` and Trial's summary at the end.
 *
 * @param ctx - where and how to write.
 * @param style - how a test is printed.
 */
export function humanReporter(ctx: ReporterContext, style: HumanStyle): Reporter {
  const palette = paletteOf(ctx);
  const collector = new SummaryCollector();
  const writeLines = (lines: string[]): void => {
    if (lines.length === 0) return;
    ctx.write((style.breakLine?.() ?? '') + lines.join('\n') + '\n');
  };
  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'run:start':
          collector.reset();
          style.reset?.();
          writeLines(runStartLines(event));
          break;
        case 'test:end': {
          const problems = collector.add(event);
          ctx.write(style.testEnd(event, palette));
          if (ctx.options.realtimeErrors) writeLines(realtimeLines(problems, style.realtimeWithId));
          break;
        }
        case 'test:lateError': {
          const problems = collector.add(event);
          if (ctx.options.realtimeErrors) writeLines(realtimeLines(problems, true));
          break;
        }
        case 'worker:crash':
          writeLines(workerCrashLines(event, palette));
          break;
        case 'sidecar:state':
          writeLines(sidecarLines(event, palette));
          break;
        case 'run:end':
          writeLines(collector.render(event.summary, { palette, durations: ctx.options.durations, hidden: style.hidden }));
          break;
        case 'test:start':
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {
      const rest = style.breakLine?.() ?? '';
      if (rest !== '') ctx.write(rest);
    },
  };
}
