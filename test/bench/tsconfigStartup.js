'use strict';
/**
 * What reading tsconfig.json costs at start-up (issue 18: at most 5 ms). Two figures,
 * medians over --runs fresh processes:
 *
 * 1. In one thread (wall and CPU time), the first `tsconfigFor()` of a test file whose tsconfig.json extends
 *    a base (loading get-tsconfig, finding the file, checking its syntax, resolving the
 *    chain, building the paths matcher) and its compile settings. Every thread that
 *    compiles pays this once: the main thread (discovery reads it there), each worker,
 *    and Node's ES-module loader thread when the suite is ESM.
 * 2. The whole CLI on a 1 file x 1 test suite, with that tsconfig.json and without one
 *    (the transform cache warm in both), and the difference of the medians. Noisier:
 *    other jobs share the machine.
 *
 * Usage: node test/bench/tsconfigStartup.js [--runs N]   (after `npm run build`)
 * Not a test: a timed test would be flaky.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { runOnce, median } = require('./measure');

const ROOT = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const options = { runs: 15 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: tsconfigStartup.js [--runs N]`);
  }
  return options;
}

/** A project as `tsc --init` plus a shared base would make it, with one test file. */
function makeProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-tsconfig-bench-'));
  fs.mkdirSync(path.join(dir, 'test'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'trial-ts'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'tsconfig.base.json'),
    '{\n  // shared by the packages of a monorepo\n  "compilerOptions": { "strict": true, "module": "nodenext", "target": "es2022", "skipLibCheck": true }\n}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    '{\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] }, "jsx": "react-jsx" },\n  "include": ["src", "test"],\n}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'test', 'test_one.ts'),
    "import { SynchronousTestCase } from 'trial-ts';\n\nexport class OneTests extends SynchronousTestCase {\n  test_one(): void {\n    const value: number = 2;\n    this.assertEqual(value * 2, 4);\n  }\n}\n",
  );
  return dir;
}

/**
 * Milliseconds of the first tsconfigFor + compileSettingsFor in a fresh process; with
 * `warm`, after loading what the CLI has loaded by discovery time (dist/cli/main.js), so
 * the figure is what the read adds to a run rather than Node's first-require costs.
 */
function firstReadMs(file, warm) {
  const script = `
    ${warm ? `require(${JSON.stringify(path.join(ROOT, 'dist/cli/main.js'))});` : ''}
    const { compileSettingsFor } = require(${JSON.stringify(path.join(ROOT, 'dist/runner/loader/compileSettings.js'))});
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    compileSettingsFor(${JSON.stringify(file)});
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify([Number(process.hrtime.bigint() - started) / 1e6, (used.user + used.system) / 1e3]));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** Wall and CPU medians of [wall, cpu] samples; CPU time suffers less from other jobs' load. */
function spread(samples) {
  const walls = samples.map((sample) => sample[0]);
  const cpus = samples.map((sample) => sample[1]);
  return `wall ${median(walls).toFixed(2)} ms (min ${Math.min(...walls).toFixed(2)}), cpu ${median(cpus).toFixed(2)} ms (min ${Math.min(...cpus).toFixed(2)})`;
}

async function cliSeconds(dir) {
  const sample = await runOnce(process.execPath, [path.join(ROOT, 'bin', 'trial-ts.js'), 'test'], { cwd: dir });
  if (sample.exitCode !== 0) throw new Error(`trial-ts failed in ${dir}:\n${sample.output}`);
  return sample.wallS;
}

async function main() {
  const { runs } = parseArgs(process.argv.slice(2));
  const dir = makeProject();
  try {
    const file = path.join(dir, 'test', 'test_one.ts');
    const reads = Array.from({ length: runs }, () => firstReadMs(file, false));
    const warmReads = Array.from({ length: runs }, () => firstReadMs(file, true));
    const tsconfig = path.join(dir, 'tsconfig.json');
    const aside = path.join(dir, 'tsconfig.json.aside');
    await cliSeconds(dir); // warm the transform cache for both variants
    const withTsconfig = [];
    const without = [];
    for (let i = 0; i < runs; i++) {
      withTsconfig.push(await cliSeconds(dir));
      fs.renameSync(tsconfig, aside);
      if (i === 0) await cliSeconds(dir); // the settings differ, so the first run compiles
      without.push(await cliSeconds(dir));
      fs.renameSync(aside, tsconfig);
    }
    const ms = (seconds) => (seconds * 1000).toFixed(1);
    process.stdout.write(
      [
        `node ${process.version}, ${runs} runs each, medians`,
        `first tsconfig read in a fresh process (get-tsconfig load + find + extends + paths): ${spread(reads)}`,
        `the same after the CLI's own modules are loaded (what a run pays per thread): ${spread(warmReads)}`,
        `CLI, 1 file x 1 test, with tsconfig.json: ${ms(median(withTsconfig))} ms; without: ${ms(median(without))} ms; difference ${ms(median(withTsconfig) - median(without))} ms`,
        '',
      ].join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
