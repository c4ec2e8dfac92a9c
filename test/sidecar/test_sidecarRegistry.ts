/**
 * Tests for src/sidecar/sidecarRegistry.ts: the worker's registry and `sidecar(name)`.
 */
import { SynchronousTestCase } from 'trial-ts';
import { activateSidecars, installSidecarConnection, sidecar, sidecarRegistry } from '../../src/sidecar/sidecarRegistry';
import { SidecarUsageError } from '../../src/sidecar/sidecarErrors';

/** Tests for `installSidecarConnection` and `sidecar`. */
export class SidecarRegistryTests extends SynchronousTestCase {
  override setUp() {
    const registry = sidecarRegistry();
    const saved = { connections: new Map(registry.connections), active: registry.active };
    const env = process.env.TRIAL_TEST_URL;
    this.addCleanup(() => {
      registry.connections = saved.connections;
      registry.active = saved.active;
      if (env === undefined) delete process.env.TRIAL_TEST_URL;
      else process.env.TRIAL_TEST_URL = env;
    });
    registry.connections = new Map();
    registry.active = null;
  }

  /** An installed connection is returned, and its env lands in process.env. */
  test_installAndRead() {
    const connection = { url: 'x://1', env: { TRIAL_TEST_URL: 'x://1' } };
    installSidecarConnection('cache', connection);
    this.assertIdentical(sidecar<typeof connection>('cache'), connection);
    this.assertEqual(process.env.TRIAL_TEST_URL, 'x://1');
  }

  /** Asking for a sidecar that was not acquired names the missing `static sidecars`. */
  test_missingNamesStaticSidecars() {
    const error = this.assertRaises(SidecarUsageError, () => sidecar('db'));
    this.assertSubstring("static sidecars = ['db'];", error.message);
    this.assertEqual(error.code, 'TRIAL_SIDECAR_USAGE');
  }

  /** Once the runner scopes a class's sidecars, others are refused even if installed earlier. */
  test_activeScopes() {
    installSidecarConnection('db', { env: {} });
    activateSidecars(['cache']);
    this.assertRaises(SidecarUsageError, () => sidecar('db'));
    activateSidecars(null);
    this.assertEqual(sidecar<{ env: Record<string, string> }>('db'), { env: {} });
  }

  /** The registry lives on globalThis, so a second copy of the library sees the same one. */
  test_sharedOnGlobalThis() {
    const holder = globalThis as unknown as Record<symbol, unknown>;
    this.assertIdentical(holder[Symbol.for('trial-ts.sidecars')], sidecarRegistry());
  }
}
