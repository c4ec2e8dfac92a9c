#!/usr/bin/env node
'use strict';
/**
 * Issue 2's benchmark: trial-ts against mocha + tsx, node:test + tsx and vitest 4 on
 * the same generated TypeScript suites (see README.md here for the method). Progress goes to stderr; the
 * Markdown tables go to stdout (and to --markdown FILE with the machine and command).
 *
 *   node test/bench/bench.js [--runs 5] [--slow-runs 1] [--slow-threshold 5]
 *     [--suites S1,S2,S3,S4] [--runners trial-ts,mocha,node-test,vitest]
 *     [--timeout 300] [--markdown FILE] [--json FILE]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { SUITES, generateSuite } = require('./generate');
const { measure, waitForQuiet, HAVE_TIME } = require('./measure');
const { CONFIGS, PROJECT_ROOT, PEERS_DIR, TRIAL_BIN, PEER_PACKAGES, peersInstalled, installedVersion } = require('./runners');
const { summaryTable, suiteTable, targetsTable } = require('./report');

const WORK_DIR = path.join(__dirname, 'work');
const MULTI_FILE = (suiteId) => SUITES[suiteId].files > 1;

const USAGE = `usage: node test/bench/bench.js [options]
  --runs N              counted runs per cell, after 1 warm-up (default 5)
  --slow-runs N         counted runs when a run takes longer than --slow-threshold (default 1)
  --slow-threshold S    seconds (default 5)
  --suites LIST         e.g. S1,S3 (default S1,S2,S3,S4)
  --runners LIST        runner families or config ids, e.g. trial-ts,mocha
                        (families: trial-ts, mocha, node-test, vitest; ids: ${CONFIGS.map((c) => c.id).join(', ')})
  --timeout S           per run (default 300)
  --no-extra-ca-certs   unset NODE_EXTRA_CA_CERTS for the runners (this VM sets it; reading the
                        bundle costs every Node process start ~40 ms cpu)
  --quiet CORES         before each run, wait (up to 15 s) until the machine uses fewer
                        than CORES cores over 0.5 s (default 0: do not wait)
  --markdown FILE       also write the tables with date, machine and command
  --json FILE           also write every sample
  -h, --help`;

function parse(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    return usageError(error.message);
  }
}

function options() {
  const { values } = parse({
    options: {
      runs: { type: 'string', default: '5' },
      'slow-runs': { type: 'string', default: '1' },
      'slow-threshold': { type: 'string', default: '5' },
      suites: { type: 'string', default: Object.keys(SUITES).join(',') },
      runners: { type: 'string', default: 'trial-ts,mocha,node-test,vitest' },
      timeout: { type: 'string', default: '300' },
      quiet: { type: 'string', default: '0' },
      'no-extra-ca-certs': { type: 'boolean', default: false },
      markdown: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const suites = values.suites.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const wanted = values.runners.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = [...suites.filter((s) => !SUITES[s]),
    ...wanted.filter((w) => !CONFIGS.some((c) => c.id === w || c.family === w))];
  if (unknown.length) usageError(`unknown suite or runner: ${unknown.join(', ')}`);
  const configs = CONFIGS.filter((c) => wanted.includes(c.family) || wanted.includes(c.id));
  const numbers = ['runs', 'slow-runs', 'slow-threshold', 'timeout'].map((k) => Number(values[k]));
  if (numbers.some((n) => !Number.isFinite(n) || n <= 0)) usageError('--runs, --slow-runs, --slow-threshold and --timeout take positive numbers');
  const [runs, slowRuns, slowThresholdS, timeoutS] = numbers;
  const quiet = Number(values.quiet);
  if (!Number.isFinite(quiet) || quiet < 0) usageError('--quiet takes a number of cores (0 = do not wait)');
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  if (values['no-extra-ca-certs']) delete env.NODE_EXTRA_CA_CERTS;
  return { suites, configs, runs, slowRuns, slowThresholdS, timeoutMs: timeoutS * 1000, quiet, env, markdown: values.markdown, json: values.json };
}

function usageError(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function ensurePeers(configs) {
  if (configs.every((c) => c.family === 'trial-ts') || peersInstalled()) return;
  log(`installing peers: npm install --prefix ${path.relative(PROJECT_ROOT, PEERS_DIR)} ${PEER_PACKAGES.join(' ')}`);
  const npm = spawnSync('npm', ['install', '--prefix', PEERS_DIR, ...PEER_PACKAGES], { stdio: ['ignore', 2, 2] });
  if (npm.status !== 0 || !peersInstalled()) {
    log('bench: installing the peers failed; run with --runners trial-ts to measure trial-ts alone');
    process.exit(1);
  }
}

/** Why trial-ts (or one of its configs) cannot run yet, or null. */
function trialUnavailable(config, help) {
  if (!fs.existsSync(TRIAL_BIN)) return 'bin/trial-ts.js missing';
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js'))) return 'dist/ missing: run npm run build';
  if (help === null) return '`trial-ts --help` failed';
  if (config.needsFlag && !help.includes(config.needsFlag)) return `no ${config.needsFlag} option yet`;
  return null;
}

function trialHelp() {
  if (!fs.existsSync(TRIAL_BIN)) return null;
  const result = spawnSync(process.execPath, [TRIAL_BIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout : null;
}

function validator(config, expectedTests) {
  return (sample) => {
    const { passed, failed } = config.parse(sample.output);
    if (sample.exitCode !== 0) return `exit code ${sample.exitCode} (passed ${passed}, failed ${failed})`;
    if (passed !== expectedTests || failed !== 0) return `reported ${passed} passed, ${failed} failed; expected ${expectedTests} passed`;
    return null;
  };
}

async function quietEnough(maxCores) {
  const load = await waitForQuiet(maxCores, 15_000, 500);
  if (load !== null && load >= maxCores) log(`  machine still busy after 15 s (${load.toFixed(2)} cores); measuring anyway`);
}

async function measureCell(config, suiteId, opts, warmed) {
  const roots = { projectRoot: PROJECT_ROOT, peersDir: PEERS_DIR };
  const suite = generateSuite(WORK_DIR, config.family, suiteId, roots);
  // One warm-up per runner and suite fills the transform caches for all its modes.
  const warmKey = `${config.family}/${suiteId}`;
  const warmup = !warmed.has(warmKey);
  warmed.add(warmKey);
  const started = Date.now();
  const cell = await measure(process.execPath, config.args(suiteId, suite.files), {
    cwd: suite.runnerDir,
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    runs: opts.runs,
    warmup,
    slowRuns: opts.slowRuns,
    slowThresholdS: opts.slowThresholdS,
    validate: validator(config, suite.expectedTests),
    beforeRun: opts.quiet > 0 ? () => quietEnough(opts.quiet) : undefined,
    onSample: (s, counted) => log(`  ${counted ? 'run' : 'warm-up'}: ${s.wallS.toFixed(3)} s wall, ${s.cpuS?.toFixed(2)} s cpu, `
      + `foreign load ${s.foreignCores?.toFixed(2)} cores`),
  });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  log(cell.error ? `  INVALID: ${cell.error}` : `  median ${cell.median.wallS.toFixed(3)} s (${took} s for the cell)`);
  return cell;
}

async function runAll(opts) {
  const cells = new Map();
  const warmed = new Set();
  const help = opts.configs.some((c) => c.family === 'trial-ts') ? trialHelp() : null;
  for (const suiteId of opts.suites) {
    for (const config of opts.configs) {
      if (config.multiFileOnly && !MULTI_FILE(suiteId)) continue;
      const key = `${config.id}/${suiteId}`;
      const unavailable = config.family === 'trial-ts' ? trialUnavailable(config, help) : null;
      if (unavailable) {
        log(`${suiteId} ${config.label}: skipped (${unavailable})`);
        cells.set(key, { skipped: unavailable });
        continue;
      }
      log(`${suiteId} ${config.label}`);
      cells.set(key, await measureCell(config, suiteId, opts, warmed));
    }
  }
  return cells;
}

function machine() {
  const cpus = os.cpus();
  const versions = ['trial-ts', 'mocha', 'tsx', 'vitest'].map((n) => `${n} ${installedVersion(n) ?? '—'}`).join(' · ');
  return [
    `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `Node ${process.version} · ${versions}`,
  ];
}

function render(opts, cells, loadBefore, loadAfter) {
  const parts = [
    '## Summary: median wall s (median cpu s)',
    '',
    summaryTable(opts.configs, opts.suites, cells),
    '',
    '## Per suite',
    '',
    'Ratios are trial-ts/peer (below 1: trial-ts is faster or smaller); `-j 2` rows are compared with `trial-ts -j 2`, the',
    'others with single-process trial-ts. cpu = user+sys of the process tree; peak RSS = largest single process.',
    'foreign load = median cores used by other processes on the machine during the runs (from /proc/stat).',
    '† = processes were left in the runner\'s process group at exit and killed (their CPU is not counted).',
    '',
    ...opts.suites.flatMap((s) => [suiteTable(opts.configs, s, cells), '']),
    '## Targets (issue 2)',
    '',
    targetsTable(opts.suites, cells),
    '',
    `Load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadAfter.toFixed(2)}. `
      + `NODE_EXTRA_CA_CERTS ${opts.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'} for the runners.`,
  ];
  if (!HAVE_TIME) parts.push('', '/usr/bin/time missing: cpu from /proc/self/stat, no peak RSS.');
  return parts.join('\n');
}

async function main() {
  const opts = options();
  ensurePeers(opts.configs);
  const loadBefore = os.loadavg()[0];
  const startedAt = new Date();
  const cells = await runAll(opts);
  const minutes = ((Date.now() - startedAt.getTime()) / 60_000).toFixed(1);
  const text = render(opts, cells, loadBefore, os.loadavg()[0]);
  process.stdout.write(`${text}\n`);
  if (opts.markdown) {
    const command = `node test/bench/bench.js ${process.argv.slice(2).join(' ')}`.trim();
    const header = ['# trial-ts benchmark results', '', `- Date: ${startedAt.toISOString()} (took ${minutes} min)`,
      `- Machine: ${machine()[0]}`, `- Versions: ${machine()[1]}`, `- Command: \`${command}\``, ''];
    fs.writeFileSync(opts.markdown, `${header.join('\n')}\n${text}\n`);
  }
  if (opts.json) {
    const raw = Object.fromEntries([...cells].map(([k, v]) => [k, stripOutput(v)]));
    fs.writeFileSync(opts.json, `${JSON.stringify({ machine: machine(), cells: raw }, null, 2)}\n`);
  }
  const invalid = [...cells.values()].some((c) => c.error);
  process.exitCode = invalid ? 1 : 0;
}

function stripOutput(cell) {
  if (!cell.samples) return cell;
  const strip = (s) => s && { ...s, output: undefined };
  return { ...cell, warmup: strip(cell.warmup), samples: cell.samples.map(strip) };
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack}\n`);
  process.exitCode = 1;
});
