/**
 * Tests for src/watch/watchLoop.ts over a fake host and a real folder: the first run runs
 * the selection, a change runs only the affected test files (by the graph the runs
 * reported), new test files run, failed ones re-run with `f`, the `p` filter narrows, a
 * config change restarts, and an interrupted run ends the loop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { WorkUnit } from '../../src/runner/interfaces';
import type { WatchHost, WatchRunRequest, WatchRunResult } from '../../src/watch/interfaces';
import type { WatchCommand } from '../../src/watch/keys';
import { WatchLoop } from '../../src/watch/watchLoop';

/** A host whose runs are recorded; each test file "depends on" src/<name>.ts. */
class FakeHost implements WatchHost {
  readonly runs: string[][] = [];
  readonly output: string[] = [];
  readonly grep: string[] = [];
  configFile: string;
  terminal = undefined;
  clear = false;
  failNext: WorkUnit[] = [];
  interruptNext = false;
  #waiters: Array<() => void> = [];

  constructor(readonly cwd: string) {
    this.configFile = path.join(cwd, 'trial-ts.config.ts');
  }

  ignore = (): boolean => false;

  discover(): WorkUnit[] {
    return fs.readdirSync(path.join(this.cwd, 'test')).sort().map((name) => ({ file: path.join(this.cwd, 'test', name) }));
  }

  async run(request: WatchRunRequest): Promise<WatchRunResult> {
    this.runs.push(request.units.map((unit) => path.basename(unit.file)));
    const graph = request.units.map((unit) => ({ file: unit.file, modules: [path.join(this.cwd, 'src', path.basename(unit.file).replace('test_', ''))], loaded: true }));
    const result = { failed: this.failNext, graph, interrupted: this.interruptNext };
    this.failNext = [];
    for (const waiter of this.#waiters.splice(0)) waiter();
    return result;
  }

  stop(): void {}

  write(text: string): void {
    this.output.push(text);
  }

  /** Resolves after the next run (or a second, for the test to fail on what it sees). */
  nextRun(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 1000);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export class WatchLoopTests extends TestCase {
  #cwd = '';
  #host!: FakeHost;
  #loop!: WatchLoop;
  #ended!: Promise<string>;

  override async setUp(): Promise<void> {
    this.#cwd = this.mktemp();
    for (const name of ['a', 'b']) {
      fs.mkdirSync(path.join(this.#cwd, 'src'), { recursive: true });
      fs.mkdirSync(path.join(this.#cwd, 'test'), { recursive: true });
      fs.writeFileSync(path.join(this.#cwd, 'src', `${name}.ts`), '1');
      fs.writeFileSync(path.join(this.#cwd, 'test', `test_${name}.ts`), '1');
    }
    this.#host = new FakeHost(this.#cwd);
    this.#loop = new WatchLoop(this.#host, { debounceMs: 10 });
    const first = this.#host.nextRun();
    this.#ended = this.#loop.start();
    await first;
    this.addCleanup(async () => {
      this.#command({ kind: 'quit' });
      await this.#ended;
    });
  }

  #command(command: WatchCommand): void {
    this.#loop.command(command);
  }

  /** The first run runs the whole selection, then waits and says so. */
  test_firstRunAll(): void {
    this.assertEqual(this.#host.runs, [['test_a.ts', 'test_b.ts']]);
    this.assertIn('Waiting for file changes', this.#host.output.join(''));
  }

  /** A changed source file runs only the test file that depends on it. */
  async test_changeRunsAffected(): Promise<void> {
    const next = this.#host.nextRun();
    fs.writeFileSync(path.join(this.#cwd, 'src', 'b.ts'), '2');
    await next;
    this.assertEqual(this.#host.runs[1], ['test_b.ts']);
  }

  /** A new test file runs when it appears. */
  async test_newTestFileRuns(): Promise<void> {
    const next = this.#host.nextRun();
    fs.writeFileSync(path.join(this.#cwd, 'test', 'test_c.ts'), '1');
    await next;
    this.assertEqual(this.#host.runs[1], ['test_c.ts']);
  }

  /** `f` re-runs what failed last; with nothing failed it says so and runs nothing. */
  async test_failedRerun(): Promise<void> {
    this.#command({ kind: 'failed' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.assertEqual(this.#host.runs.length, 1);
    this.assertIn('No test failed in the last run', this.#host.output.join(''));
    const failed = { file: path.join(this.#cwd, 'test', 'test_a.ts'), className: 'A', methodNames: ['test_x'] };
    this.#host.failNext = [failed];
    let next = this.#host.nextRun();
    this.#command({ kind: 'all' });
    await next;
    next = this.#host.nextRun();
    this.#command({ kind: 'failed' });
    await next;
    this.assertEqual(this.#host.runs[2], ['test_a.ts']);
  }

  /** `p` narrows every later run to matching files; an empty pattern clears it. */
  async test_patternFilter(): Promise<void> {
    let next = this.#host.nextRun();
    this.#command({ kind: 'pattern', value: '_b' });
    await next;
    this.assertEqual(this.#host.runs[1], ['test_b.ts']);
    next = this.#host.nextRun();
    this.#command({ kind: 'pattern', value: '' });
    await next;
    this.assertEqual(this.#host.runs[2], ['test_a.ts', 'test_b.ts']);
  }

  /** A change of the config file ends the loop with 'restart'. */
  async test_configRestarts(): Promise<void> {
    fs.writeFileSync(this.#host.configFile, 'export default {};');
    this.assertEqual(await this.#ended, 'restart');
  }

  /** An interrupted run ends the loop. */
  async test_interruptedEnds(): Promise<void> {
    this.#host.interruptNext = true;
    this.#command({ kind: 'rerun' });
    this.assertEqual(await this.#ended, 'interrupted');
  }
}
