import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { descendantPids, killPids, PROC_WALK, PS_WALK, startProcessGuardian } from '../../src/cli/processGuardian';

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

/** The pids one walk prints for `root`, sorted. */
function walk(script: string, root: number): number[] {
  const listed = spawnSync('/bin/sh', ['-c', script], { env: { ...process.env, ROOTS: String(root) }, encoding: 'utf8' });
  return listed.stdout.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}

export class DescendantWalkTests extends TestCase {
  override setUp(): void {
    if (!fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`)) this.skipTest('the kernel does not list children in /proc');
  }

  /**
   * The /proc walk finds what the `ps` walk finds: children, a grandchild, one whose
   * command name holds `) ` (as `stat` shows it), and no detached child (its group's leader).
   */
  async test_procWalkMatchesPs(): Promise<void> {
    const odd = path.join(this.mktemp(), 'x) y');
    fs.mkdirSync(path.dirname(odd));
    fs.symlinkSync(fs.realpathSync('/bin/sleep'), odd);
    const child = await started(this, 'sleep', ['30']);
    const shell = await started(this, '/bin/sh', ['-c', 'sleep 31; :']);
    const oddChild = await started(this, odd, ['33']);
    const detached = await started(this, 'sleep', ['32'], true);
    const oddDetached = await started(this, odd, ['34'], true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the shell starts its sleep
    const fromProc = walk(PROC_WALK, process.pid);
    this.assertEqual(fromProc, walk(PS_WALK, process.pid));
    this.assertEqual(
      [child.pid, shell.pid, oddChild.pid, detached.pid, oddDetached.pid].map((pid) => fromProc.includes(pid!)),
      [true, true, true, false, false],
    );
    this.assertTrue(fromProc.length >= 4, `a grandchild under the shell: ${fromProc.join(' ')}`);
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
