/**
 * Tests for src/sidecar/sidecarPlaces.ts: where run directories and caches go on a shared
 * machine, in unit tests and end to end through the CLI over fixtures/sidecarSecurity
 * (another user cannot connect; a planted folder or symlink is passed over, not followed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { chooseSidecarPlaces, isOwnEntry } from '../../src/sidecar/sidecarPlaces';
import { FIXTURES, runCli } from '../support/runCli';
import { cannotIsolate, postgresMissing, sharedRoot } from './sidecarTestSupport';

const NOBODY = 65534;
const UID = process.getuid?.() ?? 0;
const SECURITY = path.join(FIXTURES, 'sidecarSecurity');

/** Tests for `chooseSidecarPlaces` and the CLI's use of it. */
export class SidecarPlacesTests extends TestCase {
  /** An unplanted root gets `trial-ts-<uid>` (0711) holding run directories and the cache. */
  test_ownFolderUnderRoot() {
    const root = sharedRoot((f) => this.addCleanup(f));
    const notes: string[] = [];
    const places = chooseSidecarPlaces(root, null, (l) => notes.push(l));
    const base = path.join(root, `trial-ts-${UID}`);
    this.assertEqual(places, { runParent: base, cacheRoot: path.join(base, 'pg-cache') });
    this.assertEqual(fs.statSync(base).mode & 0o777, 0o711);
    this.assertEqual(notes, []);
    this.assertTrue(isOwnEntry(base, null));
  }

  /** A symlink where the folder goes is not followed: run directories go straight into the root, the cache to the private folder. */
  test_symlinkPassedOver() {
    const root = sharedRoot((f) => this.addCleanup(f));
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere, { mode: 0o777 });
    fs.symlinkSync(elsewhere, path.join(root, `trial-ts-${UID}`));
    const notes: string[] = [];
    const cwd = path.join(root, 'project');
    fs.mkdirSync(path.join(cwd, 'node_modules'), { recursive: true });
    const places = chooseSidecarPlaces(root, null, (l) => notes.push(l), cwd);
    this.assertEqual(places, { runParent: root, cacheRoot: path.join(cwd, 'node_modules', '.cache', 'trial-ts', 'pg-cache') });
    this.assertEqual(fs.readdirSync(elsewhere), []);
    this.assertEqual(notes.length, 1);
    this.assertSubstring('it is a symbolic link (not followed)', notes[0]!);
    this.assertFalse(isOwnEntry(path.join(root, `trial-ts-${UID}`), null));
  }

  #skipUnlessIsolated(): void {
    const missing = postgresMissing() ?? cannotIsolate();
    if (missing) this.skipTest(missing);
  }

  /** While a suite runs, another local user can connect neither through the socket nor over TCP without the password. */
  async test_secondUserCannotConnect() {
    this.#skipUnlessIsolated();
    const result = await runCli(['--reporter', 'verbose'], { cwd: SECURITY, env: { TRIAL_INTRUDER_UID: String(NOBODY) }, timeoutMs: 90_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertSubstring('test_socketRefusesOtherUser ...', output);
    this.assertSubstring('tests: 2 passed, 0 failed, 0 skipped', output);
  }

  /** A cache folder another user made first (world-writable, with their files) is ignored; the run passes and says so once. */
  async test_plantedForeignFolderIgnored() {
    this.#skipUnlessIsolated();
    const root = sharedRoot((f) => this.addCleanup(f));
    const planted = path.join(root, `trial-ts-${UID}`);
    fs.mkdirSync(path.join(planted, 'pg-cache'), { recursive: true });
    fs.writeFileSync(path.join(planted, 'pg-cache', 'postgresql.conf'), "shared_preload_libraries = '/tmp/evil.so'\n");
    for (const p of [planted, path.join(planted, 'pg-cache')]) {
      fs.chownSync(p, NOBODY, NOBODY);
      fs.chmodSync(p, 0o777);
    }
    // A cache home the server's user may pass through (swc, loaded first, would otherwise make it 0700).
    const xdg = path.join(root, 'xdg');
    fs.mkdirSync(xdg, { mode: 0o755 });
    fs.chmodSync(xdg, 0o755);
    const result = await runCli(['--reporter', 'verbose'], { cwd: SECURITY, env: { TRIAL_SIDECAR_ROOT: root, XDG_CACHE_HOME: xdg }, timeoutMs: 90_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertEqual(output.split(`not using ${planted}: it belongs to uid ${NOBODY}`).length - 1, 1, output);
    this.assertEqual(fs.readdirSync(planted), ['pg-cache']);
    this.assertEqual(fs.readdirSync(path.join(planted, 'pg-cache')), ['postgresql.conf']);
    this.assertTrue(fs.readdirSync(path.join(xdg, 'trial-ts', 'pg-cache')).some((n) => /^pg\d+-/.test(n)), output);
  }

  /** The private cache folder made 0700 first (by the transform cache's fallback) still serves the server's cluster cache. */
  async test_privateCacheMadePrivateFirstIsUsed() {
    this.#skipUnlessIsolated();
    const root = sharedRoot((f) => this.addCleanup(f));
    const planted = path.join(root, `trial-ts-${UID}`);
    fs.mkdirSync(planted, { mode: 0o777 });
    fs.chownSync(planted, NOBODY, NOBODY);
    const xdg = path.join(root, 'xdg');
    fs.mkdirSync(xdg, { mode: 0o755 });
    fs.mkdirSync(path.join(xdg, 'trial-ts'), { mode: 0o700 });
    fs.chmodSync(path.join(xdg, 'trial-ts'), 0o700);
    const result = await runCli([], { cwd: SECURITY, env: { TRIAL_SIDECAR_ROOT: root, XDG_CACHE_HOME: xdg }, timeoutMs: 90_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertTrue(fs.readdirSync(path.join(xdg, 'trial-ts', 'pg-cache')).some((n) => /^pg\d+-/.test(n)), output);
    this.assertEqual(fs.statSync(path.join(xdg, 'trial-ts')).mode & 0o777, 0o711);
  }

  /** A symlink planted where the run directories go is not followed: its target stays empty and the run passes. */
  async test_plantedSymlinkNotFollowed() {
    const missing = postgresMissing();
    if (missing) this.skipTest(missing);
    const root = sharedRoot((f) => this.addCleanup(f));
    const target = path.join(root, 'target');
    fs.mkdirSync(target, { mode: 0o777 });
    fs.chmodSync(target, 0o777);
    fs.symlinkSync(target, path.join(root, `trial-ts-${UID}`));
    const result = await runCli([], { cwd: SECURITY, env: { TRIAL_SIDECAR_ROOT: root, XDG_CACHE_HOME: path.join(root, 'xdg') }, timeoutMs: 90_000 });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertSubstring('it is a symbolic link (not followed)', output);
    this.assertEqual(fs.readdirSync(target), []);
    this.assertEqual(fs.readdirSync(root).filter((n) => n.startsWith('trial-sc-')), [], 'run directories are removed at the end');
  }
}
