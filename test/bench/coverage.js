#!/usr/bin/env node
/**
 * Coverage overhead (issue 13): one generated project — FILES source modules with
 * branches and types, each tested by a file of TESTS tests — run by trial-ts without and
 * with --coverage (in-process and -j 2), and, when they are installed in test/bench/peers,
 * by `vitest run --coverage` (v8 provider) and `jest --coverage` (v8 provider, @swc/jest).
 * Every coverage run writes lcov. Prints the median wall and CPU time (user+sys of the
 * process tree) of --runs runs and the ratios: coverage / plain for trial-ts (goal ≤ 1.3×),
 * and peer / trial-ts --coverage. On a shared machine each sample first waits (up to 20 s)
 * for the other work to drop below half a core, and the table says how busy it stayed.
 *
 *   npm run build && node test/bench/coverage.js [--runs 5] [--files 40] [--tests 25]
 *
 * Install the peers once: npm install --prefix test/bench/peers vitest@4 @vitest/coverage-v8@4 jest@30 @swc/jest
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { runOnce, median, waitForQuiet } = require('./measure');
const { PROJECT_ROOT, PEERS_DIR, TRIAL_BIN } = require('./runners');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const RUNS = option('runs', 5);
const FILES = option('files', 40);
const TESTS = option('tests', 25);
const WORK = path.join(__dirname, 'work', 'coverage');

/** One source module: an interface, a type, branches, a function no test calls. */
function sourceModule(index) {
  return [
    `export interface Item${index} { kind: 'a' | 'b' | 'c'; size: number }`,
    `export type Size${index} = number;`,
    `export function measure${index}(item: Item${index}): Size${index} {`,
    "  if (item.kind === 'a') {",
    '    return item.size * 2;',
    '  }',
    "  if (item.kind === 'b') {",
    '    return item.size + 1;',
    '  }',
    '  return -item.size;',
    '}',
    `export function label${index}(item: Item${index}): string {`,
    "  return item.size > 10 ? 'big' : 'small';",
    '}',
    `export function unused${index}(): number {`,
    '  return 42;',
    '}',
    '',
  ].join('\n');
}

function testCall(index, t) {
  const kind = t % 2 === 0 ? 'a' : 'b';
  const expected = kind === 'a' ? t * 2 : t + 1;
  return [`measure${index}({ kind: '${kind}', size: ${t} })`, String(expected)];
}

function trialTest(index) {
  const lines = [`import { SynchronousTestCase } from 'trial-ts';`, `import { measure${index}, label${index} } from '../src/m${index}';`, '', `export class M${index}Tests extends SynchronousTestCase {`];
  for (let t = 1; t <= TESTS; t++) {
    const [call, expected] = testCall(index, t);
    lines.push(`  test_${t}(): void {`, `    this.assertEqual(${call}, ${expected});`, `    this.assertEqual(label${index}({ kind: 'a', size: 1 }), 'small');`, '  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

function describeTest(index, header) {
  const lines = [...header, `import { measure${index}, label${index} } from '../src/m${index}';`, '', `describe('m${index}', () => {`];
  for (let t = 1; t <= TESTS; t++) {
    const [call, expected] = testCall(index, t);
    lines.push(`  it('${t}', () => {`, `    expect(${call}).toBe(${expected});`, `    expect(label${index}({ kind: 'a', size: 1 })).toBe('small');`, '  });');
  }
  lines.push('});', '');
  return lines.join('\n');
}

function writeProject(dir, testFile, testName) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'test'), { recursive: true });
  for (let index = 1; index <= FILES; index++) {
    fs.writeFileSync(path.join(dir, 'src', `m${index}.ts`), sourceModule(index));
    fs.writeFileSync(path.join(dir, 'test', testName(index)), testFile(index));
  }
}

function prepare() {
  const trial = path.join(WORK, 'trial-ts');
  writeProject(trial, trialTest, (i) => `test_m${i}.ts`);
  fs.mkdirSync(path.join(trial, 'node_modules'), { recursive: true });
  fs.symlinkSync(PROJECT_ROOT, path.join(trial, 'node_modules', 'trial-ts'));
  const vitest = path.join(WORK, 'vitest');
  writeProject(vitest, (i) => describeTest(i, ["import { describe, it, expect } from 'vitest';"]), (i) => `m${i}.test.ts`);
  const jest = path.join(WORK, 'jest');
  writeProject(jest, (i) => describeTest(i, []), (i) => `m${i}.test.ts`);
  fs.writeFileSync(
    path.join(jest, 'jest.config.js'),
    `module.exports = { testEnvironment: 'node', transform: { '^.+\\\\.ts$': [${JSON.stringify(path.join(PEERS_DIR, 'node_modules', '@swc', 'jest'))}, {}] }, collectCoverageFrom: ['src/**/*.ts'], coverageProvider: 'v8', rootDir: __dirname };\n`,
  );
  return { trial, vitest, jest };
}

function peer(...parts) {
  const file = path.join(PEERS_DIR, 'node_modules', ...parts);
  return fs.existsSync(file) ? file : undefined;
}

async function main() {
  const dirs = prepare();
  const node = process.execPath;
  const rows = [
    { label: 'trial-ts', cwd: dirs.trial, args: [TRIAL_BIN] },
    { label: 'trial-ts --coverage', cwd: dirs.trial, args: [TRIAL_BIN, '--coverage', '--coverage-reporter', 'lcov'] },
    { label: 'trial-ts -j 2', cwd: dirs.trial, args: [TRIAL_BIN, '-j', '2'] },
    { label: 'trial-ts -j 2 --coverage', cwd: dirs.trial, args: [TRIAL_BIN, '-j', '2', '--coverage', '--coverage-reporter', 'lcov'] },
  ];
  const vitestBin = peer('vitest', 'vitest.mjs');
  if (vitestBin !== undefined && peer('@vitest', 'coverage-v8', 'package.json') !== undefined) {
    rows.push({ label: 'vitest 4 --coverage (v8)', cwd: dirs.vitest, args: [vitestBin, 'run', '--coverage.enabled', '--coverage.provider=v8', '--coverage.reporter=lcov', '--coverage.include=src/**'] });
  }
  const jestBin = peer('jest', 'bin', 'jest.js');
  if (jestBin !== undefined && peer('@swc', 'jest', 'package.json') !== undefined) {
    rows.push({ label: 'jest 30 --coverage (v8)', cwd: dirs.jest, args: [jestBin, '--coverage', '--coverageReporters=lcov'] });
  }
  const results = [];
  for (const row of rows) {
    await runOnce(node, row.args, { cwd: row.cwd }); // warm-up: fills the transform caches
    const walls = [];
    const cpus = [];
    const foreign = [];
    for (let run = 0; run < RUNS; run++) {
      await waitForQuiet(0.5, 20_000, 500);
      const sample = await runOnce(node, row.args, { cwd: row.cwd });
      if (sample.exitCode !== 0) throw new Error(`${row.label} exited ${sample.exitCode}:\n${sample.output.slice(-2000)}`);
      walls.push(sample.wallS);
      if (sample.cpuS !== null) cpus.push(sample.cpuS);
      if (sample.foreignCores !== null) foreign.push(sample.foreignCores);
    }
    const cpu = cpus.length > 0 ? median(cpus) : NaN;
    results.push({ label: row.label, wall: median(walls), cpu, foreign: foreign.length > 0 ? median(foreign) : NaN });
    process.stderr.write(`${row.label}: ${median(walls).toFixed(3)} s wall, ${cpu.toFixed(3)} s cpu\n`);
  }
  const of = (label) => results.find((r) => r.label === label);
  const ratioOf = (result, base, key) => `${(result[key] / of(base)[key]).toFixed(2)}× ${base}`;
  const lines = [
    `${FILES} files × ${TESTS} tests, medians of ${RUNS} runs (node ${process.version})`,
    '',
    '| run | median wall s | ratio (wall) | median cpu s | ratio (cpu) | other load, cores |',
    '|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const { label } = result;
    let base;
    if (label === 'trial-ts --coverage') base = 'trial-ts';
    else if (label === 'trial-ts -j 2 --coverage') base = 'trial-ts -j 2';
    else if (label.startsWith('vitest') || label.startsWith('jest')) base = 'trial-ts --coverage';
    const ratios = base === undefined ? ['', ''] : [ratioOf(result, base, 'wall'), ratioOf(result, base, 'cpu')];
    lines.push(`| ${label} | ${result.wall.toFixed(3)} | ${ratios[0]} | ${result.cpu.toFixed(3)} | ${ratios[1]} | ${result.foreign.toFixed(2)} |`);
  }
  if (vitestBin === undefined) lines.push('', 'vitest / @vitest/coverage-v8 not installed in test/bench/peers: skipped.');
  if (jestBin === undefined) lines.push('', 'jest / @swc/jest not installed in test/bench/peers: skipped.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
