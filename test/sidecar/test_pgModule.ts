/**
 * Tests for src/sidecar/pgModule.ts: `pg` is an optional peer dependency, loaded only by
 * the PostgreSQL sidecar. End to end: a project whose trial-ts install cannot resolve
 * `pg` (fixtures/sidecarWithoutPg, run from a scratch install) gets a setup error that
 * says to install it, exit 3, no stack trace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { requirePg } from '../../src/sidecar/pgModule';
import { FIXTURES, ROOT, runCommand } from '../support/runCli';

/**
 * A scratch project holding a copy of the built trial-ts (package.json, bin, dist), with
 * every package of this checkout's node_modules linked beside it except `pg`. The copy
 * is real files, so Node resolves `pg` from the scratch folder and finds nothing.
 */
function installWithoutPg(project: string): string {
  const modules = path.join(project, 'node_modules');
  const trialTs = path.join(modules, 'trial-ts');
  fs.mkdirSync(trialTs, { recursive: true });
  for (const entry of ['package.json', 'bin', 'dist']) fs.cpSync(path.join(ROOT, entry), path.join(trialTs, entry), { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name === 'pg' || name === 'trial-ts' || name.startsWith('.')) continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  return path.join(trialTs, 'bin', 'trial-ts.js');
}

/** The module itself, where `pg` is installed (it is a devDependency of this repository). */
export class RequirePgTests extends SynchronousTestCase {
  /** With `pg` installed, the module is pg's, with its Client class. */
  test_loadsInstalledPg(): void {
    this.assertEqual(typeof requirePg('db').Client, 'function');
    this.assertIdentical(requirePg(), requirePg('db'));
  }
}

/** A config with postgres() in a project without `pg`. */
export class WithoutPgTests extends TestCase {
  /** The run ends with exit 3 and one paragraph that names the sidecar and says `npm i -D pg`. */
  async test_missingPgSaysInstallIt() {
    // Outside the checkout: from inside it, Node would find pg in its node_modules.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-ts-no-pg-'));
    this.addCleanup(() => fs.rmSync(project, { recursive: true, force: true }));
    fs.cpSync(path.join(FIXTURES, 'sidecarWithoutPg'), project, { recursive: true });
    const bin = installWithoutPg(project);
    const result = await runCommand(process.execPath, [bin], { cwd: project, timeoutMs: 60_000 });
    this.assertEqual(result.code, 3, result.stdout + result.stderr);
    this.assertSubstring('Sidecar "db" could not start: postgres() needs the `pg` package', result.stderr);
    this.assertSubstring('npm i -D pg', result.stderr);
    this.assertNotIn('    at ', result.stderr);
    this.assertNotIn('Cannot find module', result.stdout + result.stderr);
  }
}
