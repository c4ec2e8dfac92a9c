/**
 * Tests for src/sidecar/postgresCluster.ts: the initdb cache. An entry is keyed by the
 * server version and its owner, reused by the next start, and never used when someone else
 * could have made or changed it (issue #20: a planted cluster could preload a library).
 * Against the real `initdb` (skipped without PostgreSQL binaries).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { findPostgresBinaries } from '../../src/sidecar/findPostgresBinaries';
import { cachedCluster, serverVersion, type ServerVersion } from '../../src/sidecar/postgresCluster';
import { lookupUser, resolveServerIdentity, type ServerIdentity } from '../../src/sidecar/serverIdentity';
import { sharedRoot } from './sidecarTestSupport';

/** A uid no account on the machine has: "another user" for planted entries. */
const STRANGER = 54321;
const PLANTED = "shared_preload_libraries = '/tmp/planted.so'\n";

/** Tests for `cachedCluster`. */
export class CachedClusterTests extends TestCase {
  #binDir = '';
  #version!: ServerVersion;
  /** Who initdb runs as: the server's user when the suite runs as root, else the runner. */
  #identity: ServerIdentity | null = null;
  #cacheRoot = '';

  override setUp() {
    const found = findPostgresBinaries().found;
    if (!found) this.skipTest('PostgreSQL binaries not found (CI installs them with .ci/install-postgres.sh)');
    this.#binDir = found!.binDir;
    this.#version = serverVersion(this.#binDir);
    this.#identity = resolveServerIdentity('auto');
    // Under /tmp (mode 1777 above it), so the server's user can reach the cache as in a real run.
    this.#cacheRoot = path.join(sharedRoot((f) => this.addCleanup(f)), 'pg-cache');
    fs.mkdirSync(this.#cacheRoot, { mode: 0o711 });
    fs.chmodSync(this.#cacheRoot, 0o711);
  }

  #cluster(version = this.#version, identity = this.#identity): Promise<{ dir: string; hit: boolean }> {
    return cachedCluster(this.#binDir, version, identity, this.#cacheRoot, () => undefined);
  }

  /** The first start runs initdb into the cache; the next one with the same server reuses that entry. */
  async test_reusedForTheSameServer() {
    const first = await this.#cluster();
    this.assertFalse(first.hit);
    this.assertTrue(fs.existsSync(path.join(first.dir, 'PG_VERSION')));
    this.assertTrue(path.basename(first.dir).startsWith(`pg${this.#version.major}-`), first.dir);
    this.assertEqual(await this.#cluster(), { dir: first.dir, hit: true });
  }

  /** Another server version gets its own entry: a cluster is never started by a server of another version. */
  async test_keyedByServerVersion() {
    const first = await this.#cluster();
    const other = await this.#cluster({ ...this.#version, text: `${this.#version.text} (rebuilt)` });
    this.assertFalse(other.hit);
    this.assertNotEqual(other.dir, first.dir);
  }

  /** Another owner gets its own entry, owned by it: the server user's cluster is not the runner's, nor nobody's. */
  async test_keyedByOwner() {
    const other = lookupUser('nobody');
    if (process.getuid?.() !== 0 || !other || other.uid === this.#identity?.uid) this.skipTest('needs root and a `nobody` user other than the server user');
    const mine = await this.#cluster();
    const theirs = await this.#cluster(this.#version, other);
    this.assertFalse(theirs.hit);
    this.assertNotEqual(theirs.dir, mine.dir);
    this.assertEqual(fs.statSync(theirs.dir).uid, other!.uid);
    this.assertEqual(fs.statSync(mine.dir).uid, this.#identity?.uid ?? 0);
  }

  /** An entry owned by another user (say, with a postgresql.conf of theirs) is removed and made again, never reused. */
  async test_foreignEntryRebuilt() {
    if (process.getuid?.() !== 0) this.skipTest('needs root to give an entry to another uid');
    const { dir } = await this.#cluster();
    fs.appendFileSync(path.join(dir, 'postgresql.conf'), PLANTED);
    for (const p of walk(dir)) fs.lchownSync(p, STRANGER, STRANGER);
    const again = await this.#cluster();
    this.assertEqual(again, { dir, hit: false });
    this.assertEqual(fs.statSync(dir).uid, this.#identity?.uid ?? process.getuid!());
    this.assertNotIn(PLANTED, fs.readFileSync(path.join(dir, 'postgresql.conf'), 'utf8'));
  }

  /** An entry others may write to is not trusted either, whoever owns it. */
  async test_writableEntryRebuilt() {
    const { dir } = await this.#cluster();
    fs.appendFileSync(path.join(dir, 'postgresql.conf'), PLANTED);
    fs.chmodSync(dir, 0o777);
    const again = await this.#cluster();
    this.assertEqual(again, { dir, hit: false });
    this.assertEqual(fs.statSync(dir).mode & 0o777, 0o700);
    this.assertNotIn(PLANTED, fs.readFileSync(path.join(dir, 'postgresql.conf'), 'utf8'));
  }
}

function* walk(dir: string): Generator<string> {
  yield dir;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}
