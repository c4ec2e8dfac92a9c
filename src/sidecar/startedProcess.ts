/**
 * The running side of `processSidecar()`: its run directory and log, the process, the
 * readiness wait, and the connection handed to tests, with `{port}`, `{dir}` and `{host}`
 * filled in. Loaded by the broker when a test class asks for the sidecar.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReadyCheck, SidecarConnection, SidecarStartContext, StartedSidecar } from './interfaces';
import { ManagedProcess } from './managedProcess';
import { messages } from './messages';
import type { ProcessSidecarInfo, ProcessSidecarOptions } from './processSidecar';
import { chooseRunRoot, createRunDirectory, sweepRunDirectories, writeOwner } from './runDirectory';
import { chooseSidecarPlaces, noteToUser } from './sidecarPlaces';
import { SidecarStartError } from './sidecarErrors';
import { SidecarLog } from './sidecarLog';
import { NotReadyError, freePort, waitForReady, type ReadySignal } from './waitForReady';

function fill(text: string, info: ProcessSidecarInfo): string {
  return text.replaceAll('{port}', String(info.port)).replaceAll('{dir}', info.dir).replaceAll('{host}', info.host);
}

function fillDeep(value: unknown, info: ProcessSidecarInfo): unknown {
  if (typeof value === 'string') return fill(value, info);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, info));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, info)]));
  return value;
}

function readySignal(ready: ReadyCheck | undefined, info: ProcessSidecarInfo): ReadySignal {
  if (ready === undefined) return { tcp: info.port };
  if (ready instanceof RegExp) return { log: ready };
  if ('log' in ready) return { log: ready.log };
  if ('tcp' in ready) return { tcp: ready.tcp === '{port}' ? info.port : ready.tcp, host: ready.host ?? '127.0.0.1' };
  return { http: fill(ready.http, info) };
}

/**
 * Start a declared process sidecar and wait until it is ready.
 *
 * @param options - its checked options.
 * @param context - the broker's start context.
 * @returns the started sidecar.
 * @throws {@link SidecarStartError} when it exits or is not ready in time (its log's tail attached).
 */
export async function startProcessSidecar(options: ProcessSidecarOptions, context: SidecarStartContext): Promise<StartedSidecar> {
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
