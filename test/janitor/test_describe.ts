/** Leaked resources in words, from plain objects shaped like Node's. */
import { SynchronousTestCase } from 'trial-ts';
import { describeResource, formatAddress } from '../../src/janitor/describe';

const REACTOR_DESCRIPTION = Symbol.for('trial-ts.reactorDescription');

/** An anonymous callback, as `setTimeout(() => ...)` passes one (no name inferred from a property). */
const ANONYMOUS = [(): void => undefined][0];

function timer(fields: Record<string, unknown>): object {
  return { hasRef: () => true, _idleTimeout: 30_000, _repeat: null, _onTimeout: ANONYMOUS, ...fields };
}

export class DescribeTests extends SynchronousTestCase {
  /** A timer by its delay; an interval as such, with its callback's name; unref'd said so. */
  test_timers(): void {
    this.assertEqual(describeResource({ type: 'Timeout', resource: timer({}) }).description, 'a 30 s timer');
    const interval = describeResource({ type: 'Timeout', resource: timer({ _idleTimeout: 250, _repeat: 250, _onTimeout: function poll() {} }) });
    this.assertEqual(interval, { description: 'a 250 ms interval calling `poll`', variant: 'interval' });
    this.assertEqual(describeResource({ type: 'Timeout', resource: timer({ hasRef: () => false }) }).description, 'an unreferenced 30 s timer');
  }

  /** The reactor's own words win, with the callLater hint. */
  test_reactorDescriptionWins(): void {
    const resource = timer({ [REACTOR_DESCRIPTION]: () => 'a call of tick() scheduled with reactor.callLater' });
    this.assertEqual(describeResource({ type: 'Timeout', resource }), {
      description: 'a call of tick() scheduled with reactor.callLater',
      variant: 'callLater',
    });
  }

  /** Servers by address; an HTTP server (it has closeAllConnections) as such. */
  test_servers(): void {
    const address = () => ({ address: '127.0.0.1', port: 41523, family: 'IPv4' });
    this.assertEqual(describeResource({ type: 'TCPSERVERWRAP', resource: {}, owner: { address } }).description, 'a TCP server on 127.0.0.1:41523');
    this.assertEqual(
      describeResource({ type: 'TCPSERVERWRAP', resource: {}, owner: { address, closeAllConnections() {} } }).description,
      'an HTTP server on 127.0.0.1:41523',
    );
    this.assertEqual(describeResource({ type: 'PIPESERVERWRAP', resource: {}, owner: { address: () => '/tmp/s.sock' } }).description, 'an IPC server on /tmp/s.sock');
  }

  /** Client sockets by peer; accepted and keep-alive sockets get their own words and hints. */
  test_sockets(): void {
    const client = { remoteAddress: '127.0.0.1', remotePort: 5432, listenerCount: () => 0 };
    this.assertEqual(describeResource({ type: 'TCPWRAP', resource: {}, owner: client }).description, 'a client socket to 127.0.0.1:5432');
    const accepted = { ...client, server: { address: () => ({ address: '::1', port: 80 }) } };
    this.assertEqual(describeResource({ type: 'TCPWRAP', resource: {}, owner: accepted }), {
      description: 'a server-side connection from 127.0.0.1:5432 (accepted by the server on [::1]:80)',
      variant: 'accepted',
    });
    const keepAlive = { ...client, listenerCount: (name: string) => (name === 'free' ? 1 : 0) };
    this.assertEqual(describeResource({ type: 'TCPWRAP', resource: {}, owner: keepAlive }).variant, 'keepAlive');
  }

  /** Child processes by pid and command line. */
  test_childProcess(): void {
    const owner = { pid: 4242, spawnargs: ['sleep', '100'] };
    this.assertEqual(describeResource({ type: 'PROCESSWRAP', resource: {}, owner }).description, 'child process 4242 `sleep 100`');
  }

  /** File handles by fd, workers by thread id, unknown types by the fallback noun. */
  test_otherKinds(): void {
    this.assertEqual(describeResource({ type: 'FILEHANDLE', resource: { fd: 23 } }).description, 'an open file handle (fd 23)');
    this.assertEqual(describeResource({ type: 'WORKER', resource: { threadId: 3 } }).description, 'worker thread 3');
    this.assertEqual(describeResource({ type: 'SIGNALWRAP', resource: {} }).description, 'a resource (SIGNALWRAP)');
  }

  /** A getter that throws never escapes: the description falls back. */
  test_throwingOwnerIsSafe(): void {
    const owner = { address: () => { throw new Error('closed'); } };
    this.assertEqual(describeResource({ type: 'UDPWRAP', resource: {}, owner }).description, 'a UDP socket');
  }

  /** Addresses: IPv4, IPv6 in brackets, pipe paths, nothing. */
  test_formatAddress(): void {
    this.assertEqual(
      [formatAddress({ address: '1.2.3.4', port: 5 }), formatAddress({ address: '::1', port: 5 }), formatAddress('/p'), formatAddress(null)],
      ['1.2.3.4:5', '[::1]:5', '/p', undefined],
    );
  }
}
