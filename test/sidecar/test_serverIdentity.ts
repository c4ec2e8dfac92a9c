/**
 * Tests for src/sidecar/serverIdentity.ts: who the server runs as.
 */
import { SynchronousTestCase } from 'trial-ts';
import { resolveServerIdentity, type ServerIdentity } from '../../src/sidecar/serverIdentity';

const users: Record<string, ServerIdentity> = { postgres: { uid: 101, gid: 104, user: 'postgres' }, nobody: { uid: 65534, gid: 65534, user: 'nobody' } };

/** Tests for `resolveServerIdentity`. */
export class ResolveServerIdentityTests extends SynchronousTestCase {
  override setUp() {
    const saved = process.env.TRIAL_PG_USER;
    delete process.env.TRIAL_PG_USER;
    this.addCleanup(() => (saved === undefined ? delete process.env.TRIAL_PG_USER : (process.env.TRIAL_PG_USER = saved)));
  }

  /** Not root: run as the runner. */
  test_notRoot() {
    this.assertIdentical(resolveServerIdentity('auto', false, (u) => users[u] ?? null), null);
  }

  /** Root: `postgres` when it exists. */
  test_rootPrefersPostgres() {
    this.assertEqual(resolveServerIdentity('auto', true, (u) => users[u] ?? null)?.uid, 101);
  }

  /** Root without a `postgres` user: `nobody`. */
  test_rootFallsBackToNobody() {
    this.assertEqual(resolveServerIdentity('auto', true, (u) => (u === 'nobody' ? users.nobody! : null))?.user, 'nobody');
  }

  /** Explicit ids are used as given (the server needs no passwd entry). */
  test_explicitIds() {
    this.assertEqual(resolveServerIdentity({ uid: 4242, gid: 4242 }, true, () => null), { uid: 4242, gid: 4242 });
  }

  /** No usable user: an error that says how to fix it, never a created user. */
  test_noUser() {
    const error = this.assertRaises(Error, () => resolveServerIdentity('auto', true, () => null));
    this.assertSubstring('useradd', error.message);
  }
}
