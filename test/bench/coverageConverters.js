#!/usr/bin/env node
/**
 * Coverage converters compared (issue 13): the raw V8 coverage a `--coverage` run saved
 * (its coverage-v8.json) converted to istanbul by v8-to-istanbul (what trial-ts ships,
 * with its own clean-up of lines without code), ast-v8-to-istanbul (with acorn parsing the
 * executed JavaScript) and monocart-coverage-reports, when the last two are installed in
 * test/bench/peers. For each: the median wall and CPU time (this process's user+sys) of
 * --runs conversions of every file, the istanbul totals, and the lines reported that carry
 * no code (types, interfaces, comments, blank lines: they should never be counted). The
 * TypeScript compile that every converter needs is done once, before timing.
 *
 *   npm run build
 *   (cd fixtures/coverage && node ../../bin/trial-ts.js --coverage --coverage-reporter json --coverage-dir /tmp/fx)
 *   node test/bench/coverageConverters.js /tmp/fx/coverage-v8.json --cwd fixtures/coverage [--runs 5]
 *
 * Install the peers once: npm install --prefix test/bench/peers ast-v8-to-istanbul@1 acorn@8 monocart-coverage-reports@2
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { median } = require('./measure');
const { PROJECT_ROOT, PEERS_DIR } = require('./runners');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}
const RUNS = Number(option('runs', 5));
const CWD = path.resolve(option('cwd', '.'));
const RAW = process.argv[2];

const { scriptSource } = require(path.join(PROJECT_ROOT, 'dist', 'coverage', 'scriptSource.js'));
const { CoverageConverter } = require(path.join(PROJECT_ROOT, 'dist', 'coverage', 'convertCoverage.js'));
const libCoverage = require('istanbul-lib-coverage');

function peer(name) {
  try {
    return require.resolve(name, { paths: [PEERS_DIR] });
  } catch {
    return undefined;
  }
}

/** Every file of the raw report, compiled once: code, its source map, its code lines, V8's functions. */
function loadEntries() {
  const report = JSON.parse(fs.readFileSync(RAW, 'utf8'));
  return report.result.map(({ url, functions }) => {
    const file = path.resolve(CWD, url);
    const source = scriptSource(file);
    const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(source.code);
    const map = inline === null ? undefined : JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8'));
    const empty = [{ functionName: '(empty-report)', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: source.code.length, count: 0 }] }];
    return { file, code: source.code, map, codeLines: source.codeLines, functions: functions.length > 0 ? functions : empty, rawFunctions: functions };
  });
}

/** v8-to-istanbul as trial-ts runs it (the compile is cached by then, as in a run). */
async function viaV8ToIstanbul(entries) {
  const map = libCoverage.createCoverageMap({});
  const converter = new CoverageConverter(map);
  for (const entry of entries) await converter.add(entry.file, entry.rawFunctions);
  return map;
}

async function viaAst(entries) {
  const { convert } = await import(pathToFileURL(peer('ast-v8-to-istanbul')).href);
  const acorn = require(peer('acorn'));
  const map = libCoverage.createCoverageMap({});
  for (const entry of entries) {
    const ast = acorn.parse(entry.code, { ecmaVersion: 'latest', sourceType: /\.m[tj]s$/.test(entry.file) ? 'module' : 'script', allowHashBang: true });
    const data = await convert({ code: entry.code, ast, wrapperLength: 0, coverage: { url: pathToFileURL(entry.file).href, functions: entry.functions }, sourceMap: entry.map });
    map.merge(data);
  }
  return map;
}

async function viaMonocart(entries) {
  const MCR = require(peer('monocart-coverage-reports'));
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcr-'));
  const mcr = MCR({ outputDir, reports: [['json', { file: 'coverage-final.json' }]], logging: 'error', cleanCache: true });
  await mcr.add(entries.map((entry, index) => ({ scriptId: String(index + 1), url: pathToFileURL(entry.file).href, source: entry.code, sourceMap: entry.map, functions: entry.functions })));
  await mcr.generate();
  const data = JSON.parse(fs.readFileSync(path.join(outputDir, 'coverage-final.json'), 'utf8'));
  fs.rmSync(outputDir, { recursive: true, force: true });
  // monocart names files relative to the cwd: key them by absolute path as the others do.
  const absolute = {};
  for (const [file, coverage] of Object.entries(data)) absolute[path.resolve(file)] = { ...coverage, path: path.resolve(file) };
  return libCoverage.createCoverageMap(absolute);
}

/** Totals, and the lines counted that carry no code, over every file. */
function describe(map, entries) {
  const summary = map.getCoverageSummary();
  let nonCode = 0;
  const perFile = {};
  for (const entry of entries) {
    if (!map.files().includes(entry.file)) continue;
    const lines = map.fileCoverageFor(entry.file).getLineCoverage();
    const counted = Object.keys(lines).map(Number);
    nonCode += counted.filter((line) => !entry.codeLines.has(line)).length;
    perFile[path.relative(CWD, entry.file)] = {
      missed: counted.filter((line) => lines[line] === 0),
      branches: map.fileCoverageFor(entry.file).toSummary().branches,
    };
  }
  const pair = (metric) => `${summary[metric].covered}/${summary[metric].total}`;
  return { files: map.files().length, lines: pair('lines'), statements: pair('statements'), branches: pair('branches'), functions: pair('functions'), nonCode, perFile };
}

async function main() {
  if (RAW === undefined) throw new Error('usage: node test/bench/coverageConverters.js coverage-v8.json --cwd PROJECT [--runs N]');
  const entries = loadEntries();
  const converters = [['v8-to-istanbul (trial-ts)', viaV8ToIstanbul]];
  if (peer('ast-v8-to-istanbul') !== undefined && peer('acorn') !== undefined) converters.push(['ast-v8-to-istanbul + acorn', viaAst]);
  if (peer('monocart-coverage-reports') !== undefined) converters.push(['monocart-coverage-reports', viaMonocart]);
  const rows = [];
  for (const [label, convert] of converters) {
    const map = await convert(entries); // warm-up: loads the libraries
    const walls = [];
    const cpus = [];
    for (let run = 0; run < RUNS; run++) {
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      await convert(entries);
      const cpu = process.cpuUsage(cpuStart);
      walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      cpus.push((cpu.user + cpu.system) / 1000);
    }
    rows.push({ label, ms: median(walls), cpuMs: median(cpus), ...describe(map, entries) });
  }
  const lines = [
    `${entries.length} files of ${path.relative(process.cwd(), CWD) || '.'}, median of ${RUNS} conversions (node ${process.version})`,
    '',
    '| converter | median wall ms | median cpu ms | lines | statements | branches | functions | lines without code counted |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) lines.push(`| ${row.label} | ${row.ms.toFixed(1)} | ${row.cpuMs.toFixed(1)} | ${row.lines} | ${row.statements} | ${row.branches} | ${row.functions} | ${row.nonCode} |`);
  if (process.argv.includes('--per-file')) lines.push('', JSON.stringify(Object.fromEntries(rows.map((row) => [row.label, row.perFile])), null, 1));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
