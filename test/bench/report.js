'use strict';
/**
 * Formats benchmark results as Markdown tables: a summary (wall and cpu per runner and
 * suite), a detailed table per suite with the ratio trial-ts/peer, and the issue's
 * targets checked against this run's figures.
 */
const { SUITES } = require('./generate');

/** mocha + tsx as first measured before trial-ts was written, mapped to our suite names. */
const RESEARCH_MOCHA_TSX = { S1: 0.25, S2: 0.78, S3: 0.49, S4: 1.68 };
const STARTUP_TARGET_S = 0.2;

function fmt(value, digits = 2) {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

function ratio(a, b) {
  return a === null || b === null || a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}x`;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function cellText(cell) {
  if (!cell) return '';
  if (cell.skipped) return `skipped (${cell.skipped})`;
  if (cell.error) return 'INVALID';
  return `${fmt(cell.median.wallS)} (${fmt(cell.median.cpuS)})`;
}

/**
 * @param {import('./runners').RunnerConfig[]} configs - rows, in order.
 * @param {string[]} suites - columns, in order.
 * @param {Map<string, object>} cells - `${configId}/${suiteId}` → measurement or skip note.
 * @returns {string}
 */
function summaryTable(configs, suites, cells) {
  const rows = configs
    .filter((c) => suites.some((s) => cells.has(`${c.id}/${s}`)))
    .map((c) => [c.label, ...suites.map((s) => cellText(cells.get(`${c.id}/${s}`)))]);
  return table(['runner', ...suites.map((s) => `${s} ${SUITES[s].title}`)], rows);
}

function detailRow(config, cell, ref) {
  if (cell.skipped) return [config.label, `skipped: ${cell.skipped}`, '', '', '', '', '', '', ''];
  if (cell.error) return [config.label, `INVALID: ${cell.error.split('\n')[0]}`, '', '', '', '', '', '', ''];
  const m = cell.median;
  const isRef = ref === cell || !ref || ref.error || ref.skipped;
  const runs = `${cell.samples.length}${cell.warmup ? '+1 warm-up' : ''}${cell.leftovers ? ' †' : ''}`;
  return [
    config.label,
    `${fmt(m.wallS, 3)} [${fmt(cell.minWallS, 3)}–${fmt(cell.maxWallS, 3)}]`,
    fmt(m.cpuS, 3),
    fmt(m.peakRssMiB, 1),
    runs,
    isRef ? '—' : ratio(ref.median.wallS, m.wallS),
    isRef ? '—' : ratio(ref.median.cpuS, m.cpuS),
    isRef ? '—' : ratio(ref.median.peakRssMiB, m.peakRssMiB),
    fmt(m.foreignCores),
  ];
}

/**
 * One table per suite: median [min–max] wall, median cpu, median peak RSS, runs, and
 * trial-ts/peer ratios (below 1 = trial-ts is faster / smaller). Rows in `-j 2` mode
 * are compared with `trial-ts -j 2`, the others with single-process trial-ts.
 *
 * @param {import('./runners').RunnerConfig[]} configs
 * @param {string} suiteId
 * @param {Map<string, object>} cells
 * @returns {string}
 */
function suiteTable(configs, suiteId, cells) {
  const rows = [];
  for (const config of configs) {
    const cell = cells.get(`${config.id}/${suiteId}`);
    if (cell) rows.push(detailRow(config, cell, cells.get(`${config.reference}/${suiteId}`)));
  }
  const header = ['runner', 'wall s median [min–max]', 'cpu s', 'peak RSS MiB', 'runs',
    'trial-ts/peer wall', 'trial-ts/peer cpu', 'trial-ts/peer RSS', 'foreign load'];
  return `### ${suiteId}: ${SUITES[suiteId].title}\n\n${table(header, rows)}`;
}

function valid(cell) {
  return cell && !cell.error && !cell.skipped;
}

/**
 * The targets: single-process trial-ts at least as fast as mocha + tsx on every
 * suite (this run's mocha, and the research figure), and S1 under 0.2 s.
 *
 * @param {string[]} suites
 * @param {Map<string, object>} cells
 * @returns {string}
 */
function targetsTable(suites, cells) {
  const rows = suites.map((s) => {
    const trial = cells.get(`trial-ts/${s}`);
    const mocha = cells.get(`mocha/${s}`);
    const t = valid(trial) ? trial.median.wallS : null;
    const m = valid(mocha) ? mocha.median.wallS : null;
    const verdict = t === null || m === null ? 'n/a' : t <= m ? 'met' : 'NOT met';
    const research = RESEARCH_MOCHA_TSX[s];
    return [s, fmt(t), fmt(m), verdict, fmt(research), t === null ? 'n/a' : t <= research ? 'met' : 'NOT met'];
  });
  const lines = [table(['suite', 'trial-ts wall s', 'mocha + tsx wall s (this run)', 'trial-ts ≤ mocha',
    'mocha + tsx (research)', 'trial-ts ≤ research'], rows)];
  const s1 = cells.get('trial-ts/S1');
  if (valid(s1)) {
    const ok = s1.median.wallS < STARTUP_TARGET_S;
    lines.push('', `Startup (S1, one-test TS file): ${fmt(s1.median.wallS, 3)} s — target < ${STARTUP_TARGET_S} s: ${ok ? 'met' : 'NOT met'}`);
  }
  return lines.join('\n');
}

module.exports = { summaryTable, suiteTable, targetsTable, RESEARCH_MOCHA_TSX };
