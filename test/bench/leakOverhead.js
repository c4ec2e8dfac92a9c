'use strict';
/**
 * What leak checking costs: runs the CLI over two generated suites with the janitor on
 * (the default) and off (`--no-clean-reactor`), several times each, and prints medians.
 *
 * - S3, 1 file x 5,000 trivial synchronous tests: target at most 5 us extra per test.
 * - S4, 50 files x 20 async tests (each awaits a microtask, setImmediate and
 *   setTimeout(1)): target at most 15 % extra wall time.
 *
 * Two figures per run: the process wall time (spawn to exit, see measure.js) and the
 * runner's own `Ran N tests in X.XXXs` (first test start to last test end, so startup
 * noise is left out). The per-test overhead is computed from the latter.
 *
 * Usage: node test/bench/leakOverhead.js [--runs N] [--root DIR] [--jobs N]
 *   --root: the trial-ts checkout to measure (default: this one), e.g. a copy with
 *           local changes.
 * Not a test: a timed test would be flaky; CI may run it and archive the output.
 */
const path = require('node:path');
const { generateSuite } = require('./generate');
const { measure, median } = require('./measure');

const HERE = __dirname;

function parseArgs(argv) {
  const options = { runs: 7, root: path.resolve(HERE, '..', '..'), jobs: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--root') options.root = path.resolve(argv[++i]);
    else if (arg === '--jobs') options.jobs = argv[++i];
    else throw new Error(`unknown argument ${arg}; usage: leakOverhead.js [--runs N] [--root DIR] [--jobs N]`);
  }
  return options;
}

/** Seconds the runner reports for running the tests themselves (`Ran N tests in X.XXXs`). */
function ranSeconds(output) {
  const match = /Ran (\d+) tests? in ([\d.]+)s/.exec(output);
  return match === null ? null : { tests: Number(match[1]), seconds: Number(match[2]) };
}

async function measureVariant(options, suite, leakCheck) {
  const bin = path.join(options.root, 'bin', 'trial-ts.js');
  const args = [bin, '--reporter', 'dots', ...(options.jobs === null ? [] : ['-j', options.jobs])];
  if (!leakCheck) args.push('--no-clean-reactor');
  args.push(suite.dir);
  const ran = [];
  const result = await measure(process.execPath, args, {
    cwd: suite.runnerDir,
    runs: options.runs,
    validate: (sample) => {
      const parsed = ranSeconds(sample.output);
      if (parsed === null || parsed.tests !== suite.expectedTests) return `unexpected output:\n${sample.output.slice(-2000)}`;
      return sample.exitCode === 0 ? null : `exit code ${sample.exitCode}`;
    },
    onSample: (sample, counted) => {
      const parsed = ranSeconds(sample.output);
      if (counted && parsed !== null) ran.push(parsed.seconds);
    },
  });
  if (result.error) throw new Error(`${suite.name} (leak check ${leakCheck ? 'on' : 'off'}): ${result.error}`);
  return { wallS: result.median.wallS, cpuS: result.median.cpuS, ranS: median(ran), ranAll: ran };
}

function fmt(seconds) {
  return seconds === null || seconds === undefined ? 'n/a' : `${seconds.toFixed(3)} s`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const workRoot = path.join(HERE, 'work', 'leakOverhead');
  const roots = { projectRoot: options.root, peersDir: path.join(HERE, 'peers') };
  const suites = [
    { name: 'S3: 1 file x 5,000 sync tests', id: 'S3', target: 'us' },
    { name: 'S4: 50 files x 20 async tests', id: 'S4', target: 'percent' },
  ];
  console.log(`trial-ts at ${options.root}; ${options.runs} runs per variant (after one warm-up), medians`);
  for (const suite of suites) {
    Object.assign(suite, generateSuite(workRoot, 'trial-ts', suite.id, roots));
    const off = await measureVariant(options, suite, false);
    const on = await measureVariant(options, suite, true);
    const perTestUs = ((on.ranS - off.ranS) / suite.expectedTests) * 1e6;
    const wallPercent = ((on.wallS - off.wallS) / off.wallS) * 100;
    const ranPercent = ((on.ranS - off.ranS) / off.ranS) * 100;
    console.log(`\n${suite.name}`);
    console.log(`  leak check off: wall ${fmt(off.wallS)}, cpu ${fmt(off.cpuS)}, tests ran in ${fmt(off.ranS)}`);
    console.log(`  leak check on:  wall ${fmt(on.wallS)}, cpu ${fmt(on.cpuS)}, tests ran in ${fmt(on.ranS)}`);
    console.log(`  overhead: ${perTestUs.toFixed(2)} us per test; wall ${wallPercent.toFixed(1)} %; test time ${ranPercent.toFixed(1)} %`);
    if (suite.target === 'us') console.log(`  target: <= 5 us per test -> ${perTestUs <= 5 ? 'met' : 'MISSED'}`);
    else console.log(`  target: <= 15 % wall -> ${wallPercent <= 15 ? 'met' : 'MISSED'}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
