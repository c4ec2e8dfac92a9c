import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { descendantPids, killPids, PROC_WALK, PS_WALK, startProcessGuardian } from '../../src/cli/processGuardian';

/** Start `command` and resolve once it runs; the test's cleanup ends it (its descendants first) and waits for it. */
async function started(test: TestCase, command: string, args: string[], detached = false): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore', detached });
  await new Promise((resolve) => child.once('spawn', resolve));
  test.addCleanup(() => {
    if (child.exitCode !== null || child.signalCode !== null) return undefined;
    killPids(descendantPids(child.pid!));
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
   * The /proc walk finds what the `ps` walk finds below a process of its own (this
   * process's tree changes as other tests run): children, a grandchild, one whose command
   * name holds `) ` (as `stat` shows it), and no detached child (its group's leader).
   */
  async test_procWalkMatchesPs(): Promise<void> {
    const folder = this.mktemp();
    fs.mkdirSync(folder);
    const odd = path.join(folder, 'x) y');
    fs.symlinkSync(fs.realpathSync('/bin/sleep'), odd);
    const pidFile = path.join(folder, 'pids');
    const tree = [
      'sleep 30 & echo "child $!" >> "$2"',
      "sh -c 'sleep 31; :' & echo \"shell $!\" >> \"$2\"",
      '"$1" 33 & echo "odd $!" >> "$2"',
      'setsid sleep 32 & echo "detached $!" >> "$2"',
      'setsid "$1" 34 & echo "oddDetached $!" >> "$2"',
      'echo "ready $$" >> "$2"',
      'wait',
    ].join('\n');
    const root = await started(this, '/bin/sh', ['-c', tree, 'tree', odd, pidFile]);
    const pids = await startedPids(pidFile);
    this.addCleanup(() => killPids([pids.detached, pids.oddDetached])); // their own groups: not below the tree
    await new Promise((resolve) => setTimeout(resolve, 100)); // the inner shell starts its sleep
    const fromProc = walk(PROC_WALK, root.pid!);
    this.assertEqual(fromProc, walk(PS_WALK, root.pid!));
    this.assertEqual(
      [pids.child, pids.shell, pids.odd, pids.detached, pids.oddDetached].map((pid) => fromProc.includes(pid)),
      [true, true, true, false, false],
    );
    this.assertEqual(fromProc.length, 4, `the sleep under the inner shell: ${fromProc.join(' ')}`);
  }
}

/** The pids the tree shell wrote, by name, once it says it is ready. */
async function startedPids(file: string): Promise<Record<string, number>> {
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (text.includes('ready ')) return Object.fromEntries(text.trim().split('\n').map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]));
    await new Promise((resolve) => setTimeout(resolve, 20));
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
