/**
 * The default reporter: Trial's TreeReporter layout and summary.
 *
 * With one worker, lines are printed as tests end. With several, results of different
 * files interleave, so each file's lines are held back until the file is done — none
 * of its tests is running and every worker that ran one has moved on to another file
 * (or the run ended) — and then printed as one block.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, TestEndEvent } from '../runner/events';
import { realtimeLines, SummaryCollector } from './format/summaryCollector';
import { runStartLines, sidecarLines, workerCrashLines } from './format/runLines';
import { TreeLayout } from './format/treeLayout';
import type { Reporter, ReporterContext } from './interfaces';
import { paletteOf } from './palette';

/** The tests of one file seen so far under several workers. */
interface FileBlock {
  file: string;
  ended: TestEndEvent[];
  running: Set<string>;
  workers: Set<number>;
}

/**
 * Create the tree reporter.
 *
 * @param ctx - where and how to write.
 * @returns the reporter.
 * @example
 * ```ts
 * const reporter = tree({ write: (s) => process.stdout.write(s), isTTY: true, color: false,
 *   columns: 80, cwd: process.cwd(), options: { realtimeErrors: false, durations: 0 } });
 * ```
 */
export function tree(ctx: ReporterContext): Reporter {
  const palette = paletteOf(ctx);
  const collector = new SummaryCollector();
  const layout = new TreeLayout(palette);
  let buffered = false;
  let blocks = new Map<string, FileBlock>();
  let workerFile = new Map<number, string>();
  const write = (lines: string[]): void => {
    if (lines.length > 0) ctx.write(lines.join('\n') + '\n');
  };

  const blockOf = (file: string): FileBlock => {
    let block = blocks.get(file);
    if (block === undefined) {
      block = { file, ended: [], running: new Set(), workers: new Set() };
      blocks.set(file, block);
    }
    return block;
  };
  const isDone = (block: FileBlock): boolean =>
    block.running.size === 0 && [...block.workers].every((worker) => workerFile.get(worker) !== block.file);
  const flush = (all: boolean): void => {
    for (const block of [...blocks.values()]) {
      if (!all && !isDone(block)) continue;
      blocks.delete(block.file);
      write(block.ended.flatMap((event) => layout.linesFor(event)));
    }
  };

  const onTestEnd = (event: TestEndEvent): void => {
    const problems = collector.add(event);
    if (!buffered) {
      write([...layout.linesFor(event), ...(ctx.options.realtimeErrors ? realtimeLines(problems, false) : [])]);
      return;
    }
    const block = blockOf(event.test.file);
    block.running.delete(event.test.id);
    block.ended.push(event);
    if (ctx.options.realtimeErrors) write(realtimeLines(problems, true));
    flush(false);
  };

  return {
    handle(event: RunnerEvent): void {
      switch (event.type) {
        case 'run:start':
          collector.reset();
          layout.reset();
          buffered = event.workers > 1;
          blocks = new Map();
          workerFile = new Map();
          write(runStartLines(event));
          break;
        case 'test:start':
          if (!buffered) break;
          blockOf(event.test.file).running.add(event.test.id);
          blockOf(event.test.file).workers.add(event.worker);
          workerFile.set(event.worker, event.test.file);
          flush(false);
          break;
        case 'test:end':
          onTestEnd(event);
          break;
        case 'test:lateError': {
          const problems = collector.add(event);
          if (ctx.options.realtimeErrors) write(realtimeLines(problems, true));
          break;
        }
        case 'worker:crash':
          workerFile.delete(event.worker);
          write(workerCrashLines(event, palette));
          break;
        case 'sidecar:state':
          write(sidecarLines(event, palette));
          break;
        case 'run:end':
          flush(true);
          write(collector.render(event.summary, { palette, durations: ctx.options.durations }));
          break;
        default:
          event satisfies never;
      }
    },
    async close(): Promise<void> {
      flush(true);
    },
  };
}
