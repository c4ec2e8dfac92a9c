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
 * A third figure isolates the janitor from the machine's noise: in this process, the
 * same per-test calls the runner makes (runInTest for setUp, test and tearDown, then
 * collect) around a trivial sync body and an async body (microtask + setImmediate),
 * 10,000 tests per round, best of 9 rounds, against no janitor at all.
 *
 * Usage: node test/bench/leakOverhead.js [--runs N] [--root DIR] [--jobs N] [--suite S3|S4]
 *   --root: the trial-ts checkout to measure (default: this one), e.g. a copy with
 *           local changes.
 * Not a test: a timed test would be flaky; CI may run it and archive the output.
 */
const path = require('node:path');
const { generateSuite } = require('./generate');
const { runOnce, median, tail } = require('./measure');

const HERE = __dirname;

function parseArgs(argv) {
  const options = { runs: 7, root: path.resolve(HERE, '..', '..'), jobs: null, suites: ['S3', 'S4'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--root') options.root = path.resolve(argv[++i]);
    else if (arg === '--jobs') options.jobs = argv[++i];
    else if (arg === '--suite') options.suites = [argv[++i]];
    else throw new Error(`unknown argument ${arg}; usage: leakOverhead.js [--runs N] [--root DIR] [--jobs N] [--suite S3|S4]`);
  }
  return options;
}

/** Seconds the runner reports for running the tests themselves (`Ran N tests in X.XXXs`). */
function ranSeconds(output) {
  const match = /Ran (\d+) tests? in ([\d.]+)s/.exec(output);
  return match === null ? null : { tests: Number(match[1]), seconds: Number(match[2]) };
}

function argsFor(options, suite, leakCheck) {
  const bin = path.join(options.root, 'bin', 'trial-ts.js');
  const args = [bin, '--reporter', 'dots', ...(options.jobs === null ? [] : ['-j', options.jobs])];
  if (!leakCheck) args.push('--no-clean-reactor');
  args.push(suite.dir);
  return args;
}

/** One run of the CLI; throws unless every test ran and passed. */
async function sampleOf(options, suite, leakCheck) {
  const sample = await runOnce(process.execPath, argsFor(options, suite, leakCheck), { cwd: suite.runnerDir });
  const parsed = ranSeconds(sample.output);
  if (sample.timedOut || sample.exitCode !== 0 || parsed === null || parsed.tests !== suite.expectedTests) {
    throw new Error(`${suite.name} (leak check ${leakCheck ? 'on' : 'off'}) failed:\n${tail(sample.output, 15)}`);
  }
  return { wallS: sample.wallS, cpuS: sample.cpuS, ranS: parsed.seconds };
}

/**
 * Runs alternate off, on, off, on... so that the load of other work on the machine
 * (which moves medians by tens of percent here) weighs on both variants alike.
 */
async function measurePair(options, suite) {
  await sampleOf(options, suite, false); // warm-up: transform cache, page cache
  await sampleOf(options, suite, true);
  const off = [];
  const on = [];
  for (let i = 0; i < options.runs; i++) {
    off.push(await sampleOf(options, suite, false));
    on.push(await sampleOf(options, suite, true));
  }
  const summary = (samples) => ({
    wallS: median(samples.map((s) => s.wallS)),
    cpuS: samples[0].cpuS === null ? null : median(samples.map((s) => s.cpuS)),
    ranS: median(samples.map((s) => s.ranS)),
  });
  return { off: summary(off), on: summary(on) };
}

function fmt(seconds) {
  return seconds === null || seconds === undefined ? 'n/a' : `${seconds.toFixed(3)} s`;
}

/** Best-of-rounds microseconds per test of `runTest`, in this process. */
async function perTestUs(runTest, tests = 10_000, rounds = 9) {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < tests; i++) await runTest(i);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e3 / tests);
  }
  return best;
}

/** The janitor's own cost per test, without the CLI (see the header). */
async function inProcess(options) {
  const { createJanitor } = require(path.join(options.root, 'dist', 'janitor', 'janitor.js'));
  const bodies = {
    sync: (i) => () => i * 2,
    async: () => async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  const policy = { check: true, ignore: [] };
  const runWith = (janitor, body) => async (i) => {
    const scope = { id: `t${i}`, logError() {} };
    const call = (fn) => (janitor === null ? fn() : janitor.runInTest(scope, fn));
    call(() => undefined);
    const result = call(body(i));
    if (result instanceof Promise) await result;
    call(() => undefined);
    if (janitor !== null) await janitor.collect(scope.id, policy);
  };
  console.log('\nJanitor alone, in process (best of 9 rounds x 10,000 tests)');
  for (const [name, body] of Object.entries(bodies)) {
    const none = await perTestUs(runWith(null, body));
    const janitor = createJanitor({ cwd: process.cwd() });
    const withJanitor = await perTestUs(runWith(janitor, body));
    janitor.close();
    console.log(`  ${name} test: ${none.toFixed(2)} us without, ${withJanitor.toFixed(2)} us with: +${(withJanitor - none).toFixed(2)} us per test`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const workRoot = path.join(HERE, 'work', 'leakOverhead');
  const roots = { projectRoot: options.root, peersDir: path.join(HERE, 'peers') };
  const suites = [
    { name: 'S3: 1 file x 5,000 sync tests', id: 'S3', target: 'us' },
    { name: 'S4: 50 files x 20 async tests', id: 'S4', target: 'percent' },
  ];
  console.log(`trial-ts at ${options.root}; ${options.runs} runs per variant, alternating, after one warm-up each; medians`);
  for (const suite of suites.filter((s) => options.suites.includes(s.id))) {
    Object.assign(suite, generateSuite(workRoot, 'trial-ts', suite.id, roots));
    const { off, on } = await measurePair(options, suite);
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
  await inProcess(options);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
