/**
 * Every word the in-memory network and `settle()` say to users: what happened, then
 * what to do about it.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The messages, one function per situation. */
export const messages = {
  addressInUse: (address: string) =>
    `MemoryNetwork.listen: ${address} already has a server listening on this network. ` +
    'Listen each server on its own host:port, or call network.unlisten(address) before listening again.',
  badAddress: (given: string) =>
    `MemoryNetwork: "${given}" is not a host:port address. ` +
    "Write it as 'api.test:80', '127.0.0.1:8080' or '[::1]:443' (the port is a number from 1 to 65535).",
  notAServer: (what: string) =>
    `MemoryNetwork.listen expects a net.Server or http.Server (an object with emit('connection')), got ${what}. ` +
    'Pass the server itself, e.g. network.listen(http.createServer(app), "api.test:80").',
  installOutsideTest: (what: string) =>
    `MemoryNetwork.install must be given the running test (network.install(this) in a test method or setUp), got ${what}. ` +
    'Routing is undone by a cleanup of that test; outside a test there is nothing to undo it, so use network.fetch or network.connect instead.',
  installedTwice: () =>
    'MemoryNetwork.install: another MemoryNetwork is already installed for this test. ' +
    'Install one network per test, and listen every server on it.',
  flushEager: () =>
    "MemoryNetwork.flush() only delivers in manual delivery; this network delivers eagerly. Create it with new MemoryNetwork({ delivery: 'manual' }), or await settle() instead.",
  flushLimit: (rounds: number) =>
    `MemoryNetwork.flush: data was still being written after ${rounds} rounds of delivery; the two sides seem to answer each other forever. ` +
    'Check for a write loop, or deliver step by step with flush({ rounds: 1 }).',
  settleLimit: (rounds: number) =>
    `settle(): process.nextTick callbacks or microtasks were still being queued after ${rounds} rounds; the code never goes quiet. ` +
    'Look for a loop that re-queues itself (a polling nextTick, a promise loop); drive it with a Clock, or pass settle({ maxRounds }) if it does end.',
  badOption: (name: string, value: unknown, expected: string) =>
    `new MemoryNetwork: option ${name} is ${String(value)}; expected ${expected}.`,
  latencyWithoutClock: () =>
    'new MemoryNetwork: latency needs a clock to measure it on. Pass { clock: new Clock(), latency: seconds } and advance the clock.',
};

/**
 * What `network.fetch` fails with: Node's fetch's own words, kept verbatim because code
 * and tests match on them (`TypeError: fetch failed`, a body `terminated`), with the
 * cause saying what went wrong.
 */
export const fetchWords = {
  fetchFailed: 'fetch failed',
  terminated: 'terminated',
  unexpectedRedirect: 'unexpected redirect',
  redirectCount: 'redirect count exceeded',
  badRedirect: (url: string) => `URL scheme must be a HTTP(S) scheme: ${url}`,
  streamRedirect: 'Cannot follow a redirect with a streamed request body: it cannot be sent again. Send the body as bytes, or use redirect: "manual".',
};

/** How a memory connection is named in a leak report. */
export function describeConnection(client: string, server: string, state: string): string {
  return `a memory connection from ${client} to ${server} (${state})`;
}

/** How a pending memory fetch is named in a leak report. */
export function describeRequest(method: string, url: string): string {
  return `a memory fetch ${method} ${url} still waiting for its response`;
}
