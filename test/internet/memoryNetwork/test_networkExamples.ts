/**
 * The memory-network examples in fixtures/examples, run by the real CLI: the express
 * login, the unmodified http.get client, the ws echo server and client and the fastify
 * app all pass, in memory and over loopback; the memory tests leave no leak and no warning.
 */
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, runCli } from '../../support/runCli';

const EXAMPLES = ['expressLogin', 'httpGetClient', 'wsEcho', 'fastifyApp'];

export class NetworkExamplesTests extends TestCase {
  /** Every example test passes, memory and loopback alike. */
  async test_examplesPass(): Promise<void> {
    const targets = EXAMPLES.map((name) => path.join(FIXTURES, 'examples', name));
    const result = await runCli(['--temp-directory', path.join(this.mktemp(), 'trial'), ...targets], { timeoutMs: 90_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertSubstring('tests: 16 passed, 0 failed, 0 skipped', output);
    // Node's Date-header cache timer (`resetCache`) is made inside the user's handler when
    // a response is written; the janitor reports it as any server made in a test would,
    // memory or loopback (a janitor question). Nothing else may warn in memory tests.
    const warned = output
      .split('='.repeat(79))
      .filter((section) => section.includes('[WARNING]') && /InMemoryTests|ByteByByteTests/.test(section))
      .filter((section) => section.split('\n').some((line) => line.startsWith('left running') && !line.includes('`resetCache`')));
    this.assertEqual(warned, []);
    for (const suite of ['ExpressLoginInMemoryTests', 'ExpressLoginOverLoopbackTests', 'ForecastClientInMemoryTests', 'EchoInMemoryTests', 'EchoOverLoopbackTests', 'FastifyAppInMemoryTests', 'FastifyAppOverLoopbackTests']) {
      this.assertSubstring(suite, output);
    }
  }
}
