/**
 * Integration tests of `processSidecar()`: real commands (node itself; Redis, which CI installs).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { TestCase } from 'trial-ts';
import type { SidecarStateEvent } from '../../src/runner/events';
import type { SidecarBroker, SidecarDefinition } from '../../src/sidecar/interfaces';
import { processSidecar } from '../../src/sidecar/processSidecar';
import { createSidecarBroker } from '../../src/sidecar/sidecarBroker';
import { SidecarConfigError, SidecarStartError } from '../../src/sidecar/sidecarErrors';
import { toolMissing } from '../reporters/externalTools';
import { eventually, processAlive } from './sidecarTestSupport';

/** A tiny HTTP server on argv[1] that prints its pid and a ready line. */
const HTTP_SERVER =
  "const s = require('http').createServer((q, r) => r.end('ok')); s.listen(+process.argv[1], '127.0.0.1', () => console.log('pid ' + process.pid + ' listening'));";

function redisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && fs.existsSync(`${dir}/redis-server`)) return `${dir}/redis-server`;
  return null;
}

/** Tests of `processSidecar` through the broker. */
export class ProcessSidecarIntegrationTests extends TestCase {
  #events: SidecarStateEvent[] = [];
  #tempDir = '';

  #broker(definition: SidecarDefinition): SidecarBroker {
    this.#events = [];
    this.#tempDir = this.mktemp();
    const broker = createSidecarBroker({ svc: definition }, { tempDir: this.#tempDir, cwd: process.cwd(), workers: 1, onEvent: (e) => this.#events.push(e) });
    this.addCleanup(() => broker.close());
    return broker;
  }

  /** `{port}` is filled with a free port, the HTTP check waits for a 2xx, and the connection is filled too. */
  async test_httpReady() {
    const broker = this.#broker(
      processSidecar({ command: process.execPath, args: ['-e', HTTP_SERVER, '{port}'], ready: { http: 'http://127.0.0.1:{port}/' }, connection: { url: 'http://127.0.0.1:{port}/', env: { SVC_URL: 'http://127.0.0.1:{port}/' } } }),
    );
    const c = await broker.acquire('svc', 0);
    this.assertEqual(c.url, `http://127.0.0.1:${c.port}/`);
    this.assertEqual(c.env, { SVC_URL: `http://127.0.0.1:${c.port}/` });
    const body = await (await fetch(String(c.url))).text();
    this.assertEqual(body, 'ok');
  }

  /** A log-line check, then close() stops the process. */
  async test_logReadyAndClose() {
    const broker = this.#broker(processSidecar({ command: process.execPath, args: ['-e', HTTP_SERVER, '{port}'], ready: /listening/ }));
    await broker.acquire('svc', 0);
    const log = fs.readFileSync(this.#logFile(), 'utf8');
    const pid = Number(/pid (\d+)/.exec(log)![1]);
    this.assertTrue(processAlive(pid));
    await broker.close();
    this.assertFalse(processAlive(pid));
  }

  #logFile(): string {
    return `${this.#tempDir}/sidecars/svc.log`;
  }

  /** A command that exits before it is ready is a SidecarStartError carrying its output. */
  async test_earlyExit() {
    const broker = this.#broker(processSidecar({ command: process.execPath, args: ['-e', "console.error('cannot bind'); process.exit(2)"], ready: { tcp: '{port}' } }));
    const error = (await this.assertRejects(SidecarStartError, broker.acquire('svc', 0))) as SidecarStartError;
    this.assertSubstring('exit code 2', error.message);
    this.assertSubstring('cannot bind', error.message);
  }

  /** A command that never gets ready times out with a clear reason. */
  async test_timeout() {
    const broker = this.#broker(processSidecar({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], ready: /never/, startTimeout: 300 }));
    const error = (await this.assertRejects(SidecarStartError, broker.acquire('svc', 0))) as SidecarStartError;
    this.assertSubstring('not ready after 300 ms', error.message);
  }

  /** The process dying mid-run is reported as a crash. */
  async test_crashDetected() {
    const broker = this.#broker(processSidecar({ command: process.execPath, args: ['-e', 'setTimeout(() => process.exit(5), 100); require("net").createServer().listen(+process.argv[1])', '{port}'] }));
    await broker.acquire('svc', 0);
    this.assertTrue(await eventually(() => this.#events.some((e) => e.state === 'crashed')));
    this.assertSubstring('exit code 5', this.#events.find((e) => e.state === 'crashed')!.detail!);
  }

  /** Options are checked when declared. */
  test_validation() {
    this.assertRaises(SidecarConfigError, () => processSidecar({ command: '' }));
    this.assertRaises(SidecarConfigError, () => processSidecar({ command: 'x', ready: 'Ready' as never }));
    this.assertRaises(SidecarConfigError, () => processSidecar({ command: 'x', port: 1 } as never));
  }

  /** Redis from Debian's package, configured as in docs/sidecars.md, answers PING on the URL it is given. */
  async test_redis() {
    const redis = redisServer();
    if (!redis) toolMissing(this, 'redis-server is not installed (Debian: redis-server)');
    const broker = this.#broker(
      processSidecar({
        command: 'redis-server',
        args: ['--port', '{port}', '--save', ''],
        ready: /Ready to accept connections/,
        connection: { url: 'redis://127.0.0.1:{port}', env: { REDIS_URL: 'redis://127.0.0.1:{port}' } },
      }),
    );
    const c = await broker.acquire('svc', 0);
    this.assertEqual([c.url, c.env], [`redis://127.0.0.1:${c.port}`, { REDIS_URL: `redis://127.0.0.1:${c.port}` }]);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(c.port), '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString());
      });
      socket.once('error', reject);
    });
    this.assertEqual(reply, '+PONG\r\n');
  }
}
