#!/usr/bin/env node
/**
 * 1,000 sequential HTTP request/response round trips to the same fastify app, four ways:
 *
 * - memory:      `network.fetch` over a MemoryNetwork (the platform's Request/Response,
 *                Node's HTTP client and server, llhttp on both sides, no socket, no port);
 * - memory-http: `http.request` with `{ agent: network.agent }` (Node's client alone);
 * - loopback:    undici's fetch over real TCP on 127.0.0.1 (keep-alive, one port);
 * - inject:      fastify's `inject()` (light-my-request: no parser, no socket) — what the
 *                real parser costs.
 *
 * Prints the median round trip of each, the total, the ratios, and how many ports the
 * memory run opened (none: `server.listening` stays false). The modes run in alternating
 * blocks of 100 after a warm-up of 100 each. Run after `npm run build`:
 *
 *   node test/bench/memoryNetwork.js [--requests 1000]
 */
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const { MemoryNetwork } = require(path.join(ROOT, 'dist', 'index.js'));
const Fastify = require('fastify');
const undici = require('undici');
const http = require('node:http');

const argIndex = process.argv.indexOf('--requests');
const REQUESTS = argIndex === -1 ? 1000 : Number(process.argv[argIndex + 1]);
const WARMUP = 100;

function buildApp() {
  const app = Fastify();
  app.post('/echo', async (request) => ({ got: request.body, at: request.url }));
  return app;
}

const BODY = JSON.stringify({ name: 'tea', price: 3.5 });
const INIT = { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY };

/** Per-request times of `roundTrip`, in milliseconds. */
async function timeBlock(roundTrip, count, times) {
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await roundTrip();
    times.push(performance.now() - t0);
  }
}

/**
 * Run the modes in alternating blocks of 100 (the machine is shared: a load spike then
 * hits every mode alike), after a warm-up of each.
 */
async function measureAll(modes) {
  const times = {};
  for (const [name, roundTrip] of Object.entries(modes)) {
    times[name] = [];
    await timeBlock(roundTrip, WARMUP, []);
  }
  const totals = Object.fromEntries(Object.keys(modes).map((name) => [name, 0]));
  for (let done = 0; done < REQUESTS; done += 100) {
    for (const [name, roundTrip] of Object.entries(modes)) {
      const start = performance.now();
      await timeBlock(roundTrip, Math.min(100, REQUESTS - done), times[name]);
      totals[name] += performance.now() - start;
    }
  }
  const results = {};
  for (const [name, list] of Object.entries(times)) {
    list.sort((a, b) => a - b);
    results[name] = { median: list[Math.floor(list.length / 2)], total: totals[name] };
  }
  return results;
}

async function check(text) {
  if (JSON.parse(text).got.name !== 'tea') throw new Error(`unexpected body: ${text}`);
}

/** One POST with Node's client through `agent`; resolves with the body text. */
function httpRequest(agent) {
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, host: 'shop.test', port: 80, path: '/echo', method: 'POST', headers: INIT.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    request.on('error', reject);
    request.end(BODY);
  });
}

async function main() {
  const memoryApp = buildApp();
  await memoryApp.ready();
  const network = new MemoryNetwork();
  network.listen(memoryApp.server, 'shop.test:80');

  const loopbackApp = buildApp();
  await loopbackApp.listen({ port: 0, host: '127.0.0.1' });
  const agent = new undici.Agent();
  const url = `http://127.0.0.1:${loopbackApp.server.address().port}/echo`;

  const injectApp = buildApp();
  await injectApp.ready();

  const results = await measureAll({
    memory: async () => check(await (await network.fetch('http://shop.test/echo', INIT)).text()),
    'memory-http': async () => check(await httpRequest(network.agent)),
    loopback: async () => check(await (await undici.fetch(url, { ...INIT, dispatcher: agent })).text()),
    inject: async () => check((await injectApp.inject({ method: 'POST', url: '/echo', headers: INIT.headers, payload: BODY })).body),
  });
  const portsOpened = memoryApp.server.listening ? 1 : 0;
  await network.close();
  await memoryApp.close();
  await agent.close();
  await loopbackApp.close();
  await injectApp.close();

  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  process.stdout.write(`${REQUESTS} sequential round trips (after ${WARMUP} warm-up), Node ${process.version}\n\n`);
  process.stdout.write('| mode | median round trip | total |\n|---|---|---|\n');
  for (const [mode, { median, total }] of Object.entries(results)) process.stdout.write(`| ${mode} | ${us(median)} | ${total.toFixed(0)} ms |\n`);
  const ratio = (a, b) => (results[a].median / results[b].median).toFixed(2);
  process.stdout.write(`\nloopback / memory (median): ${ratio('loopback', 'memory')}×   loopback / memory-http: ${ratio('loopback', 'memory-http')}×   memory / inject: ${ratio('memory', 'inject')}×\n`);
  process.stdout.write(`ports opened by the memory run: ${portsOpened}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
