/** net.connect's three spellings, read as Node reads them. */
import { SynchronousTestCase } from 'trial-ts';
import { readConnectArgs } from '../../../src/internet/memoryNetwork/connectArgs';

export class ConnectArgsTests extends SynchronousTestCase {
  /** (options, listener) with host, port, allowHalfOpen and timeout. */
  test_options(): void {
    const listener = (): void => undefined;
    const request = readConnectArgs([{ host: 'db.test', port: '5432', allowHalfOpen: true, timeout: 100 }, listener]);
    this.assertEqual(request, { host: 'db.test', port: 5432, path: undefined, allowHalfOpen: true, timeout: 100, listener });
  }

  /** (port, host) and (port) default the host to localhost, as Node does. */
  test_portAndHost(): void {
    this.assertEqual([readConnectArgs([80, 'a.test']).host, readConnectArgs([80]).host, readConnectArgs([80]).port], ['a.test', 'localhost', 80]);
  }

  /** (path) and ({ path }) are IPC, which memory does not route. */
  test_paths(): void {
    this.assertEqual([readConnectArgs(['/tmp/s.sock']).path, readConnectArgs([{ path: '/tmp/s.sock' }]).path], ['/tmp/s.sock', '/tmp/s.sock']);
  }
}
