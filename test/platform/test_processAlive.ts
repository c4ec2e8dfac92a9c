/**
 * Tests for src/platform/processAlive.ts: a running process is alive, one that has exited
 * and been reaped is not.
 */
import { spawnSync } from 'node:child_process';
import { SynchronousTestCase } from 'trial-ts';
import { processAlive } from '../../src/platform/processAlive';

export class ProcessAliveTests extends SynchronousTestCase {
  /** This process and its parent are alive. */
  test_runningProcess() {
    this.assertEqual([processAlive(process.pid), processAlive(process.ppid)], [true, true]);
  }

  /** A child that exited and was waited for is not. */
  test_exitedProcess() {
    const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    this.assertFalse(processAlive(child.pid!));
  }
}
