'use strict';
/**
 * The runner configurations the benchmark compares: how to invoke each one on a
 * generated suite, and how to read the number of passed and failed tests from its
 * default (non-TTY) output. Peers run from test/bench/peers (installed on first use).
 */
const fs = require('node:fs');
const path = require('node:path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const PEERS_DIR = path.join(__dirname, 'peers');
const TRIAL_BIN = path.join(PROJECT_ROOT, 'bin', 'trial-ts.js');
const MOCHA_BIN = path.join(PEERS_DIR, 'node_modules', 'mocha', 'bin', 'mocha.js');
const VITEST_BIN = path.join(PEERS_DIR, 'node_modules', 'vitest', 'vitest.mjs');
const PEER_PACKAGES = ['mocha', 'tsx', 'vitest@4'];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function lastNumber(output, pattern) {
  const matches = [...output.replace(ANSI, '').matchAll(pattern)];
  return matches.length ? Number(matches[matches.length - 1][1]) : null;
}

function parseTrial(output) {
  return { passed: lastNumber(output, /tests: (\d+) passed/g), failed: lastNumber(output, /tests: \d+ passed, (\d+) failed/g) ?? 0 };
}

function parseMocha(output) {
  return { passed: lastNumber(output, /(\d+) passing/g), failed: lastNumber(output, /(\d+) failing/g) ?? 0 };
}

function parseNodeTest(output) {
  return { passed: lastNumber(output, /^# pass (\d+)/gm), failed: lastNumber(output, /^# fail (\d+)/gm) ?? 0 };
}

function parseVitest(output) {
  const line = output.replace(ANSI, '').split('\n').find((l) => /^\s*Tests\s/.test(l)) ?? '';
  return { passed: lastNumber(line, /(\d+) passed/g), failed: lastNumber(line, /(\d+) failed/g) ?? 0 };
}

/**
 * @typedef {object} RunnerConfig
 * @property {string} id - unique, used by `--runners`.
 * @property {string} family - the runner (`trial-ts`, `mocha`, `node-test`, `vitest`);
 *   also the generate.js style, and `--runners` accepts it for all its configs.
 * @property {string} label - the row name in the tables.
 * @property {'default'|'p2'} mode - the runner's defaults, or 2 workers.
 * @property {string} reference - id of the trial-ts row this row is compared with.
 * @property {boolean} multiFileOnly - measured only on the multi-file suites (S2, S4).
 * @property {(suiteId: string, files: string[]) => string[]} args - node arguments,
 *   run with the runner's work folder as cwd.
 * @property {(output: string) => {passed: number|null, failed: number}} parse
 */

/** @type {RunnerConfig[]} */
const CONFIGS = [
  {
    id: 'trial-ts', family: 'trial-ts', label: 'trial-ts', mode: 'default', reference: 'trial-ts', multiFileOnly: false,
    args: (suite) => [TRIAL_BIN, suite], parse: parseTrial,
  },
  {
    id: 'trial-ts-no-clean-reactor', family: 'trial-ts', label: 'trial-ts --no-clean-reactor', mode: 'default',
    reference: 'trial-ts', multiFileOnly: false, needsFlag: '--no-clean-reactor',
    args: (suite) => [TRIAL_BIN, '--no-clean-reactor', suite], parse: parseTrial,
  },
  {
    id: 'trial-ts-j2', family: 'trial-ts', label: 'trial-ts -j 2', mode: 'p2', reference: 'trial-ts-j2', multiFileOnly: true,
    needsFlag: '--jobs', args: (suite) => [TRIAL_BIN, '-j', '2', suite], parse: parseTrial,
  },
  {
    id: 'mocha', family: 'mocha', label: 'mocha + tsx', mode: 'default', reference: 'trial-ts', multiFileOnly: false,
    args: (suite) => [MOCHA_BIN, '--require', 'tsx', `${suite}/*.test.ts`], parse: parseMocha,
  },
  {
    id: 'mocha-p2', family: 'mocha', label: 'mocha + tsx --parallel --jobs 2', mode: 'p2', reference: 'trial-ts-j2',
    multiFileOnly: true, args: (suite) => [MOCHA_BIN, '--require', 'tsx', '--parallel', '--jobs', '2', `${suite}/*.test.ts`],
    parse: parseMocha,
  },
  {
    id: 'node-test', family: 'node-test', label: 'node:test + tsx', mode: 'default', reference: 'trial-ts', multiFileOnly: false,
    // Node 20's --test takes no globs and its folder scan skips .ts: list the files.
    args: (suite, files) => ['--import', 'tsx', '--test', ...files.map((f) => `${suite}/${f}`)], parse: parseNodeTest,
  },
  {
    id: 'node-test-p2', family: 'node-test', label: 'node:test + tsx --test-concurrency=2', mode: 'p2',
    reference: 'trial-ts-j2', multiFileOnly: true,
    args: (suite, files) => ['--import', 'tsx', '--test', '--test-concurrency=2', ...files.map((f) => `${suite}/${f}`)],
    parse: parseNodeTest,
  },
  {
    id: 'vitest', family: 'vitest', label: 'vitest 4', mode: 'default', reference: 'trial-ts', multiFileOnly: false,
    args: (suite) => [VITEST_BIN, 'run', '--dir', suite], parse: parseVitest,
  },
  {
    id: 'vitest-p2', family: 'vitest', label: 'vitest 4 --maxWorkers 2', mode: 'p2', reference: 'trial-ts-j2',
    multiFileOnly: true, args: (suite) => [VITEST_BIN, 'run', '--dir', suite, '--maxWorkers', '2'], parse: parseVitest,
  },
];

/**
 * Whether the peers are installed in test/bench/peers.
 *
 * @returns {boolean}
 */
function peersInstalled() {
  return ['mocha', 'tsx', 'vitest'].every((name) =>
    fs.existsSync(path.join(PEERS_DIR, 'node_modules', name, 'package.json')));
}

/**
 * The installed version of a package, from the project or the peers folder.
 *
 * @param {string} name - package name.
 * @returns {string|null}
 */
function installedVersion(name) {
  const dir = name === 'trial-ts' ? PROJECT_ROOT : path.join(PEERS_DIR, 'node_modules', name);
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

module.exports = { CONFIGS, PROJECT_ROOT, PEERS_DIR, TRIAL_BIN, PEER_PACKAGES, peersInstalled, installedVersion };
