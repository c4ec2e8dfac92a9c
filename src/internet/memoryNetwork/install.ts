/**
 * `network.install(this)`: for one test, the code under test reaches the memory network
 * through Node's own entry points — `net.connect` and `net.createConnection` however
 * they were imported (so `http.request`/`get` with any agent, and libraries such as `ws`
 * and undici), the `createConnection` of `https.Agent`, and `globalThis.fetch`. Nothing
 * else is patched; IPC paths and sockets made with `new net.Socket().connect(...)` still
 * reach the real network. A cleanup of the test puts everything back and closes the
 * network's connections.
 *
 * `net.connect` is routed through `net.Socket.prototype.connect`, not by replacing the
 * `connect` export: a TypeScript file's `import * as net from 'node:net'`, compiled to
 * CommonJS, holds a copy of the module's properties taken when it loaded, so a replaced
 * export is never seen there. Every `net.connect` — the export, such a copy, an ES
 * module binding, `http.Agent`'s `createConnection` — is Node's one function, which makes
 * a `net.Socket` and returns what its `connect` method returns, with the arguments
 * already read into an array (Node's "normalized args"). Only that call passes an array:
 * the routed method answers it with a memory socket, and leaves every other call alone.
 *
 * The installed network is per thread and shared by both copies of the library, so it
 * lives on `globalThis` under a `Symbol.for` key.
 *
 * @packageDocumentation
 */
import https = require('node:https');
import net = require('node:net');
import { readConnectArgs, type ConnectRequest } from './connectArgs';
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

function connectInMemory(network: InstallableNetwork, request: ConnectRequest): net.Socket {
  const socket = network.connect({ host: request.host, port: request.port as number }, { allowHalfOpen: request.allowHalfOpen });
  if (request.listener !== undefined) socket.once('connect', request.listener);
  if (request.timeout !== undefined) socket.setTimeout(request.timeout);
  return socket as unknown as net.Socket;
}

function isTcp(request: ConnectRequest): boolean {
  return request.path === undefined && request.port !== undefined && Number.isInteger(request.port);
}

/** `https.Agent#createConnection` (which calls `tls.connect`), routed: memory carries https in clear. */
function routedAgentConnect(network: InstallableNetwork, original: (...args: never[]) => net.Socket) {
  return function createConnection(this: unknown, ...args: unknown[]): net.Socket {
    const request = readConnectArgs(args);
    return isTcp(request) ? connectInMemory(network, request) : original.apply(this, args as never[]);
  };
}

/**
 * `net.Socket#connect`, routed when `net.connect` calls it: then its only argument is
 * the array of normalized arguments, and what it returns is what `net.connect` returns.
 */
function routedSocketConnect(network: InstallableNetwork, original: (...args: unknown[]) => net.Socket) {
  return function connect(this: net.Socket, ...args: unknown[]): net.Socket {
    const normalized = args[0];
    if (args.length !== 1 || !Array.isArray(normalized)) return original.apply(this, args);
    const request = readConnectArgs(normalized.filter((arg) => arg !== null));
    if (!isTcp(request)) return original.apply(this, args);
    this.setTimeout(0); // the socket net.connect made is never used: clear the idle timer it may have armed
    return connectInMemory(network, request);
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
  const httpsAgent = https.Agent.prototype as unknown as Record<string, (...args: never[]) => net.Socket>;
  const patches: Patch[] = [
    [net.Socket.prototype, 'connect', routedSocketConnect(network, net.Socket.prototype.connect as (...args: unknown[]) => net.Socket)],
    [httpsAgent, 'createConnection', routedAgentConnect(network, httpsAgent.createConnection)],
    [globalThis, 'fetch', (input: string | URL | Request, init?: RequestInit) => network.fetch(input, init)],
  ];
  const saved = patches.map(([target, name]) => Object.getOwnPropertyDescriptor(target, name));
  for (const [target, name, value] of patches) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: true });
  }
  holder[INSTALLED_KEY] = network;
  testCase.addCleanup(async () => {
    patches.forEach(([target, name], index) => {
      const descriptor = saved[index];
      if (descriptor === undefined) delete (target as Record<string, unknown>)[name];
      else Object.defineProperty(target, name, descriptor);
    });
    holder[INSTALLED_KEY] = undefined;
    await network.close();
  });
}
