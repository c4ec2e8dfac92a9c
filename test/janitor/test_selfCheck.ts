/** The start-up self-check: it passes on this Node version, and a broken probe is named and warned about. */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { failedProbes, SELF_CHECK_PROBES, selfCheck } from '../../src/janitor/selfCheck';

export class SelfCheckTests extends SynchronousTestCase {
  /** On the Node running this suite (CI: 20, 22, 24, 26), every probe of the Node internals the janitor reads passes. */
  test_detectionWorksOnThisNode(): void {
    this.assertEqual(failedProbes(), []);
    this.assertTrue(SELF_CHECK_PROBES.length >= 4);
  }

  /** A probe that fails or throws is named. */
  test_brokenProbesAreNamed(): void {
    const probes = [
      { name: 'fine', check: () => true },
      { name: 'false', check: () => false },
      { name: 'throws', check: (): boolean => { throw new Error('gone'); } },
    ];
    this.assertEqual(failedProbes(probes), ['false', 'throws']);
  }
}

export class SelfCheckWarningTests extends TestCase {
  /** A failed self-check is a loud process warning naming the Node version and the probe, never silence. */
  async test_failureWarnsLoudly(): Promise<void> {
    this.assertEqual(selfCheck([{ name: 'a probe', check: () => false }]), ['a probe']);
    await new Promise((resolve) => setImmediate(resolve));
    const ours = this.flushWarnings().filter((w) => w.message.includes('LEAK CHECKING DOES NOT WORK'));
    this.assertEqual(ours.length, 1);
    this.assertSubstring(`NODE ${process.version}`, ours[0].message);
    this.assertSubstring('a probe', ours[0].message);
  }
}
