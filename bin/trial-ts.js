#!/usr/bin/env node
'use strict';
// Thin launcher: native source maps on (so stacks point at TypeScript lines), then the CLI.
process.setSourceMapsEnabled(true);
// Taken before any test loads: while tests run, process.exit throws (see processExitGuard).
const exit = process.exit.bind(process);
// The worker thread boots while the CLI's modules, the config and the tests load.
require('../dist/cli/earlyWorker.js').startEarlyWorker(process.argv.slice(2));
const { main } = require('../dist/cli/main.js');

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => exit(code),
  (error) => {
    process.stderr.write(`trial-ts: internal error: ${error && error.stack ? error.stack : error}\nThis is a bug in trial-ts; please report it.\n`);
    exit(3);
  },
);
