/** Closing leaked resources: timers cleared, servers and sockets closed, whole process trees killed. */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { closeResource, descendantsOf, killTree } from '../../src/janitor/close';
import { isLive } from '../../src/janitor/liveness';
import { processAlive } from '../sidecar/sidecarTestSupport';

export class CloseTimerTests extends SynchronousTestCase {
  /** A timer and an interval are cleared; an unknown resource is left alone without throwing. */
  test_timersAreCleared(): void {
    const timer = setTimeout(() => undefined, 60_000);
    const interval = setInterval(() => undefined, 60_000);
    closeResource('Timeout', timer);
    closeResource('Timeout', interval);
    this.assertFalse(isLive('Timeout', timer));
    this.assertFalse(isLive('Timeout', interval));
    closeResource('SOMETHING_NEW', {});
  }
}

export class CloseHandleTests extends TestCase {
  /** A listening server's handle is closed through its owner. */
  async test_serverIsClosed(): Promise<void> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const handle = (server as unknown as { _handle: object })._handle;
    const closed = new Promise((resolve) => server.once('close', resolve));
    closeResource('TCPSERVERWRAP', handle);
    await closed;
    this.assertFalse(server.listening);
  }

  /** killTree kills a shell and the command below it (an exec child is a shell with the real command as its child). */
  async test_killTreeKillsDescendants(): Promise<void> {
    const child = spawn('/bin/sh', ['-c', 'sleep 30; echo never']);
    this.addCleanup(() => child.kill('SIGKILL'));
    await new Promise((resolve) => child.once('spawn', resolve));
    let below: number[] = [];
    for (let i = 0; i < 200 && below.length === 0; i++) {
      below = descendantsOf(child.pid!);
      if (below.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (below.length === 0) this.skipTest('/proc/<pid>/task/<tid>/children is not available here');
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    killTree(child.pid!);
    this.assertEqual(await exited, 'SIGKILL');
    for (const pid of below) {
      let alive = true;
      for (let i = 0; i < 200 && alive; i++) {
        alive = processAlive(pid);
        if (alive) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      this.assertFalse(alive, `descendant ${pid} survived`);
    }
  }
}
