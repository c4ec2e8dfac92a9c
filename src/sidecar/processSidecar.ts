/**
 * `processSidecar()`: any long-lived command as a sidecar (Redis, MinIO, a dev server), with a
 * free port filled into `{port}`, a readiness check, and the same no-leftovers lifecycle as
 * postgres (detached, pdeathsig/guardian, its whole process group stopped).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReadyCheck, SidecarConnection, SidecarDefinition, SidecarStartContext, StartedSidecar } from './interfaces';
import { ManagedProcess } from './managedProcess';
import { messages } from './messages';
import { chooseRunRoot, createRunDirectory, sweepRunDirectories, writeOwner } from './runDirectory';
import { chooseSidecarPlaces, noteToUser } from './sidecarPlaces';
import { SidecarConfigError, SidecarStartError } from './sidecarErrors';
import { SidecarLog } from './sidecarLog';
import { NotReadyError, freePort, waitForReady, type ReadySignal } from './waitForReady';

/** What the service's placeholders are filled with. */
export interface ProcessSidecarInfo {
  /** The free TCP port chosen for `{port}`. */
  port: number;
  /** `127.0.0.1`. */
  host: string;
  /** A fresh directory for the service's files, removed at the end (`{dir}`). */
  dir: string;
}

/** What `processSidecar()` accepts. */
export interface ProcessSidecarOptions {
  /** The program (looked up on PATH). */
  command: string;
  /** Its arguments; `{port}` and `{dir}` are replaced. */
  args?: string[];
  /** Extra environment variables (`{port}`, `{dir}` replaced). */
  env?: Record<string, string>;
  /** Working directory (relative to the run's cwd). */
  cwd?: string;
  /** When it is ready: a log line (RegExp or `{log}`), `{tcp: port | '{port}'}`, or `{http: url}` answering 2xx. Default `{tcp: '{port}'}`. */
  ready?: ReadyCheck;
  /** Give up after this many ms (default 30 000). */
  startTimeout?: number;
  /** What `sidecar(name)` returns: an object (strings get `{port}`/`{dir}` replaced) or a function of the info. `env` is optional. */
  connection?: Record<string, unknown> | ((info: ProcessSidecarInfo) => Record<string, unknown>);
  /** The signal that stops it (default SIGTERM; SIGKILL follows after 5 s). */
  stopSignal?: NodeJS.Signals;
}

const KNOWN = ['command', 'args', 'env', 'cwd', 'ready', 'startTimeout', 'connection', 'stopSignal'];

function fill(text: string, info: ProcessSidecarInfo): string {
  return text.replaceAll('{port}', String(info.port)).replaceAll('{dir}', info.dir).replaceAll('{host}', info.host);
}

function fillDeep(value: unknown, info: ProcessSidecarInfo): unknown {
  if (typeof value === 'string') return fill(value, info);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, info));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, info)]));
  return value;
}

function validate(options: ProcessSidecarOptions): void {
  const bad = (option: string, expected: string, got: unknown): never => {
    throw new SidecarConfigError(messages.badOption('processSidecar', option, expected, got));
  };
  if (typeof options !== 'object' || options === null) bad('options', 'an object', options);
  for (const key of Object.keys(options)) if (!KNOWN.includes(key)) throw new SidecarConfigError(messages.unknownOption('processSidecar', key, KNOWN));
  if (typeof options.command !== 'string' || !options.command) bad('command', 'a program name', options.command);
  if (options.args !== undefined && !(Array.isArray(options.args) && options.args.every((a) => typeof a === 'string'))) bad('args', 'an array of strings', options.args);
  const r = options.ready;
  const readyOk = r === undefined || r instanceof RegExp || (typeof r === 'object' && r !== null && ('log' in r || 'tcp' in r || 'http' in r));
  if (!readyOk) bad('ready', 'a RegExp, {log: RegExp}, {tcp: port} or {http: url}', r);
  if (options.startTimeout !== undefined && !(options.startTimeout > 0)) bad('startTimeout', 'a positive number of ms', options.startTimeout);
}

function readySignal(ready: ReadyCheck | undefined, info: ProcessSidecarInfo): ReadySignal {
  if (ready === undefined) return { tcp: info.port };
  if (ready instanceof RegExp) return { log: ready };
  if ('log' in ready) return { log: ready.log };
  if ('tcp' in ready) return { tcp: ready.tcp === '{port}' ? info.port : ready.tcp, host: ready.host ?? '127.0.0.1' };
  return { http: fill(ready.http, info) };
}

/**
 * Declare a sidecar that runs any command.
 *
 * @param options - see {@link ProcessSidecarOptions}.
 * @returns the definition to put under `sidecars` in the config.
 * @throws SidecarConfigError for an unknown or malformed option.
 * @example
 * ```ts
 * cache: processSidecar({
 *   command: 'redis-server', args: ['--port', '{port}', '--save', ''],
 *   ready: /Ready to accept connections/,
 *   connection: { url: 'redis://127.0.0.1:{port}', env: { REDIS_URL: 'redis://127.0.0.1:{port}' } },
 * })
 * ```
 */
export function processSidecar(options: ProcessSidecarOptions): SidecarDefinition {
  validate(options);
  return { kind: 'process', start: (context) => startProcess(options, context) };
}

async function startProcess(options: ProcessSidecarOptions, context: SidecarStartContext): Promise<StartedSidecar> {
  const log = new SidecarLog(context.tempDir, context.name, false);
  const { runParent } = chooseSidecarPlaces(chooseRunRoot(), null, noteToUser(log));
  sweepRunDirectories(runParent);
  const runDir = createRunDirectory(runParent);
  const info: ProcessSidecarInfo = { port: await freePort(), host: '127.0.0.1', dir: path.join(runDir, 'files') };
  fs.mkdirSync(info.dir);
  const timeout = options.startTimeout ?? 30_000;
  const proc = new ManagedProcess({
    command: options.command,
    args: (options.args ?? []).map((a) => fill(a, info)),
    env: { ...process.env, ...(fillDeep(options.env ?? {}, info) as Record<string, string>) },
    cwd: path.resolve(context.cwd, options.cwd ?? '.'),
    log,
    runDir,
    deathSignal: options.stopSignal ?? 'SIGTERM',
    stopSignals: [[options.stopSignal ?? 'SIGTERM', 5000]],
    group: true,
  });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= proc.stop().then(() => {
      if (process.env.TRIAL_KEEP_SIDECAR_DIR !== '1') fs.rmSync(runDir, { recursive: true, force: true });
      log.close();
    }));
  try {
    await waitForReady(proc, log, [readySignal(options.ready, info)], timeout);
  } catch (error) {
    await close();
    const reason = error instanceof NotReadyError ? error.message : (error as Error).message;
    const tail = log.tail(50);
    throw new SidecarStartError(context.name, messages.startFailed(context.name, reason, runDir, log.file, tail.length > 0), tail, { cause: error });
  }
  writeOwner(runDir, { runnerPid: process.pid, hostname: os.hostname(), createdAt: Date.now(), serverPid: proc.pid });
  proc.unref();
  void proc.exited.then((exit) => {
    if (!proc.stopping) context.onCrash(messages.crashedExit(context.name, exit.code, exit.signal), log.tail(50).join('\n'));
  });
  const raw = typeof options.connection === 'function' ? options.connection(info) : fillDeep(options.connection ?? {}, info);
  const given = (raw ?? {}) as Record<string, unknown>;
  const connection: SidecarConnection = {
    host: info.host,
    port: info.port,
    ...given,
    env: { ...((given.env as Record<string, string> | undefined) ?? {}) },
  };
  return {
    connectionFor: () => Promise.resolve(connection),
    logTail: (count = 50) => log.tail(count),
    close,
  };
}
