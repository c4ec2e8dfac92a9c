'use strict';
/**
 * Parallel runs (issue 5): `-j 2` against `-j 1`, threads against processes, on three
 * generated suites, plus a micro-benchmark of the two pools (worker start, per-batch
 * round trip, memory per worker). Prints Markdown tables; run after `npm run build`.
 *
 *   node test/bench/parallel.js                 # everything (~3 minutes on 2 cores)
 *   node test/bench/parallel.js --suites cpu --runs 5
 *   node test/bench/parallel.js --pools-only
 *   node test/bench/parallel.js --quiet 0.3   # wait (up to 60 s) for other load below 0.3 cores first
 *
 * Suites (written to test/bench/work/parallel/, git-ignored):
 * - cpu: 200 files x 5 tests, each test burning 3 ms of CPU (about 3 s serial);
 * - trivial: 200 files x 50 sync tests (the S2 suite of bench.js);
 * - async: 50 files x 20 tests awaiting a microtask, setImmediate and setTimeout(1) (S4).
 *
 * Targets on a 2-core box: cpu -j 2 >= 1.8x faster than -j 1; trivial -j auto < 1 s and
 * never more than 10 % slower than -j 1; async -j 2 < 0.8 s.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeSuite, prepareRunnerDir } = require('./generate');
const { measure, waitForQuiet } = require('./measure');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'trial-ts.js');
const WORK = path.join(__dirname, 'work', 'parallel');

function cpuSource({ fileIndex, tests }) {
  const lines = ["import { SynchronousTestCase } from 'trial-ts';", ''];
  lines.push('function burn(ms: number): number {');
  lines.push('  const end = performance.now() + ms;');
  lines.push('  let n = 0;');
  lines.push('  while (performance.now() < end) n++;');
  lines.push('  return n;');
  lines.push('}', '');
  lines.push(`export class Cpu${String(fileIndex).padStart(3, '0')}Tests extends SynchronousTestCase {`);
  for (let t = 1; t <= tests; t++) {
    lines.push(`  test_${String(t).padStart(2, '0')}(): void {`, '    this.assertTrue(burn(3) > 0);', '  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

const SUITES = {
  cpu: { files: 200, tests: 5, async: false, source: cpuSource, title: 'CPU-bound: 200 files x 5 tests x 3 ms' },
  trivial: { files: 200, tests: 50, async: false, title: 'trivial: 200 files x 50 sync tests' },
  async: { files: 50, tests: 20, async: true, title: 'async: 50 files x 20 tests awaiting timers' },
};

const MODES = [
  { name: '-j 1', args: [] },
  { name: '-j 2 threads', args: ['-j', '2', '--pool', 'threads'] },
  { name: '-j 2 processes', args: ['-j', '2', '--pool', 'processes'] },
  { name: '-j auto', args: ['-j', 'auto'] },
];

function parseArgs(argv) {
  const options = { suites: Object.keys(SUITES), runs: 3, poolsOnly: false, quiet: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suites') options.suites = argv[++i].split(',');
    else if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--pools-only') options.poolsOnly = true;
    else if (argv[i] === '--quiet') options.quiet = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

async function benchSuites(options) {
  const runnerDir = path.join(WORK, 'trial-ts');
  prepareRunnerDir(runnerDir, 'trial-ts', { projectRoot: ROOT, peersDir: path.join(__dirname, 'peers') });
  const rows = [];
  for (const id of options.suites) {
    const suite = SUITES[id];
    const { dir, expectedTests } = writeSuite(path.join(runnerDir, id), { style: 'trial-ts', ...suite });
    const validate = (sample) =>
      sample.exitCode !== 0 ? `exit code ${sample.exitCode}` : sample.output.includes(`Ran ${expectedTests} tests`) ? null : 'wrong test count';
    let serial = null;
    for (const mode of MODES) {
      const temp = path.join(WORK, `_trial_temp_${id}`);
      if (options.quiet !== null) await waitForQuiet(options.quiet, 60_000);
      const result = await measure(process.execPath, [BIN, ...mode.args, '--temp-directory', temp, dir], {
        cwd: runnerDir,
        runs: options.runs,
        validate,
        timeoutMs: 120_000,
      });
      if (result.error) {
        rows.push(`| ${suite.title} | ${mode.name} | error: ${result.error.split('\n')[0]} | | | |`);
        continue;
      }
      const { wallS, cpuS, peakRssMiB, foreignCores } = result.median;
      if (mode.name === '-j 1') serial = wallS;
      const speedup = serial === null ? '' : `${(serial / wallS).toFixed(2)}x`;
      rows.push(
        `| ${suite.title} | ${mode.name} | ${wallS.toFixed(3)} (${result.minWallS.toFixed(3)}–${result.maxWallS.toFixed(3)}) | ${cpuS?.toFixed(2) ?? '?'} | ${peakRssMiB?.toFixed(0) ?? '?'} | ${speedup} | ${foreignCores?.toFixed(1) ?? '?'} |`,
      );
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    }
  }
  return [
    '| suite | mode | wall s, median (min–max) | cpu s | peak RSS MiB (largest process) | speed-up vs -j 1 | other load (cores) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function rssKiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  } catch {
    return 0;
  }
}

/** Start a pool of 2, time to first result, batch round trips, and memory. */
async function benchPools() {
  const { startDistRun } = require(path.join(ROOT, 'dist', 'dist', 'distRun'));
  const dir = path.join(WORK, 'trial-ts', 'pool');
  prepareRunnerDir(path.join(WORK, 'trial-ts'), 'trial-ts', { projectRoot: ROOT, peersDir: path.join(__dirname, 'peers') });
  const { files } = writeSuite(dir, { style: 'trial-ts', files: 400, tests: 1, async: false });
  const rows = [];
  for (const kind of ['threads', 'processes']) {
    const samples = [];
    for (let round = 0; round < 3; round++) {
      const before = process.memoryUsage().rss / 1024;
      const run = await startDistRun(
        {
          kind,
          size: 2,
          tempDir: path.join(WORK, '_trial_temp_pool'),
          worker: { cwd: dir, order: 'alphabetical', seed: 0, grep: [], cleanReactor: true, uncleanWarnings: false, leakIgnore: [], dryRun: false, forceGc: false, captureOutput: true },
        },
        { broker: { acquire: async () => ({ env: {} }), close: async () => {} }, durations: new Map() },
      );
      const t0 = performance.now();
      let first = null;
      let ends = 0;
      const childPids = new Set();
      await run.run(
        files.map((f) => ({ file: path.join(dir, f) })),
        (event) => {
          if (event.type !== 'test:end') return;
          ends++;
          first ??= performance.now() - t0;
        },
      );
      const total = performance.now() - t0;
      // Memory while the workers are still alive (after the run, before close).
      for (const line of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          if (fs.readFileSync(`/proc/${line}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(process.pid)) childPids.add(Number(line));
        } catch {
          // gone
        }
      }
      const mainDelta = process.memoryUsage().rss / 1024 - before;
      const childrenKiB = [...childPids].reduce((sum, pid) => sum + rssKiB(pid), 0);
      await run.close();
      samples.push({ first, total, ends, memMiB: (mainDelta + childrenKiB) / 1024 / 2 });
    }
    const med = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[1];
    rows.push(
      `| ${kind} | ${med('first').toFixed(0)} | ${med('total').toFixed(0)} | ${((med('total') - med('first')) / (samples[0].ends - 1) * 2).toFixed(2)} | ${med('memMiB').toFixed(0)} |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
  return [
    '| pool (2 workers) | first result ms (start + TS loader + 1 file) | 400 one-test files, total ms | ms per file per worker after the first | memory per worker MiB |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  process.stdout.write(`Node ${process.version}, ${os.availableParallelism()} cores, ${new Date().toISOString()}\n\n`);
  process.stdout.write(`${await benchPools()}\n\n`);
  if (!options.poolsOnly) process.stdout.write(`${await benchSuites(options)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
