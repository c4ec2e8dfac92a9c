/** Leaks that only repeat another leak are closed but not reported. */
import { SynchronousTestCase } from 'trial-ts';
import { dependents } from '../../src/janitor/dependents';
import type { TestRecord, Tracked } from '../../src/janitor/records';

function tracked(asyncId: number, type: string, triggerAsyncId = 1): Tracked {
  return { asyncId, type, triggerAsyncId, resource: {}, stack: {}, record: {} as TestRecord };
}

export class DependentsTests extends SynchronousTestCase {
  /** A leaked server's accepted connections go with it; other sockets stay reported. */
  test_serverConnectionsAreDependents(): void {
    const server = tracked(10, 'TCPSERVERWRAP');
    const accepted = tracked(11, 'TCPWRAP', 10);
    const client = tracked(12, 'TCPWRAP', 1);
    this.assertEqual([...dependents([server, accepted, client])], [accepted]);
  }

  /** Without the server among the leaks, its connections are leaks of their own. */
  test_connectionWithoutLeakedServerIsReported(): void {
    this.assertEqual([...dependents([tracked(11, 'TCPWRAP', 10)])], []);
  }

  /** An ownerless pipe (a fork's IPC channel) goes with a leaked child, and only then. */
  test_ipcPipeGoesWithChild(): void {
    const child = tracked(20, 'PROCESSWRAP');
    const pipe = tracked(21, 'PIPEWRAP');
    this.assertEqual([...dependents([child, pipe])], [pipe]);
    this.assertEqual([...dependents([pipe])], []);
  }
}
