#!/usr/bin/env node
'use strict';
/**
 * Benchmark of watch mode (run `npm run build` first): the time from saving a file to
 * the re-run's summary (`Ran N tests`), without a terminal, for
 *   pg    — fixtures/examples/postgres copied to test/bench/work/watch-pg: one test file
 *           saved (one affected file), the PostgreSQL sidecar warm from the first run;
 *   suite — the project's own test/runner folder: src/runner/shard.ts saved (the test
 *           files importing it re-run), restored afterwards.
 * Each scenario saves RUNS times, 0.4 s apart after each summary. Prints medians (min–max) in ms.
 *
 *   node test/bench/watch.js [runs=9] [scenarios=pg,suite]
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'trial-ts.js');
const RUNS = Number(process.argv[2] ?? 9);
const SCENARIOS = (process.argv[3] ?? 'pg,suite').split(',');

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: +median.toFixed(1), min: +s[0].toFixed(1), max: +s[s.length - 1].toFixed(1), n: s.length };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start `trial-ts --watch args` in cwd; `next(pattern)` resolves with the time pattern next appears. */
function startWatch(cwd, args) {
  const child = spawn(process.execPath, [BIN, '--watch', '--reporter', 'text', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  let waiter;
  // What arrived after a match stays for the next wait: one chunk can hold the summary and the prompt.
  const check = () => {
    const match = waiter === undefined ? null : waiter.pattern.exec(buffer);
    if (match === null) return;
    buffer = buffer.slice(match.index + match[0].length);
    const resolve = waiter.resolve;
    waiter = undefined;
    resolve(performance.now());
  };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    buffer += chunk;
    check();
  });
  return {
    next: (pattern) => new Promise((resolve) => {
      waiter = { pattern, resolve };
      check();
    }),
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    }),
  };
}

async function measure(name, cwd, args, file) {
  const original = fs.readFileSync(file, 'utf8');
  const watch = startWatch(cwd, args);
  const latencies = [];
  // The saved file is a real source file: put it back even when the bench is interrupted.
  const interrupted = () => {
    fs.writeFileSync(file, original);
    watch.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await watch.next(/Waiting for file changes/);
    for (let run = 0; run < RUNS; run++) {
      await sleep(400);
      const summary = watch.next(/Ran \d+ tests/);
      const saved = performance.now();
      fs.writeFileSync(file, `${original}\n// save ${run}\n`);
      latencies.push((await summary) - saved);
      await watch.next(/Waiting for file changes/);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    fs.writeFileSync(file, original);
    await watch.stop();
  }
  console.log(`${name}: save → summary ${JSON.stringify(stats(latencies))} ms`);
}

async function main() {
  if (SCENARIOS.includes('pg')) {
    const work = path.join(ROOT, 'test', 'bench', 'work', 'watch-pg');
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, 'fixtures', 'examples', 'postgres'), work, { recursive: true });
    const saved = path.join(work, 'test', 'test_usersA.ts');
    await measure('pg (one test file, PostgreSQL warm)', work, [], saved);
  }
  if (SCENARIOS.includes('suite')) {
    await measure('suite (test/runner, src/runner/shard.ts saved)', ROOT, ['test/runner'], path.join(ROOT, 'src', 'runner', 'shard.ts'));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
