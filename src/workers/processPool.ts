/**
 * Worker slots backed by child processes (`--pool processes`): `child_process.fork` of the
 * same worker entry with an IPC channel, for suites that need real process isolation
 * (`process.chdir`, signals, `process.exit`, native addons that are not thread-safe).
 * Events travel on the IPC channel only; the child's raw stderr is kept for crash reports.
 *
 * @packageDocumentation
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { WorkUnit } from '../runner/interfaces';
import type { BatchOutcome, PoolWorker, PoolWorkerListener, PoolWorkerOptions, WorkerExit, WorkerStateName } from './interfaces';
import { DIST_BRAND, isDistMessage, runnerErrorEvent, type FromWorkerMessage, type ToWorkerMessage } from './protocol';
import { messages } from './messages';
import { routeWorkerMessage, type BatchDoneMessage } from './routeWorkerMessage';
import { StderrTail } from './stderrTail';
import { WORKER_ENTRY } from './threadPool';
import { realTimers } from '../runner/realTimers';
import { COVERAGE_FLUSH_LIMIT_MS, FLUSH_COVERAGE_REQUEST } from '../coverage/collector';

/**
 * On Linux, children start through `setpriv --pdeathsig KILL`, so the kernel kills them if
 * the runner itself dies without cleaning up (SIGKILL, a crash), even a child stuck in a
 * synchronous loop that would never notice its IPC channel closing.
 */
const SETPRIV = process.platform === 'linux' && fs.existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;

/** Node's own flags worth passing on (not `--inspect*`: debugging is for `-j 1`). */
function childExecArgv(heapLimitMb: number | undefined): string[] {
  const inherited = process.execArgv.filter((flag) => !flag.startsWith('--inspect') && !flag.startsWith('--debug'));
  return heapLimitMb === undefined ? inherited : [...inherited, `--max-old-space-size=${heapLimitMb}`];
}

/**
 * How a child's end reads, from its exit code or signal and what it printed last.
 *
 * @param exitCode - the exit code, or null when a signal ended it.
 * @param signal - the signal, or null.
 * @param stderr - the last of its stderr.
 * @param killedFor - the reason the supervisor killed it, if it did.
 */
export function describeProcessExit(
  exitCode: number | null,
  signal: string | null,
  stderr: StderrTail,
  killedFor: string | null,
): WorkerExit {
  const raw = stderr.raw;
  const fatal = raw.lastIndexOf('FATAL ERROR:');
  // An out-of-memory abort prints a long native stack after the useful line: keep the line.
  const stderrTail = fatal === -1 ? stderr.tail() : raw.slice(fatal).split('\n').slice(0, 3).join('\n').trim();
  let reason: string;
  if (killedFor !== null) reason = killedFor;
  else if (/heap out of memory|Reached heap limit/.test(raw)) reason = messages.outOfMemory(`, ${messages.exited(exitCode, signal)}`);
  else reason = messages.exited(exitCode, signal);
  return { reason, exitCode, signal, stderrTail };
}

/** A worker slot that runs its batches in a child process. */
export class ProcessWorker implements PoolWorker {
  readonly index: number;
  #state: WorkerStateName = 'idle';
  readonly #options: PoolWorkerOptions;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  readonly #stderr = new StderrTail();
  #killedFor: string | null = null;
  #batchId = 0;
  /** Where messages go; replaced per batch, kept between batches for late events. */
  #listener: PoolWorkerListener | null = null;
  #onBatchEnd: ((message: BatchDoneMessage) => void) | null = null;

  /** @param options - the slot's index, config and sidecar broker. */
  constructor(options: PoolWorkerOptions) {
    this.index = options.index;
    this.#options = options;
  }

  get state(): WorkerStateName {
    return this.#state;
  }

  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  #spawn(): ChildProcess {
    this.#stderr.clear();
    this.#killedFor = null;
    this.#state = 'starting';
    const nodeFlags = childExecArgv(this.#options.heapLimitMb);
    const child = fork(WORKER_ENTRY, [], {
      cwd: this.#options.config.cwd,
      ...(SETPRIV !== null
        ? { execPath: SETPRIV, execArgv: ['--pdeathsig', 'KILL', process.execPath, ...nodeFlags] }
        : { execArgv: nodeFlags }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    child.stdout?.resume();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.#stderr.push(chunk));
    child.on('message', (message: unknown) => {
      if (isDistMessage(message)) this.#receive(child, message as FromWorkerMessage);
    });
    // A failed spawn also ends in 'close'; nothing else to do with the error here.
    child.on('error', () => {});
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));
    this.#child = child;
    return child;
  }

  #receive(child: ChildProcess, message: FromWorkerMessage): void {
    if (this.#state === 'starting') this.#state = 'running';
    routeWorkerMessage(message, {
      index: this.index,
      broker: this.#options.broker,
      batchId: this.#batchId,
      listener: this.#listener,
      reply: (reply) => this.#send(child, reply),
      onBatchDone: (done) => this.#onBatchEnd?.(done),
    });
  }

  #send(child: ChildProcess, message: ToWorkerMessage | typeof FLUSH_COVERAGE_REQUEST): void {
    if (child.connected) child.send(message, (error) => error && undefined);
  }

  runBatch(units: WorkUnit[], listener: PoolWorkerListener): Promise<BatchOutcome> {
    const child = this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null ? this.#child : this.#spawn();
    const batchId = ++this.#batchId;
    this.#listener = listener;
    return new Promise<BatchOutcome>((resolve) => {
      let settled = false;
      const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (settled) return;
        settled = true;
        this.#onBatchEnd = null;
        this.#state = this.#state === 'stopping' ? 'stopped' : 'crashed';
        this.#child = null;
        resolve({ kind: 'died', exit: describeProcessExit(code, signal, this.#stderr, this.#killedFor) });
      };
      this.#onBatchEnd = (message) => {
        if (settled) return;
        settled = true;
        child.off('close', onClose);
        this.#onBatchEnd = null;
        if (message.error !== undefined) listener.onEvent(runnerErrorEvent(this.index, message.error));
        resolve({ kind: 'done' });
      };
      // 'close' comes after 'exit' and after the IPC channel and stdio drained.
      child.once('close', onClose);
      this.#send(child, { brand: DIST_BRAND, kind: 'batch', batchId, config: this.#options.config, units });
    });
  }

  requestStop(): void {
    if (this.#child !== null) this.#send(this.#child, { brand: DIST_BRAND, kind: 'stop' });
  }

  kill(reason: string): void {
    const child = this.#child;
    if (child === null || child.pid === undefined) return;
    this.#killedFor = reason;
    killPid(child.pid);
  }

  /**
   * --coverage: ask an idle child to write its coverage and end itself, waiting a bounded
   * time (it may be stuck). The child disconnects, not we: after a parent's `disconnect()` Node
   * 20 never emits the child's 'close'.
   */
  async #flushCoverage(child: ChildProcess): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = realTimers.setTimeout(resolve, COVERAGE_FLUSH_LIMIT_MS)));
    this.#send(child, FLUSH_COVERAGE_REQUEST);
    await Promise.race([this.#exited, limit]);
    realTimers.clearTimeout(timer);
  }

  async close(): Promise<void> {
    if (this.#state === 'stopped') return;
    const idle = this.#onBatchEnd === null;
    this.#state = 'stopping';
    const child = this.#child;
    if (child !== null && child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      if (idle && this.#options.config.coverageTemp !== undefined) await this.#flushCoverage(child);
      killPid(child.pid);
      await this.#exited;
    }
    this.#child = null;
    this.#state = 'stopped';
  }
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The factory of process slots. */
export function createProcessWorker(options: PoolWorkerOptions): PoolWorker {
  return new ProcessWorker(options);
}
