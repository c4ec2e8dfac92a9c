'use strict';
/**
 * Generates the benchmark suites: the same tests, in TypeScript, in the idiom of each
 * runner (trial-ts classes, mocha and node:test `describe`/`it`, vitest `describe`/`it`
 * with `expect`). Reusable by the other benchmarks (leak overhead, parallel, sidecar):
 * `writeSuite` writes any shape into any folder, `prepareRunnerDir` makes `trial-ts`
 * (or the peers) resolvable from it.
 *
 * Files are only rewritten when their content changes, so transform caches keyed by
 * path and mtime (tsx, vite) stay warm between invocations.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * The four suites of issue 2. The first peer measurements
 * numbers them differently: its S3 is our S4 (async) and its S4 is our S3 (1 × 5,000).
 */
const SUITES = {
  S1: { files: 1, tests: 1, async: false, title: '1 file x 1 test (startup)' },
  S2: { files: 200, tests: 50, async: false, title: '200 files x 50 sync tests' },
  S3: { files: 1, tests: 5000, async: false, title: '1 file x 5,000 sync tests' },
  S4: { files: 50, tests: 20, async: true, title: '50 files x 20 async tests' },
};

/**
 * Module systems a suite can be generated for: the runner folder's package.json `type`.
 * Most new TypeScript projects are ES modules (`"type": "module"`), which Node loads
 * through a different (hooked) path than CommonJS: issue 16 measures both.
 */
const MODULE_TYPES = { cjs: 'commonjs', esm: 'module' };

/** Runner idioms: how a file is named, and how a file's source is written. */
const STYLES = {
  'trial-ts': { fileName: (i) => `test_${pad(i, 3)}.ts`, source: trialSource, packageType: 'commonjs' },
  mocha: { fileName: (i) => `t${pad(i, 3)}.test.ts`, source: mochaSource, packageType: 'commonjs' },
  'node-test': { fileName: (i) => `t${pad(i, 3)}.test.ts`, source: nodeTestSource, packageType: 'commonjs' },
  vitest: { fileName: (i) => `t${pad(i, 3)}.test.ts`, source: vitestSource, packageType: 'module' },
};

function pad(n, width) {
  return String(n).padStart(width, '0');
}

/** The computation every sync test does, with a TypeScript annotation. */
function syncBody(t) {
  return [`const value: number = ${t} * 2;`, `${t * 2}`];
}

const ASYNC_HELPERS = [
  'function immediate(): Promise<void> {',
  '  return new Promise((resolve) => setImmediate(resolve));',
  '}',
  '',
  'function sleep(ms: number): Promise<void> {',
  '  return new Promise((resolve) => setTimeout(resolve, ms));',
  '}',
  '',
];

const ASYNC_STEPS = ['await Promise.resolve();', 'await immediate();', 'await sleep(1);'];

/**
 * Build the body lines of one test in a runner's idiom.
 *
 * @param {number} t - the test's number (1-based).
 * @param {boolean} isAsync - whether the test awaits the async steps.
 * @param {(value: string, expected: string) => string} assertion - the idiomatic assertion.
 * @param {string} indent - indentation of the body.
 * @returns {string[]} the lines.
 */
function bodyLines(t, isAsync, assertion, indent) {
  const [compute, expected] = syncBody(t);
  const steps = isAsync ? ASYNC_STEPS : [];
  return [...steps, compute, assertion('value', expected)].map((line) => indent + line);
}

function trialSource({ fileIndex, tests, async: isAsync }) {
  const base = isAsync ? 'TestCase' : 'SynchronousTestCase';
  const lines = [`import { ${base} } from 'trial-ts';`, ''];
  if (isAsync) lines.push(...ASYNC_HELPERS);
  lines.push(`export class Bench${pad(fileIndex, 3)}Tests extends ${base} {`);
  for (let t = 1; t <= tests; t++) {
    lines.push(isAsync ? `  async test_${pad(t, 4)}(): Promise<void> {` : `  test_${pad(t, 4)}(): void {`);
    lines.push(...bodyLines(t, isAsync, (v, e) => `this.assertEqual(${v}, ${e});`, '    '));
    lines.push('  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

function describeItSource(header, assertion, { fileIndex, tests, async: isAsync }) {
  const lines = [...header, ''];
  if (isAsync) lines.push(...ASYNC_HELPERS);
  lines.push(`describe('Bench${pad(fileIndex, 3)}', () => {`);
  for (let t = 1; t <= tests; t++) {
    lines.push(`  it('test_${pad(t, 4)}', ${isAsync ? 'async ' : ''}() => {`);
    lines.push(...bodyLines(t, isAsync, assertion, '    '));
    lines.push('  });');
  }
  lines.push('});', '');
  return lines.join('\n');
}

function mochaSource(spec) {
  const header = ["import { strict as assert } from 'node:assert';"];
  return describeItSource(header, (v, e) => `assert.equal(${v}, ${e});`, spec);
}

function nodeTestSource(spec) {
  const header = ["import { describe, it } from 'node:test';", "import { strict as assert } from 'node:assert';"];
  return describeItSource(header, (v, e) => `assert.equal(${v}, ${e});`, spec);
}

function vitestSource(spec) {
  const header = ["import { describe, expect, it } from 'vitest';"];
  return describeItSource(header, (v, e) => `expect(${v}).toBe(${e});`, spec);
}

/**
 * Write `content` to `file` unless it already holds exactly that.
 *
 * @param {string} file - absolute path.
 * @param {string} content - the text.
 */
function writeIfChanged(file, content) {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return;
  } catch {
    // missing: write it
  }
  fs.writeFileSync(file, content);
}

/**
 * Write one suite into `dir` (created; stale `.ts` files in it removed).
 *
 * @param {string} dir - absolute folder for the suite's files.
 * @param {{style: keyof STYLES, files: number, tests: number, async: boolean,
 *   source?: (spec: {fileIndex: number, tests: number, async: boolean}) => string}} spec -
 *   the runner idiom and shape; `source` overrides the style's file template.
 * @returns {{dir: string, files: string[], expectedTests: number}} the file names
 *   (relative to `dir`) and the number of tests the suite holds.
 */
function writeSuite(dir, spec) {
  const style = STYLES[spec.style];
  if (!style) throw new Error(`unknown style ${spec.style}; expected one of ${Object.keys(STYLES).join(', ')}`);
  fs.mkdirSync(dir, { recursive: true });
  const source = spec.source ?? style.source;
  const files = [];
  for (let i = 1; i <= spec.files; i++) {
    const name = style.fileName(i);
    files.push(name);
    writeIfChanged(path.join(dir, name), source({ fileIndex: i, tests: spec.tests, async: spec.async }));
  }
  const keep = new Set(files);
  for (const entry of fs.readdirSync(dir)) {
    if (entry.endsWith('.ts') && !keep.has(entry)) fs.rmSync(path.join(dir, entry));
  }
  return { dir, files, expectedTests: spec.files * spec.tests };
}

/**
 * Make `runnerDir` a package from which the runner's imports resolve: a package.json
 * and a `node_modules` holding a `trial-ts` symlink to the project (for trial-ts) or
 * a symlink to the peers' `node_modules` (for the other runners).
 *
 * @param {string} runnerDir - absolute folder that will hold the suites.
 * @param {keyof STYLES} style - the runner idiom.
 * @param {{projectRoot: string, peersDir: string}} roots - the trial-ts checkout and
 *   the folder where the peers are installed.
 * @param {keyof MODULE_TYPES} [moduleType] - `cjs` or `esm`; by default the style's usual
 *   type (ES modules for vitest, CommonJS for the others).
 */
function prepareRunnerDir(runnerDir, style, { projectRoot, peersDir }, moduleType = undefined) {
  fs.mkdirSync(runnerDir, { recursive: true });
  const type = moduleType === undefined ? STYLES[style].packageType : MODULE_TYPES[moduleType];
  if (type === undefined) throw new Error(`unknown module type ${moduleType}; expected one of ${Object.keys(MODULE_TYPES).join(', ')}`);
  const pkg = { name: `bench-${style}`, private: true, type };
  writeIfChanged(path.join(runnerDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const modules = path.join(runnerDir, 'node_modules');
  if (style === 'trial-ts') {
    fs.mkdirSync(modules, { recursive: true });
    ensureSymlink(path.join(modules, 'trial-ts'), projectRoot);
  } else {
    ensureSymlink(modules, path.join(peersDir, 'node_modules'));
  }
}

function ensureSymlink(link, target) {
  try {
    if (fs.readlinkSync(link) === target) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch (error) {
    if (error.code === 'EINVAL') fs.rmSync(link, { recursive: true, force: true });
    else if (error.code !== 'ENOENT') throw error;
  }
  fs.symlinkSync(target, link, 'dir');
}

/**
 * Generate a named suite (S1..S4) for a runner under `workRoot/<style>/<suite>` (with a
 * module type: `workRoot/<style>-<cjs|esm>/<suite>`).
 *
 * @param {string} workRoot - e.g. test/bench/work.
 * @param {keyof STYLES} style - the runner idiom.
 * @param {keyof SUITES} suiteId - which suite.
 * @param {{projectRoot: string, peersDir: string}} roots - see `prepareRunnerDir`.
 * @param {keyof MODULE_TYPES} [moduleType] - see `prepareRunnerDir`.
 * @returns {{runnerDir: string, dir: string, files: string[], expectedTests: number}}
 */
function generateSuite(workRoot, style, suiteId, roots, moduleType = undefined) {
  const suite = SUITES[suiteId];
  if (!suite) throw new Error(`unknown suite ${suiteId}; expected one of ${Object.keys(SUITES).join(', ')}`);
  const runnerDir = path.join(workRoot, moduleType === undefined ? style : `${style}-${moduleType}`);
  prepareRunnerDir(runnerDir, style, roots, moduleType);
  const written = writeSuite(path.join(runnerDir, suiteId), { style, ...suite });
  return { runnerDir, ...written };
}

module.exports = { SUITES, STYLES, MODULE_TYPES, writeSuite, prepareRunnerDir, generateSuite };
