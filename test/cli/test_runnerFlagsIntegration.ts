/**
 * End to end: what `--force-gc`, `--no-clean-reactor` and `--debug` observably do, through
 * the real CLI over fixtures/forceGc, fixtures/noCleanReactor and fixtures/debugFlag.
 */
import type { ChildProcess } from 'node:child_process';
import { TestCase } from 'trial-ts';
import { WebSocket } from 'ws';
import { runCli } from '../support/runCli';

/** The last line of a run: `tests: N passed, N failed, N skipped`. */
function countsLine(stdout: string): string {
  return stdout.trimEnd().split('\n').pop() ?? '';
}

/** Tests of `--force-gc`: garbage is collected after every test. */
export class ForceGcFlagTests extends TestCase {
  /** In-process: a test's garbage is finalized before the next test (which checks it). */
  async test_collectsBetweenTestsInProcess(): Promise<void> {
    const result = await runCli(['--force-gc', 'fixtures/forceGc']);
    this.assertEqual([result.code, countsLine(result.stdout)], [0, 'tests: 2 passed, 0 failed, 0 skipped']);
  }

  /** The flag reaches the workers too. */
  async test_collectsBetweenTestsInWorkers(): Promise<void> {
    const result = await runCli(['--force-gc', '-j', '2', 'fixtures/forceGc']);
    this.assertEqual([result.code, countsLine(result.stdout)], [0, 'tests: 2 passed, 0 failed, 0 skipped']);
  }
}

/** Tests of `--no-clean-reactor`: leaks are not checked. */
export class NoCleanReactorFlagTests extends TestCase {
  /** Without the flag, the interval the test leaves is a DirtyReactorAggregateError of that test. */
  async test_leakErrorsWithoutFlag(): Promise<void> {
    const result = await runCli(['fixtures/noCleanReactor']);
    this.assertEqual([result.code, countsLine(result.stdout)], [1, 'tests: 1 passed, 1 failed, 0 skipped']);
    this.assertSubstring('DirtyReactorAggregateError: Reactor was unclean.', result.stdout);
  }

  /** With the flag, the same run passes, and the leftover interval does not keep the runner alive. */
  async test_leakIgnoredWithFlag(): Promise<void> {
    for (const jobs of ['1', '2']) {
      const result = await runCli(['--no-clean-reactor', '-j', jobs, 'fixtures/noCleanReactor'], { timeoutMs: 30_000 });
      this.assertEqual([jobs, result.code, countsLine(result.stdout)], [jobs, 0, 'tests: 2 passed, 0 failed, 0 skipped']);
      this.assertNotSubstring('Reactor was unclean', result.stdout);
    }
  }
}

/** Attach to the inspector at `url` and let the waiting program run; resolves once told to. */
function releaseDebuggee(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { id?: number }).id !== 1) return;
      socket.close();
      resolve();
    });
  });
}

/** Tests of `--debug`: in-process, inspector open, waiting for a debugger before any test. */
export class DebugFlagTests extends TestCase {
  /** The run waits for a debugger; once one attaches, the tests run in the main thread (config jobs: 2 notwithstanding) with the inspector open. */
  async test_waitsForDebuggerThenRunsInProcess(): Promise<void> {
    let child: ChildProcess | undefined;
    let onListening: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (onListening = resolve));
    // --inspect-port=0: the inspector on a free port, not on 9229 that another run may hold.
    const running = runCli(['--debug', 'fixtures/debugFlag'], {
      env: { NODE_OPTIONS: '--inspect-port=0' },
      timeoutMs: 30_000,
      onSpawn: (spawned) => {
        child = spawned;
        let stderr = '';
        spawned.stderr!.on('data', (chunk: string) => {
          stderr += chunk;
          const url = /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
          if (url !== undefined) onListening(url);
        });
      },
    });
    const url = await Promise.race([listening, running.then(() => null)]);
    this.assertNotEqual(url, null, 'the inspector never listened');
    // A run that did not wait for the debugger would be over by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (child!.exitCode !== null) {
      const early = await running;
      this.fail(`the run did not wait for a debugger: it exited ${early.code}\n${early.stdout}${early.stderr}`);
    }
    await releaseDebuggee(url!);
    const result = await running;
    this.assertEqual(
      [result.code, countsLine(result.stdout), result.stderr.split('\n')[0]],
      [0, 'tests: 1 passed, 0 failed, 0 skipped', 'trial-ts: waiting for a debugger (chrome://inspect, or VS Code "Attach")...'],
    );
  }

  /** `--debug` with `-j 2` is a usage error: one paragraph on stderr, exit 2, no test run. */
  async test_debugWithJobsIsUsageError(): Promise<void> {
    const result = await runCli(['--debug', '-j', '2', 'fixtures/debugFlag']);
    this.assertEqual([result.code, result.stdout], [2, '']);
    this.assertSubstring("You can't specify --debug when using --jobs.", result.stderr);
  }
}
