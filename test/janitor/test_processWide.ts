/** The process-wide policy: Node's HTTP date cache and undici's shared state are recognised, the test's own resources are not. */
import { createHook } from 'node:async_hooks';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { PROCESS_WIDE_RULES, processWideRule, type ProcessWideView } from '../../src/janitor/processWide';

function view(type: string, resource: object, stack = ''): ProcessWideView {
  return { type, resource, owner: undefined, stack: () => stack };
}

const unrefed = { hasRef: () => false };
const refed = { hasRef: () => true };

export class ProcessWideRuleTests extends SynchronousTestCase {
  /** An unref'd timer calling `resetCache` is the date cache; a ref'd one, or another callback, is not. */
  test_dateCacheByCallback(): void {
    this.assertEqual(processWideRule(view('Timeout', { ...unrefed, _onTimeout: function resetCache() {} }))?.name, PROCESS_WIDE_RULES[0].name);
    this.assertEqual(processWideRule(view('Timeout', { ...refed, _onTimeout: function resetCache() {} })), undefined);
    this.assertEqual(processWideRule(view('Timeout', { ...unrefed, _onTimeout: function poll() {} })), undefined);
  }

  /** undici's unref'd timers and idle sockets are its shared state; the same from user code is the test's. */
  test_undiciByStack(): void {
    const bundled = 'Error\n    at connect (node:internal/deps/undici/undici:1:1)';
    const npm = 'Error\n    at connect (/app/node_modules/undici/lib/core/connect.js:1:1)';
    this.assertTrue(processWideRule(view('TCPWRAP', unrefed, bundled)) !== undefined);
    this.assertTrue(processWideRule(view('Timeout', unrefed, npm)) !== undefined);
    this.assertEqual(processWideRule(view('TCPWRAP', refed, bundled)), undefined);
    this.assertEqual(processWideRule(view('TCPWRAP', unrefed, 'Error\n    at test_x (/app/test/test_x.ts:3:3)')), undefined);
  }

  /** A row only applies to its own types. */
  test_rowsKeepToTheirTypes(): void {
    this.assertEqual(processWideRule(view('FSEVENTWRAP', { ...unrefed, _onTimeout: function resetCache() {} }, 'node:internal/deps/undici')), undefined);
  }
}

/** On this Node version, the timer Node's http really creates for the Date header matches the row (it reads Node internals). */
export class RealDateCacheTests extends TestCase {
  async test_realDateCacheTimerMatches(): Promise<void> {
    const timers: object[] = [];
    const hook = createHook({ init: (_id, type, _trigger, resource) => void (type === 'Timeout' && timers.push(resource)) });
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.addCleanup(() => new Promise((resolve) => server.close(resolve)));
    // The cache may be warm from an earlier response: wait for it to expire, then respond.
    await new Promise((resolve) => setTimeout(resolve, 1001));
    hook.enable();
    try {
      await new Promise<void>((resolve, reject) => {
        http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
      });
    } finally {
      hook.disable();
    }
    const matched = timers.filter((timer) => processWideRule(view('Timeout', timer))?.name === PROCESS_WIDE_RULES[0].name);
    this.assertEqual(matched.length, 1, `timers: ${timers.map((t) => String((t as { _onTimeout?: { name?: string } })._onTimeout?.name)).join(', ')}`);
  }
}
