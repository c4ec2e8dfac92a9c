'use strict';
/**
 * Times a command as the project's first peer benchmark did: the whole process,
 * from spawn to exit. wall = start to exit (hrtime in this process); cpu = user+sys
 * of the child and every descendant it reaped (GNU time, i.e. wait4's rusage); peak
 * RSS = ru_maxrss, the largest single process of that tree (not a sum over workers).
 *
 * The child runs in its own process group. Processes still in that group after it
 * exits (tsx's esbuild service, a leaked worker) are reported as `leftovers` and killed
 * through the group id; their CPU is not in the figures.
 *
 * Reusable: `runOnce` for one sample, `measure` for warm-up + N runs + medians,
 * `measureInterleaved` for several commands taking turns.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TIME_BIN = '/usr/bin/time';
const HAVE_TIME = fs.existsSync(TIME_BIN);
const LEFTOVER_GRACE_MS = 500;

/** Process groups of the commands running now, killed if this process is interrupted. */
const running = new Set();
let signalsHooked = false;

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      for (const pgid of running) killGroup(pgid);
      process.exit(code);
    });
  }
}

/**
 * @typedef {object} Sample
 * @property {number} wallS - seconds from spawn to exit.
 * @property {number|null} cpuS - user+sys seconds of the process tree.
 * @property {number|null} peakRssMiB - max RSS of the largest process in the tree.
 * @property {number|null} exitCode - the command's exit code (null when signalled).
 * @property {number|null} foreignCores - average cores used by other processes on the
 *   machine during the run (busy CPU from /proc/stat minus this run's cpu, over wall).
 * @property {boolean} timedOut - killed after `timeoutMs`.
 * @property {string[]|null} leftovers - `ps` lines of processes left in the group after exit
 *   (killed), or null.
 * @property {string} output - stdout and stderr, interleaved as written.
 */

/**
 * Children CPU time of this process so far, in seconds (fallback when GNU time is
 * missing; only correct while one command runs at a time).
 *
 * @returns {number}
 */
function childrenCpuS() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of /proc/pid/stat (1-based); fields[0] is field 3.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * CPU seconds all processes on the machine have used so far (from /proc/stat), to
 * estimate the load that other work put on the machine during a run.
 *
 * @returns {number|null} null where /proc/stat is unavailable.
 */
function machineBusyS() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
  } catch {
    return null;
  }
}

/**
 * Wait until the machine is quiet: the cores busy over a one-second window fall below
 * `maxCores`, or `maxWaitMs` has passed.
 *
 * @param {number} maxCores - e.g. 0.3.
 * @param {number} [maxWaitMs] - give up after this long (default 120 s).
 * @param {number} [windowMs] - length of one sample (default 1 s).
 * @returns {Promise<number|null>} the last load seen (cores), or null without /proc/stat.
 */
async function waitForQuiet(maxCores, maxWaitMs = 120_000, windowMs = 1000) {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const before = machineBusyS();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = machineBusyS();
    if (before === null || after === null) return null;
    const load = ((after - before) * 1000) / windowMs;
    if (load < maxCores || Date.now() >= deadline) return load;
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wait up to LEFTOVER_GRACE_MS for the group to empty, then kill what is left.
 *
 * @param {number} pgid - the child's process group.
 * @returns {Promise<string[]|null>} `ps` lines of the processes left behind, or null.
 */
async function reapGroup(pgid) {
  const deadline = Date.now() + LEFTOVER_GRACE_MS;
  while (groupAlive(pgid)) {
    // An orphan that already exited stays a zombie until init reaps it: not a leftover.
    const left = groupMembers(pgid).filter((line) => !/^\d+ Z/.test(line));
    if (left.length === 0) return null;
    if (Date.now() >= deadline) {
      killGroup(pgid);
      return left;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

function groupMembers(pgid) {
  const ps = spawnSync('ps', ['-eo', 'pgid=,pid=,stat=,args='], { encoding: 'utf8' });
  return (ps.stdout ?? '').split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0] === String(pgid))
    .map((fields) => fields.slice(1).join(' ').slice(0, 200));
}

function parseTimeFile(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  const [user, sys, maxRssKiB] = text.split('\n').pop().trim().split(/\s+/).map(Number);
  // Empty when time itself was killed (timeout): no figures.
  if (!Number.isFinite(user) || !Number.isFinite(sys)) return { cpuS: null, peakRssMiB: null };
  return { cpuS: user + sys, peakRssMiB: Number.isFinite(maxRssKiB) ? maxRssKiB / 1024 : null };
}

/**
 * Run a command once and measure it.
 *
 * @param {string} command - executable (e.g. process.execPath).
 * @param {string[]} args - its arguments.
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number}} [options] -
 *   cwd, environment (default: this one without FORCE_COLOR), timeout (default 600 s).
 * @returns {Promise<Sample>}
 */
async function runOnce(command, args, options = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-bench-'));
  const outFile = path.join(scratch, 'output');
  const timeFile = path.join(scratch, 'time');
  const outFd = fs.openSync(outFile, 'w');
  const env = options.env ?? withoutForceColor(process.env);
  const argv = HAVE_TIME ? [TIME_BIN, '-f', '%U %S %M', '-o', timeFile, command, ...args] : [command, ...args];
  const cpuBefore = HAVE_TIME ? 0 : childrenCpuS();
  const busyBefore = machineBusyS();
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env, detached: true, stdio: ['ignore', outFd, outFd] });
  fs.closeSync(outFd);
  hookSignals();
  running.add(child.pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs ?? 600_000);
  const { code, signal } = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const busyAfter = machineBusyS();
  clearTimeout(timer);
  const leftovers = await reapGroup(child.pid);
  running.delete(child.pid);
  const usage = HAVE_TIME ? parseTimeFile(timeFile) : { cpuS: childrenCpuS() - cpuBefore, peakRssMiB: null };
  const output = fs.readFileSync(outFile, 'utf8');
  const foreignCores = busyBefore === null || busyAfter === null || usage.cpuS === null
    ? null : Math.max(0, (busyAfter - busyBefore - usage.cpuS) / wallS);
  fs.rmSync(scratch, { recursive: true, force: true });
  // GNU time exits with the command's status; a signalled command makes it print a note.
  return { wallS, ...usage, foreignCores, exitCode: signal === null ? code : null, timedOut, leftovers, output };
}

function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function withoutForceColor(env) {
  const copy = { ...env };
  delete copy.FORCE_COLOR;
  return copy;
}

/**
 * The median of a list of numbers (mean of the middle two for an even count).
 *
 * @param {number[]} values - not empty.
 * @returns {number}
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @typedef {object} Measurement
 * @property {Sample[]} samples - the counted runs.
 * @property {Sample|null} warmup - the uncounted first run, if one was made.
 * @property {{wallS: number, cpuS: number|null, peakRssMiB: number|null, foreignCores: number|null}|null} median
 * @property {number|null} minWallS
 * @property {number|null} maxWallS
 * @property {string[]|null} leftovers - what the first run that left processes behind left.
 * @property {string|null} error - why the measurement is invalid (null when valid).
 */

/**
 * Run a command `warmup` + `runs` times and take medians. Stops at the first run that
 * `validate` rejects. When a run takes longer than `slowThresholdS`, only `slowRuns`
 * counted runs are made.
 *
 * @param {string} command - executable.
 * @param {string[]} args - its arguments.
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, runs?: number,
 *   warmup?: boolean, slowThresholdS?: number, slowRuns?: number,
 *   validate?: (sample: Sample) => string|null, onSample?: (sample: Sample, counted: boolean) => void,
 *   beforeRun?: () => Promise<void>}} [options] - `beforeRun` is awaited before every run
 *   (e.g. `waitForQuiet`).
 * @returns {Promise<Measurement>}
 */
async function measure(command, args, options = {}) {
  const [result] = await measureInterleaved([{ command, args, options }]);
  return result;
}

/**
 * Measure several commands in turns: each one's warm-up, then round after round one
 * counted run of each. The VM's speed drifts by up to ±20 % from one minute to the
 * next; taking turns exposes every command to the same drift, so their ratios hold
 * where back-to-back cells of five runs each did not. Each job stops at its first run
 * that its `validate` rejects (the others go on), and makes only `slowRuns` counted runs
 * once a run took longer than `slowThresholdS`.
 *
 * @param {{command: string, args: string[], options?: Parameters<typeof measure>[2]}[]} jobs
 * @returns {Promise<Measurement[]>} one per job, in order.
 */
async function measureInterleaved(jobs) {
  const results = jobs.map(() => ({ samples: [], warmup: null, median: null, minWallS: null, maxWallS: null, leftovers: null, error: null }));
  const planned = jobs.map(({ options = {} }) => options.runs ?? 5);
  const rounds = Math.max(...planned);
  for (let round = -1; round < rounds; round++) {
    for (const [index, { command, args, options = {} }] of jobs.entries()) {
      const result = results[index];
      if (result.error !== null || round >= planned[index] || (round < 0 && options.warmup === false)) continue;
      await options.beforeRun?.();
      const sample = await runOnce(command, args, options);
      result.leftovers ??= sample.leftovers;
      options.onSample?.(sample, round >= 0);
      const validate = options.validate ?? ((s) => (s.exitCode === 0 ? null : `exit code ${s.exitCode}`));
      const problem = sample.timedOut ? `timed out after ${(sample.wallS).toFixed(1)} s` : validate(sample);
      if (problem !== null) {
        result.error = `${problem}\n${tail(sample.output, 15)}`;
        continue;
      }
      if (round < 0) result.warmup = sample;
      else result.samples.push(sample);
      if (sample.wallS > (options.slowThresholdS ?? Infinity)) planned[index] = Math.min(planned[index], options.slowRuns ?? planned[index]);
    }
  }
  return results.map((result) => (result.error === null ? summarize(result) : result));
}

function summarize(result) {
  const walls = result.samples.map((s) => s.wallS);
  const cpus = result.samples.map((s) => s.cpuS).filter((v) => v !== null);
  const rss = result.samples.map((s) => s.peakRssMiB).filter((v) => v !== null);
  const foreign = result.samples.map((s) => s.foreignCores).filter((v) => v !== null);
  result.median = {
    wallS: median(walls),
    cpuS: cpus.length ? median(cpus) : null,
    peakRssMiB: rss.length ? median(rss) : null,
    foreignCores: foreign.length ? median(foreign) : null,
  };
  result.minWallS = Math.min(...walls);
  result.maxWallS = Math.max(...walls);
  return result;
}

/**
 * The last `n` lines of a text, for error messages.
 *
 * @param {string} text - any output.
 * @param {number} n - how many lines.
 * @returns {string}
 */
function tail(text, n) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

module.exports = { runOnce, measure, measureInterleaved, median, tail, waitForQuiet, HAVE_TIME };
