#!/usr/bin/env node
'use strict';
// Thin launcher. First the compile cache (Node 22.1+), so that the CLI's own modules load
// from V8's code cache; then the worker thread, then the CLI. Native source maps are
// turned on by the CLI once its own modules are loaded (parsing their maps costs every
// run ~30 ms; runner frames are dropped from reported stacks anyway).
const args = process.argv.slice(2);
// `trial-ts --version` alone is answered here: loading the CLI for it took most of its time.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
  return;
}
require('../dist/runner/loader/compileCache.js').enableCompileCache(args.includes('--coverage'));
// Taken before any test loads: while tests run, process.exit throws (see processExitGuard).
const exit = process.exit.bind(process);
// The worker thread boots while the CLI's modules, the config and the tests load.
require('../dist/cli/earlyWorker.js').startEarlyWorker(args);
const { main } = require('../dist/cli/main.js');

main(args, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => exit(code),
  (error) => {
    process.stderr.write(`trial-ts: internal error: ${error && error.stack ? error.stack : error}\nThis is a bug in trial-ts; please report it.\n`);
    exit(3);
  },
);
