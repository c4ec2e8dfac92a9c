#!/usr/bin/env node
'use strict';
/**
 * The project's benchmark (issues 2 and 16): trial-ts against mocha + tsx, node:test + tsx
 * and vitest 4 on the same generated TypeScript suites, as CommonJS and as ES-module
 * packages, on one or more Node binaries (see README.md here for the method). Progress
 * goes to stderr; the Markdown tables go to stdout (and to --markdown FILE with the
 * machine and command).
 *
 *   node test/bench/bench.js [--runs 5] [--slow-runs 1] [--slow-threshold 5]
 *     [--suites S1,S2,S3,S4] [--modules cjs,esm] [--modes default,p2] [--runners trial-ts,mocha,node-test,vitest]
 *     [--node PATH]... [--timeout 300] [--markdown FILE] [--json FILE]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { SUITES, MODULE_TYPES, generateSuite } = require('./generate');
const { measureInterleaved, waitForQuiet, HAVE_TIME } = require('./measure');
const { CONFIGS, PROJECT_ROOT, PEERS_DIR, TRIAL_BIN, PEER_PACKAGES, peersInstalled, installedVersion } = require('./runners');
const { summaryTable, suiteTable, targetRows, targetsTable, columnId } = require('./report');

const WORK_DIR = path.join(__dirname, 'work');
const MULTI_FILE = (suiteId) => SUITES[suiteId].files > 1;

const USAGE = `usage: node test/bench/bench.js [options]
  --runs N              counted runs per cell, after 1 warm-up (default 5)
  --slow-runs N         counted runs when a run takes longer than --slow-threshold (default 1)
  --slow-threshold S    seconds (default 5)
  --suites LIST         e.g. S1,S3 (default S1,S2,S3,S4)
  --modes LIST          row modes to run: default (single worker), p2 (2 workers) (default both)
  --modules LIST        package types to generate each suite as: cjs, esm (default cjs,esm)
  --node PATH           the Node binary that runs every runner (default: the one running the
                        bench); repeat it to run the whole comparison on each binary in turn
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
      modules: { type: 'string', default: Object.keys(MODULE_TYPES).join(',') },
      modes: { type: 'string', default: 'default,p2' },
      node: { type: 'string', multiple: true },
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
  const modules = values.modules.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const modes = values.modes.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = [...suites.filter((s) => !SUITES[s]), ...modules.filter((m) => !MODULE_TYPES[m]),
    ...modes.filter((m) => !CONFIGS.some((c) => c.mode === m)),
    ...wanted.filter((w) => !CONFIGS.some((c) => c.id === w || c.family === w))];
  if (unknown.length) usageError(`unknown suite, module type or runner: ${unknown.join(', ')}`);
  const nodes = (values.node ?? [process.execPath]).map(nodeBinary);
  const configs = CONFIGS.filter((c) => (wanted.includes(c.family) || wanted.includes(c.id)) && modes.includes(c.mode));
  const numbers = ['runs', 'slow-runs', 'slow-threshold', 'timeout'].map((k) => Number(values[k]));
  if (numbers.some((n) => !Number.isFinite(n) || n <= 0)) usageError('--runs, --slow-runs, --slow-threshold and --timeout take positive numbers');
  const [runs, slowRuns, slowThresholdS, timeoutS] = numbers;
  const quiet = Number(values.quiet);
  if (!Number.isFinite(quiet) || quiet < 0) usageError('--quiet takes a number of cores (0 = do not wait)');
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  if (values['no-extra-ca-certs']) delete env.NODE_EXTRA_CA_CERTS;
  return { suites, modules, nodes, configs, runs, slowRuns, slowThresholdS, timeoutMs: timeoutS * 1000, quiet, env, markdown: values.markdown, json: values.json };
}

/** A Node binary given to --node, with its version (it must run). */
function nodeBinary(file) {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) usageError(`--node ${file}: does not run (${result.error?.message ?? result.stderr.trim()})`);
  return { path: file, version: result.stdout.trim() };
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

function trialHelp(node) {
  if (!fs.existsSync(TRIAL_BIN)) return null;
  const result = spawnSync(node.path, [TRIAL_BIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
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

/** The job that measures one runner config on one generated suite (see `measureInterleaved`). */
function cellJob(config, suiteId, moduleType, node, opts, warmed) {
  const roots = { projectRoot: PROJECT_ROOT, peersDir: PEERS_DIR };
  const suite = generateSuite(WORK_DIR, config.family, suiteId, roots, moduleType);
  // One warm-up per runner, suite and Node fills the transform caches for all its modes.
  const warmKey = `${config.family}/${suiteId}/${moduleType}/${node.path}`;
  const warmup = !warmed.has(warmKey);
  warmed.add(warmKey);
  return {
    command: node.path,
    args: config.args(suiteId, suite.files),
    options: {
      cwd: suite.runnerDir,
      env: opts.env,
      timeoutMs: opts.timeoutMs,
      runs: opts.runs,
      warmup,
      slowRuns: opts.slowRuns,
      slowThresholdS: opts.slowThresholdS,
      validate: validator(config, suite.expectedTests),
      beforeRun: opts.quiet > 0 ? () => quietEnough(opts.quiet) : undefined,
      onSample: (s, counted) => log(`  ${config.label}: ${counted ? 'run' : 'warm-up'}: ${s.wallS.toFixed(3)} s wall, `
        + `${s.cpuS?.toFixed(2)} s cpu, foreign load ${s.foreignCores?.toFixed(2)} cores`),
    },
  };
}

/**
 * Measure every runner of one column (suite × module system) in turns, so that they see
 * the same machine.
 */
async function measureColumn(configs, suiteId, moduleType, node, opts, warmed) {
  const started = Date.now();
  const cells = await measureInterleaved(configs.map((config) => cellJob(config, suiteId, moduleType, node, opts, warmed)));
  const took = ((Date.now() - started) / 1000).toFixed(1);
  for (const [index, cell] of cells.entries()) {
    log(`  ${configs[index].label}: ${cell.error ? `INVALID: ${cell.error}` : `median ${cell.median.wallS.toFixed(3)} s`}`);
  }
  log(`  (${took} s for the column)`);
  return cells;
}

/** The columns of the tables: each suite in each module system, in order. */
function columnsOf(opts) {
  return opts.suites.flatMap((suiteId) => opts.modules.map((moduleType) => columnId(suiteId, moduleType)));
}

/** Every cell for one Node binary: `${configId}/${column}` → measurement or skip note. */
async function runAll(opts, node, warmed) {
  const cells = new Map();
  const help = opts.configs.some((c) => c.family === 'trial-ts') ? trialHelp(node) : null;
  for (const suiteId of opts.suites) {
    for (const moduleType of opts.modules) {
      const title = `${node.version} ${suiteId} ${moduleType.toUpperCase()}`;
      const measured = [];
      for (const config of opts.configs) {
        if (config.multiFileOnly && !MULTI_FILE(suiteId)) continue;
        const unavailable = config.family === 'trial-ts' ? trialUnavailable(config, help) : null;
        if (unavailable) {
          log(`${title} ${config.label}: skipped (${unavailable})`);
          cells.set(`${config.id}/${columnId(suiteId, moduleType)}`, { skipped: unavailable });
        } else {
          measured.push(config);
        }
      }
      if (measured.length === 0) continue;
      log(`${title}: ${measured.map((config) => config.label).join(', ')}, in turns`);
      const results = await measureColumn(measured, suiteId, moduleType, node, opts, warmed);
      for (const [index, config] of measured.entries()) cells.set(`${config.id}/${columnId(suiteId, moduleType)}`, results[index]);
    }
  }
  return cells;
}

function machine(opts) {
  const cpus = os.cpus();
  const versions = ['trial-ts', 'mocha', 'tsx', 'vitest'].map((n) => `${n} ${installedVersion(n) ?? '—'}`).join(' · ');
  return [
    `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `Node ${opts.nodes.map((n) => n.version).join(', ')} · ${versions}`,
  ];
}

/** The tables of one Node binary's cells. */
function renderNode(opts, node, cells) {
  const columns = columnsOf(opts);
  return [
    `## Node ${node.version}: median wall s (median cpu s)`,
    '',
    summaryTable(opts.configs, columns, cells),
    '',
    ...columns.flatMap((column) => [suiteTable(opts.configs, column, cells, `### Node ${node.version}:`), '']),
  ];
}

function render(opts, results, loadBefore, loadAfter) {
  const columns = columnsOf(opts);
  const parts = [
    '## Targets (issue 16)',
    '',
    targetsTable(results.flatMap(({ node, cells }) => targetRows(node.version, columns, cells))),
    '',
    'Ratios are trial-ts/peer (below 1: trial-ts is faster or smaller); `-j 2` rows are compared with `trial-ts -j 2`, the',
    'others with single-process trial-ts. cpu = user+sys of the process tree; peak RSS = largest single process.',
    'foreign load = median cores used by other processes on the machine during the runs (from /proc/stat).',
    '† = processes were left in the runner\'s process group at exit and killed (their CPU is not counted).',
    '',
    ...results.flatMap(({ node, cells }) => renderNode(opts, node, cells)),
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
  const warmed = new Set();
  const results = [];
  for (const node of opts.nodes) results.push({ node, cells: await runAll(opts, node, warmed) });
  const minutes = ((Date.now() - startedAt.getTime()) / 60_000).toFixed(1);
  const text = render(opts, results, loadBefore, os.loadavg()[0]);
  process.stdout.write(`${text}\n`);
  if (opts.markdown) {
    const command = `node test/bench/bench.js ${process.argv.slice(2).join(' ')}`.trim();
    const header = ['# trial-ts benchmark results', '', `- Date: ${startedAt.toISOString()} (took ${minutes} min)`,
      `- Machine: ${machine(opts)[0]}`, `- Versions: ${machine(opts)[1]}`, `- Command: \`${command}\``, ''];
    fs.writeFileSync(opts.markdown, `${header.join('\n')}\n${text}\n`);
  }
  if (opts.json) {
    const raw = Object.fromEntries(results.flatMap(({ node, cells }) =>
      [...cells].map(([k, v]) => [`${node.version}/${k}`, stripOutput(v)])));
    fs.writeFileSync(opts.json, `${JSON.stringify({ machine: machine(opts), cells: raw }, null, 2)}\n`);
  }
  const invalid = results.some(({ cells }) => [...cells.values()].some((c) => c.error));
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
