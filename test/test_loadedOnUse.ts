/**
 * Every test file imports `trial-ts`, and every run starts the CLI: what they load is paid
 * by every worker and every run. These tests pin the modules that are loaded on first use
 * only (the in-memory network's HTTP client and `install`, the started sidecars, the config
 * loader and its option table, the reporters, the merge subcommand), each in a fresh
 * process of the built package (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';

const ROOT = path.resolve(__dirname, '..');

/**
 * Run `script` in a fresh Node process in the repository, then list what it had loaded:
 * the files under the repository (relative, `node_modules/<package>` for packages) and
 * Node's own internal modules.
 */
function loadedBy(script: string): { files: string[]; builtins: string[] } {
  const report = `
    const files = Object.keys(require.cache).map((f) => require('node:path').relative(process.cwd(), f));
    process.stdout.write(JSON.stringify({ files, builtins: process.moduleLoadList }));`;
  const out = execFileSync(process.execPath, ['-e', `${script};${report}`], { cwd: ROOT, encoding: 'utf8' });
  const parsed = JSON.parse(out) as { files: string[]; builtins: string[] };
  const files = parsed.files.map((file) => file.replace(/^(?:\.\.\/)*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, 'node_modules/$1'));
  return { files: [...new Set(files)], builtins: parsed.builtins };
}

export class LoadedOnUseTests extends SynchronousTestCase {
  /** The public API loads none of what only some tests or the runner's main process use. */
  test_publicApiLoadsTheDeclarationsOnly(): void {
    const { files, builtins } = loadedBy("require('./dist/index.js')");
    this.assertIn('dist/internet/memoryNetwork/memoryNetwork.js', files); // the check below sees the package
    for (const lazy of [
      'dist/internet/memoryNetwork/memoryFetch.js',
      'dist/internet/memoryNetwork/memoryAgent.js',
      'dist/internet/memoryNetwork/install.js',
      'dist/sidecar/startedProcess.js',
      'dist/sidecar/startedPostgres.js',
      'dist/sidecar/sidecarBroker.js',
      'dist/cli/config.js',
      'dist/cli/optionTable.js',
      'node_modules/commander',
    ]) {
      this.assertNotIn(lazy, files, `${lazy} is loaded by require('trial-ts')`);
    }
    // Node's bundled undici (fetch, Request, Response), woken by touching those globals
    this.assertFalse(
      builtins.some((name) => name.includes('deps/undici')),
      "require('trial-ts') touched fetch, Request or Response",
    );
  }

  /** Using the network's fetch loads its HTTP client then, not before. */
  test_networkFetchLoadsItsClient(): void {
    const { files } = loadedBy("const { MemoryNetwork } = require('./dist/index.js'); void new MemoryNetwork().fetch('http://a.test/').catch(() => {})");
    this.assertIn('dist/internet/memoryNetwork/memoryFetch.js', files);
  }

  /** The reporter table loads a reporter's module when that reporter is opened. */
  test_reporterModulesLoadWhenOpened(): void {
    const before = loadedBy("require('./dist/reporters/registry.js')").files;
    this.assertEqual(
      before.filter((file) => /^dist\/reporters\/(?:tree|verbose|text|dots|json|junit|tap|subunit|github)\.js$/.test(file)),
      [],
    );
    const opened = loadedBy(`
      const { reporters } = require('./dist/reporters/registry.js');
      reporters.json.factory({ write: () => {}, options: {}, palette: {} })`).files;
    this.assertIn('dist/reporters/json.js', opened);
    this.assertNotIn('dist/reporters/tree.js', opened);
  }

  /** A run's CLI does not load the merge subcommand. */
  test_cliMainLeavesMergeUnloaded(): void {
    const { files } = loadedBy("require('./dist/cli/main.js')");
    this.assertIn('dist/cli/session.js', files);
    this.assertNotIn('dist/cli/mergeCommand.js', files);
    this.assertNotIn('dist/cli/merge.js', files);
  }
}
