'use strict';
/**
 * Formats benchmark results as Markdown tables: a summary (wall and cpu per runner and
 * column), a detailed table per column with the ratio trial-ts/peer, and issue 16's
 * targets checked against this run's figures.
 *
 * A column is a suite in one module system, named `S1-cjs`, `S2-esm`...; a cell is keyed
 * `${configId}/${column}`.
 */
const { SUITES } = require('./generate');

/** Issue 16: trial-ts (leak checks on) at most this share of mocha + tsx's wall time. */
const MOCHA_SHARE_TARGET = 0.8;
/** Issue 16: an ES-module suite at most this much slower than the same suite as CommonJS. */
const ESM_OVER_CJS_TARGET = 1.1;
/** Issue 16: S1 under this on Node 24. */
const STARTUP_TARGET_S = 0.12;

/**
 * The column name of a suite in a module system.
 *
 * @param {string} suiteId - S1..S4.
 * @param {'cjs'|'esm'} variant - the module system.
 * @returns {string} e.g. `S1-esm`.
 */
function columnId(suiteId, variant) {
  return `${suiteId}-${variant}`;
}

function columnTitle(column) {
  const [suiteId, variant] = column.split('-');
  return `${suiteId} ${variant.toUpperCase()} ${SUITES[suiteId].title}`;
}

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
 * @param {string[]} columns - e.g. `['S1-cjs', 'S1-esm']`, in order.
 * @param {Map<string, object>} cells - `${configId}/${column}` → measurement or skip note.
 * @returns {string}
 */
function summaryTable(configs, columns, cells) {
  const rows = configs
    .filter((c) => columns.some((s) => cells.has(`${c.id}/${s}`)))
    .map((c) => [c.label, ...columns.map((s) => cellText(cells.get(`${c.id}/${s}`)))]);
  return table(['runner', ...columns.map(columnTitle)], rows);
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
 * One table per column: median [min–max] wall, median cpu, median peak RSS, runs, and
 * trial-ts/peer ratios (below 1 = trial-ts is faster / smaller). Rows in `-j 2` mode
 * are compared with `trial-ts -j 2`, the others with single-process trial-ts.
 *
 * @param {import('./runners').RunnerConfig[]} configs
 * @param {string} column - e.g. `S2-esm`.
 * @param {Map<string, object>} cells
 * @param {string} [heading] - Markdown heading prefix (default `###`).
 * @returns {string}
 */
function suiteTable(configs, column, cells, heading = '###') {
  const rows = [];
  for (const config of configs) {
    const cell = cells.get(`${config.id}/${column}`);
    if (cell) rows.push(detailRow(config, cell, cells.get(`${config.reference}/${column}`)));
  }
  const header = ['runner', 'wall s median [min–max]', 'cpu s', 'peak RSS MiB', 'runs',
    'trial-ts/peer wall', 'trial-ts/peer cpu', 'trial-ts/peer RSS', 'foreign load'];
  return `${heading} ${columnTitle(column)}\n\n${table(header, rows)}`;
}

function valid(cell) {
  return cell && !cell.error && !cell.skipped;
}

function wallOf(cell) {
  return valid(cell) ? cell.median.wallS : null;
}

function verdict(ok) {
  return ok === null ? 'n/a' : ok ? 'met' : 'NOT met';
}

/**
 * Issue 16's targets for one Node version, one row per suite and module system: trial-ts
 * (leak checks on) at most 0.8x mocha + tsx's wall time, ES modules within 10 % of
 * CommonJS, and S1 under 0.12 s (the target is set for Node 24; shown for every version).
 *
 * @param {string} nodeLabel - e.g. `Node v24.1.0`.
 * @param {string[]} columns - e.g. `['S1-cjs', 'S1-esm']`.
 * @param {Map<string, object>} cells - that Node's cells.
 * @returns {string[][]} table rows (see `targetsTable`).
 */
function targetRows(nodeLabel, columns, cells) {
  return columns.map((column) => {
    const [suiteId, variant] = column.split('-');
    const t = wallOf(cells.get(`trial-ts/${column}`));
    const m = wallOf(cells.get(`mocha/${column}`));
    const share = t === null || m === null ? null : t / m;
    const cjs = variant === 'esm' ? wallOf(cells.get(`trial-ts/${columnId(suiteId, 'cjs')}`)) : null;
    const overCjs = t === null || cjs === null ? null : t / cjs;
    return [
      nodeLabel, suiteId, variant.toUpperCase(), fmt(t, 3), fmt(m, 3),
      share === null ? '—' : `${share.toFixed(2)}x`, verdict(share === null ? null : share <= MOCHA_SHARE_TARGET),
      overCjs === null ? '—' : `${overCjs.toFixed(2)}x`, variant === 'esm' ? verdict(overCjs === null ? null : overCjs <= ESM_OVER_CJS_TARGET) : '',
      suiteId === 'S1' ? verdict(t === null ? null : t < STARTUP_TARGET_S) : '',
    ];
  });
}

/**
 * The targets table over every Node version measured.
 *
 * @param {string[][]} rows - from `targetRows`, for each Node.
 * @returns {string}
 */
function targetsTable(rows) {
  return table(['node', 'suite', 'modules', 'trial-ts wall s', 'mocha + tsx wall s', 'trial-ts/mocha',
    `≤ ${MOCHA_SHARE_TARGET}x mocha`, 'ESM/CJS', `ESM ≤ ${ESM_OVER_CJS_TARGET}x CJS`, `S1 < ${STARTUP_TARGET_S} s`], rows);
}

module.exports = { summaryTable, suiteTable, targetRows, targetsTable, columnId };
