/**
 * Waiting until a started service is ready: the first of several signals wins (a log line,
 * a file's content, a TCP port accepting, an HTTP URL answering 2xx), and an early exit or a
 * timeout loses. Every timer and socket is cleaned up whatever happens.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as http from 'node:http';
import type { ManagedProcess } from './managedProcess';
import type { SidecarLog } from './sidecarLog';
import { messages } from './messages';
import { SidecarError } from '../errors/runnerError';

/** One readiness signal. @internal */
export type ReadySignal =
  | { log: RegExp }
  | { file: string; test: (contents: string) => boolean; intervalMs?: number }
  | { tcp: number; host?: string; intervalMs?: number }
  | { http: string; intervalMs?: number };

/** Why the service is not ready. @internal */
export class NotReadyError extends SidecarError {
  /** @param reason - why the service is not ready. */
  constructor(reason: string) {
    super(reason, 'TRIAL_SIDECAR_NOT_READY');
  }
}

/**
 * Resolve when any of `signals` fires; reject with {@link NotReadyError} when the process
 * exits first or `timeoutMs` passes.
 *
 * @param service - the service.
 * @param log - its log (log signals match lines added from now on, whole lines only).
 * @param signals - raced; the first wins.
 * @param timeoutMs - give up after this long.
 * @returns which signal won (its index).
 * @internal
 */
export function waitForReady(service: ManagedProcess, log: SidecarLog, signals: ReadySignal[], timeoutMs: number): Promise<number> {
  const cleanups: Array<() => void> = [];
  let settled = false;
  return new Promise<number>((resolve, reject) => {
    const win = (index: number): void => {
      if (settled) return;
      settled = true;
      cleanups.forEach((c) => c());
      resolve(index);
    };
    const lose = (reason: string): void => {
      if (settled) return;
      settled = true;
      cleanups.forEach((c) => c());
      reject(new NotReadyError(reason));
    };
    const timer = setTimeout(() => lose(messages.startTimeout(timeoutMs)), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    void service.exited.then((exit) => lose(messages.exitedEarly(exit.code, exit.signal)));
    signals.forEach((signal, index) => {
      if ('log' in signal) {
        cleanups.push(log.onLine((line) => signal.log.test(line) && win(index)));
      } else {
        poll(signal, cleanups, () => win(index));
      }
    });
  });
}

function poll(signal: Exclude<ReadySignal, { log: RegExp }>, cleanups: Array<() => void>, win: () => void): void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let socket: net.Socket | undefined;
  let request: http.ClientRequest | undefined;
  cleanups.push(() => {
    stopped = true;
    clearTimeout(timer);
    socket?.destroy();
    request?.destroy();
  });
  const again = (ms: number): void => {
    if (!stopped) timer = setTimeout(check, ms);
  };
  const check = (): void => {
    if (stopped) return;
    if ('file' in signal) {
      fs.readFile(signal.file, 'utf8', (error, text) => {
        if (!error && signal.test(text)) win();
        else again(signal.intervalMs ?? 3);
      });
    } else if ('tcp' in signal) {
      socket = net.connect({ port: signal.tcp, host: signal.host ?? '127.0.0.1' });
      socket.once('connect', () => {
        socket?.destroy();
        win();
      });
      socket.once('error', () => {
        socket?.destroy();
        again(signal.intervalMs ?? 10);
      });
    } else {
      request = http.get(signal.http, { timeout: 2000 }, (response) => {
        response.resume();
        const ok = (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
        if (ok) win();
        else again(signal.intervalMs ?? 20);
      });
      request.once('error', () => again(signal.intervalMs ?? 20));
      request.once('timeout', () => request?.destroy());
    }
  };
  check();
}

/** Ask the system for a free TCP port on 127.0.0.1 (it may be taken again before use: callers retry). @internal */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
