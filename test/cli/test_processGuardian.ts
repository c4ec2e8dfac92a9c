import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { descendantPids, killPids, startProcessGuardian } from '../../src/cli/processGuardian';

/** Start `command` and resolve once it runs; the test's cleanup ends it and waits for it. */
async function started(test: TestCase, command: string, args: string[], detached = false): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore', detached });
  await new Promise((resolve) => child.once('spawn', resolve));
  test.addCleanup(() => {
    if (child.exitCode !== null || child.signalCode !== null) return undefined;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return gone;
  });
  return child;
}

export class DescendantPidsTests extends TestCase {
  /** Children and grandchildren are found; a detached child (its own group leader) is left out. */
  async test_findsTreeWithoutGroupLeaders(): Promise<void> {
    const child = await started(this, 'sleep', ['30']);
    const shell = await started(this, '/bin/sh', ['-c', 'sleep 31; :']);
    const detached = await started(this, 'sleep', ['32'], true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the shell starts its sleep
    const pids = descendantPids(process.pid);
    this.assertIn(child.pid, pids);
    this.assertIn(shell.pid, pids);
    this.assertNotIn(detached.pid, pids);
    this.assertTrue(pids.length >= 3, `a grandchild under the shell: ${pids.join(' ')}`);
  }
}

export class KillPidsTests extends TestCase {
  /** Live pids are SIGKILLed; pids already gone are skipped without an error. */
  async test_killsLiveSkipsGone(): Promise<void> {
    const child = await started(this, 'sleep', ['30']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    this.assertEqual(killPids([child.pid!, 2 ** 22 + 1]), [child.pid]);
    this.assertEqual(await exited, 'SIGKILL');
  }
}

export class StartProcessGuardianTests extends TestCase {
  /** close() ends the guardian (sh and its poller) without touching this process's children, and removes its record. */
  async test_closeEndsGuardianOnly(): Promise<void> {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardian-test-'));
    this.addCleanup(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
    const child = await started(this, 'sleep', ['30']);
    const guardian = startProcessGuardian({ tmpDir });
    await new Promise((resolve) => setTimeout(resolve, 700)); // it has recorded the tree once
    const [folder] = fs.readdirSync(tmpDir);
    this.assertSubstring('trial-ts-guardian.', folder ?? '');
    this.assertEqual(fs.statSync(path.join(tmpDir, folder!)).mode & 0o777, 0o700);
    this.assertEqual(fs.readFileSync(path.join(tmpDir, folder!, 'tree'), 'utf8').trim().split('\n').includes(String(child.pid)), true);
    await guardian.close();
    this.assertEqual(child.exitCode === null && child.signalCode === null, true, 'the child still runs');
    this.assertEqual(fs.readdirSync(tmpDir), [], 'the record folder is removed');
  }
}
