/**
 * End-to-end: the docs' running example (fixtures/examples/lineProtocol, shipped with the
 * package), built on the exported LineReceiver, passes through the CLI over a
 * StringTransport, an IOPump and loopback TCP.
 */
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

export class BasicProtocolsExampleTests extends TestCase {
  /** Every test of the example passes, in memory and over real TCP. */
  async test_lineProtocolExamplePasses() {
    const result = await runCli(['--reporter', 'verbose', 'fixtures/examples/lineProtocol']);
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertIn('test_loopbackTcp.ts:', result.stdout);
    this.assertIn('test_stringTransport.ts:', result.stdout);
    this.assertIn('PASSED (successes=17)', result.stdout);
  }
}
