/**
 * End-to-end tests of the shared locations outside sidecars that use src/platform: the
 * transform cache and `_trial_temp`'s lock. A symlink planted at either name is not
 * followed, and the run (fixtures/passing, copied into a project folder) still passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { FIXTURES, ROOT, runCli } from '../support/runCli';

/** Tests of planted links at the transform cache and the temp directory's lock. */
export class SharedLocationsIntegrationTests extends TestCase {
  #project(): string {
    const project = this.mktemp();
    fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'trial-ts'));
    fs.copyFileSync(path.join(FIXTURES, 'passing', 'test_arithmetic.ts'), path.join(project, 'test_arithmetic.ts'));
    return project;
  }

  /** A link planted at node_modules/.cache/trial-ts is passed over for XDG_CACHE_HOME, said once; no compiled code goes to its target. */
  async test_transformCacheLinkNotFollowed() {
    const project = this.#project();
    const elsewhere = path.join(project, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(path.join(project, 'node_modules', '.cache'));
    fs.symlinkSync(elsewhere, path.join(project, 'node_modules', '.cache', 'trial-ts'));
    const xdg = path.join(project, 'xdg');
    const result = await runCli(['test_arithmetic.ts'], { cwd: project, env: { XDG_CACHE_HOME: xdg, TRIAL_TS_CACHE_DIR: undefined } });
    const output = result.stdout + result.stderr;
    this.assertEqual(result.code, 0, output);
    this.assertFalse(fs.existsSync(path.join(elsewhere, 'transform')), 'compiled code went through the planted link');
    this.assertFalse(fs.existsSync(path.join(elsewhere, 'durations.json')), 'durations went through the planted link');
    this.assertSubstring('Did not write the durations file in', output);
    this.assertTrue(fs.readdirSync(path.join(xdg, 'trial-ts', 'transform')).length > 0, 'the compiled test was cached in the private folder');
    this.assertSubstring('it is a symbolic link (not followed)', output);
  }

  /** A link planted at `_trial_temp.lock` (to a file holding a live pid) is removed, not read: the run takes `_trial_temp` and the file is untouched. */
  async test_lockLinkNotFollowed() {
    const project = this.#project();
    const victim = path.join(project, 'victim');
    fs.writeFileSync(victim, '1'); // pid 1 is alive: a followed link would make the folder look busy
    fs.symlinkSync(victim, path.join(project, '_trial_temp.lock'));
    const result = await runCli(['test_arithmetic.ts'], { cwd: project });
    this.assertEqual(result.code, 0, result.stdout + result.stderr);
    this.assertTrue(fs.existsSync(path.join(project, '_trial_temp', '_trial_marker')));
    this.assertFalse(fs.existsSync(path.join(project, '_trial_temp-1')), 'the planted lock was taken for a busy run');
    this.assertEqual(fs.readFileSync(victim, 'utf8'), '1');
    this.assertFalse(fs.existsSync(path.join(project, '_trial_temp.lock')), 'the run released its own lock');
  }
}
