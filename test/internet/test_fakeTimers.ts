/** Tests of src/unittest/fakeTimers.ts (kept with the time tools it complements). */
import { SynchronousTestCase } from 'trial-ts';
import { installFakeTimers } from '../../src/unittest/fakeTimers';

/** A stand-in test case that collects cleanups so the test can run them itself. */
class CleanupRecorder {
  cleanups: (() => unknown)[] = [];
  addCleanup(fn: () => unknown): void {
    this.cleanups.push(fn);
  }
  runCleanups(): void {
    for (const fn of this.cleanups.splice(0).reverse()) fn();
  }
}

export class InstallFakeTimersTests extends SynchronousTestCase {
  /** setTimeout and Date are fake until the cleanup runs, then the real ones are back. */
  test_fakesAndRestores(): void {
    const realSetTimeout = globalThis.setTimeout;
    const realNow = Date.now;
    const host = new CleanupRecorder();
    this.addCleanup(() => host.runCleanups());
    const clock = installFakeTimers(host, { now: 1000 });
    this.assertNotIdentical(globalThis.setTimeout, realSetTimeout);
    this.assertEqual(Date.now(), 1000);
    let fired = false;
    setTimeout(() => (fired = true), 500);
    clock.tick(499);
    this.assertFalse(fired);
    clock.tick(1);
    this.assertTrue(fired);
    host.runCleanups();
    this.assertIdentical(globalThis.setTimeout, realSetTimeout);
    this.assertIdentical(Date.now, realNow);
  }

  /** Uninstalling early is fine: the cleanup does nothing more. */
  test_uninstallEarly(): void {
    const realSetTimeout = globalThis.setTimeout;
    const host = new CleanupRecorder();
    this.addCleanup(() => host.runCleanups());
    const clock = installFakeTimers(host);
    clock.uninstall();
    this.assertIdentical(globalThis.setTimeout, realSetTimeout);
    host.runCleanups();
    this.assertIdentical(globalThis.setTimeout, realSetTimeout);
  }

  /** The uninstall is registered with the test case. */
  test_registersCleanup(): void {
    const host = new CleanupRecorder();
    this.addCleanup(() => host.runCleanups());
    installFakeTimers(host);
    this.assertEqual(host.cleanups.length, 1);
  }
}
