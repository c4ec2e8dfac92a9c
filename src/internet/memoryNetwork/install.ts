/**
 * `network.install(this)`: for one test, the code under test reaches the memory network
 * through Node's own entry points — `net.connect`, `net.createConnection`, the
 * `createConnection` of `http.Agent` and `https.Agent` (so `http(s).request`/`get`, any
 * agent, and libraries such as `ws`), and `globalThis.fetch`. Nothing else is patched;
 * IPC paths still reach the real `net.connect`. A cleanup of the test puts everything
 * back and closes the network's connections.
 *
 * The installed network is per thread and shared by both copies of the library, so it
 * lives on `globalThis` under a `Symbol.for` key.
 *
 * @packageDocumentation
 */
import http = require('node:http');
import { syncBuiltinESMExports } from 'node:module';
import https = require('node:https');
import net = require('node:net');
import { readConnectArgs } from './connectArgs';
import type { MemorySocket } from './memorySocket';
import { messages } from './messages';
import { NetworkUsageError } from './networkErrors';
import { processKeys } from '../../platform/processKeys';

const INSTALLED_KEY = processKeys.installedNetwork;
const TEST_CASE_BRAND = processKeys.testCase;

/** What install needs of a network. */
export interface InstallableNetwork {
  connect(address: { host: string; port: number }, options: { allowHalfOpen?: boolean }): MemorySocket;
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

interface TestLike {
  addCleanup(fn: () => unknown): void;
}

function isRunningTest(value: unknown): value is TestLike {
  if (typeof value !== 'object' || value === null) return false;
  const ctor = (value as { constructor?: Record<symbol, unknown> }).constructor;
  return typeof (value as Partial<TestLike>).addCleanup === 'function' && ctor?.[TEST_CASE_BRAND] === true;
}

function describeValue(value: unknown): string {
  if (typeof value === 'function') return `the class ${value.name || '(anonymous)'} (install in a test method or setUp, not in setUpClass)`;
  if (value === undefined || value === null) return String(value);
  return typeof value === 'object' ? `an object of class ${value.constructor?.name ?? 'Object'}` : typeof value;
}

type Patch = [target: object, name: string, value: unknown];

function routedConnect(network: InstallableNetwork, original: (...args: never[]) => net.Socket) {
  return function connect(this: unknown, ...args: unknown[]): net.Socket {
    const request = readConnectArgs(args);
    if (request.path !== undefined || request.port === undefined || !Number.isInteger(request.port)) {
      return original.apply(this, args as never[]);
    }
    const socket = network.connect({ host: request.host, port: request.port }, { allowHalfOpen: request.allowHalfOpen });
    if (request.listener !== undefined) socket.once('connect', request.listener);
    if (request.timeout !== undefined) socket.setTimeout(request.timeout);
    return socket as unknown as net.Socket;
  };
}

/**
 * Route Node's connection entry points to `network` until the test's cleanups run.
 *
 * @param network - the network to route to.
 * @param testCase - the running test.
 * @throws {NetworkUsageError} when `testCase` is not a running test, or a network is already installed.
 */
export function installNetwork(network: InstallableNetwork, testCase: unknown): void {
  if (!isRunningTest(testCase)) throw new NetworkUsageError(messages.installOutsideTest(describeValue(testCase)));
  const holder = globalThis as unknown as Record<symbol, InstallableNetwork | undefined>;
  if (holder[INSTALLED_KEY] !== undefined) throw new NetworkUsageError(messages.installedTwice());
  const httpAgent = http.Agent.prototype as unknown as Record<string, (...args: never[]) => net.Socket>;
  const httpsAgent = https.Agent.prototype as unknown as Record<string, (...args: never[]) => net.Socket>;
  const patches: Patch[] = [
    [net, 'connect', routedConnect(network, net.connect)],
    [net, 'createConnection', routedConnect(network, net.createConnection)],
    [httpAgent, 'createConnection', routedConnect(network, httpAgent.createConnection)],
    [httpsAgent, 'createConnection', routedConnect(network, httpsAgent.createConnection)],
    [globalThis, 'fetch', (input: string | URL | Request, init?: RequestInit) => network.fetch(input, init)],
  ];
  const saved = patches.map(([target, name]) => Object.getOwnPropertyDescriptor(target, name));
  for (const [target, name, value] of patches) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: true });
  }
  syncBuiltinESMExports(); // ES modules' `import { connect } from 'node:net'` see the patch too
  holder[INSTALLED_KEY] = network;
  testCase.addCleanup(async () => {
    patches.forEach(([target, name], index) => {
      const descriptor = saved[index];
      if (descriptor === undefined) delete (target as Record<string, unknown>)[name];
      else Object.defineProperty(target, name, descriptor);
    });
    syncBuiltinESMExports();
    holder[INSTALLED_KEY] = undefined;
    await network.close();
  });
}
