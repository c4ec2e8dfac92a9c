/**
 * Worker slots backed by threads: one single-thread piscina pool per slot, so a slot keeps
 * its index (its temp dir, its sidecar database) across replacements, and a hang is ended
 * by aborting that slot's task. `atomics: 'disabled'` keeps an idle thread's event loop
 * running, so late timers and errors surface instead of freezing.
 *
 * @packageDocumentation
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { WorkUnit } from '../runner/interfaces';
import type { BatchOutcome, PoolWorker, PoolWorkerListener, PoolWorkerOptions, WorkerExit, WorkerStateName } from './interfaces';
import { DIST_BRAND, runnerErrorEvent, toSerializedError, type FromWorkerMessage } from './protocol';
import { messages } from './messages';
import { createRingBuffer, RingReader, RING_WAKE } from './messageRing';
import { routeWorkerMessage, type WorkerMessageRoute } from './routeWorkerMessage';
import { adoptPrewarmedThread } from './threadPrewarm';
import { threadPoolOptions } from './threadPoolOptions';
import { realTimers } from '../runner/realTimers';
import { COVERAGE_FLUSH_LIMIT_MS, FLUSH_COVERAGE_REQUEST } from '../coverage/collector';

export { WORKER_ENTRY } from './threadPoolOptions';

/** How long to wait for a dead thread's last messages before reporting it. */
const DRAIN_MS = 1000;
/** The bytes of a slot's message ring: a few thousand events. */
const RING_BYTES = 1 << 20;
/** How often the main thread reads the ring while a batch runs (the events' delay to the reporters). */
const RING_POLL_MS = 5;

/** Describe why a thread's task failed. */
export function describeThreadError(error: unknown, killedFor: string | null): WorkerExit {
  const serialized = toSerializedError(error);
  if (killedFor !== null) {
    return { reason: killedFor, exitCode: 1, signal: null, stderrTail: '' };
  }
  const exited = /worker exited with code: (-?\d+)/.exec(serialized.message);
  if (exited !== null) {
    const exitCode = Number(exited[1]);
    return { reason: messages.exited(exitCode, null), exitCode, signal: null, stderrTail: '' };
  }
  if (serialized.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { reason: messages.outOfMemory(''), exitCode: 1, signal: null, stderrTail: serialized.message, error: serialized };
  }
  return {
    reason: messages.uncaught(serialized.name, serialized.message.split('\n')[0]),
    exitCode: 1,
    signal: null,
    stderrTail: serialized.stack,
    error: serialized,
  };
}

/** --coverage: an idle thread writes its coverage before it is destroyed (bounded: it may be stuck). */
async function flushThreadCoverage(pool: Piscina): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => (timer = realTimers.setTimeout(resolve, COVERAGE_FLUSH_LIMIT_MS)));
  await Promise.race([pool.run(FLUSH_COVERAGE_REQUEST).catch(() => undefined), limit]);
  realTimers.clearTimeout(timer);
}

/** A worker slot that runs its batches on a thread. */
export class ThreadWorker implements PoolWorker {
  readonly index: number;
  #state: WorkerStateName = 'idle';
  readonly #options: PoolWorkerOptions;
  #pool: Piscina | null = null;
  #port: MessagePort | null = null;
  /** The previous batch's port stays open one batch longer, for late events sent between batches. */
  #previousPort: MessagePort | null = null;
  #abort: AbortController | null = null;
  #killedFor: string | null = null;
  /** Ends the pending batch when its thread dies before saying anything (set per batch). */
  #onStartError: ((error: unknown) => void) | null = null;
  #batchId = 0;
  /** Shared with the thread: 1 means stop after the current test (no event-loop turn needed). */
  readonly #stopFlag = new Int32Array(new SharedArrayBuffer(4));
  /** Where the thread writes its messages; a fresh one after a thread dies (it may have left half a message). */
  #ring = createRingBuffer(RING_BYTES);
  #ringReader = new RingReader(this.#ring);
  /** Where the ring's messages go: the latest batch's route (late events between batches go there too). */
  #route: WorkerMessageRoute | null = null;

  /** @param options - the slot's index, config and sidecar broker. */
  constructor(options: PoolWorkerOptions) {
    this.index = options.index;
    this.#options = options;
  }

  get state(): WorkerStateName {
    return this.#state;
  }

  get pid(): number | null {
    return this.#pool === null ? null : process.pid;
  }

  #ensurePool(): Piscina {
    if (this.#pool !== null) return this.#pool;
    const heap = this.#options.heapLimitMb;
    // Slot 0's thread may already be booting, started before the config was read.
    const pool = (this.index === 0 ? adoptPrewarmedThread(heap) : null) ?? new Piscina(threadPoolOptions(heap));
    // A thread that dies between batches (an error escaping after its test) is replaced
    // by piscina; its next batch builds a fresh state. The runner charges such errors
    // itself, so this only keeps the pool's 'error' from being unhandled.
    // A thread that fails before it takes its task (its entry or a NODE_OPTIONS preload
    // throws) only reaches here: piscina keeps the task queued, and with nothing else
    // keeping the loop alive the runner would exit 0 with nothing reported.
    pool.on('error', (error: unknown) => this.#onStartError?.(error));
    this.#pool = pool;
    return pool;
  }

  runBatch(units: WorkUnit[], listener: PoolWorkerListener): Promise<BatchOutcome> {
    const pool = this.#ensurePool();
    this.#state = this.#state === 'running' ? 'running' : 'starting';
    const batchId = ++this.#batchId;
    const { port1, port2 } = new MessageChannel();
    this.#previousPort?.close();
    this.#previousPort = this.#port;
    this.#port = port1;
    const abort = new AbortController();
    this.#abort = abort;
    this.#killedFor = null;
    return new Promise<BatchOutcome>((resolve) => {
      let settled = false;
      let stopPolling = (): void => undefined;
      const finish = (outcome: BatchOutcome): void => {
        if (settled) return;
        settled = true;
        stopPolling();
        if (this.#abort === abort) this.#abort = null;
        if (outcome.kind === 'died') {
          // What the thread wrote before it died is read before its death is judged.
          this.#readRing();
          this.#freshRing();
          this.#state = 'crashed';
          port1.close();
        }
        resolve(outcome);
      };
      const route: WorkerMessageRoute = {
        index: this.index,
        broker: this.#options.broker,
        batchId,
        listener,
        reply: (reply) => port1.postMessage(reply),
        onBatchDone: (done) => {
          if (done.error !== undefined) listener.onEvent(runnerErrorEvent(this.index, done.error));
          finish({ kind: 'done' });
        },
      };
      this.#onStartError = (error) => {
        if (this.#state !== 'starting' || settled) return;
        // Its queued task must not start on a replacement thread behind our back: a fresh pool next time.
        const pool = this.#pool;
        this.#pool = null;
        void pool?.destroy().catch(() => undefined);
        finish({ kind: 'died', exit: describeThreadError(error, null) });
      };
      this.#route = route;
      port1.on('message', (message: FromWorkerMessage | typeof RING_WAKE) => {
        this.#readRing();
        if (message === RING_WAKE) return;
        this.#state = this.#state === 'starting' ? 'running' : this.#state;
        routeWorkerMessage(message, route);
      });
      port1.unref();
      const poll = realTimers.setInterval(() => this.#readRing(), RING_POLL_MS);
      poll.unref();
      stopPolling = () => realTimers.clearInterval(poll);
      const task = {
        batch: { brand: DIST_BRAND, kind: 'batch', batchId, config: this.#options.config, units },
        ring: this.#ring,
        port: port2,
        stopFlag: this.#stopFlag,
      };
      pool.run(task, { transferList: [port2], signal: abort.signal }).then(
        () => undefined,
        (error: unknown) => {
          const exit = describeThreadError(error, this.#killedFor);
          // The port closes once every message the thread sent has been delivered.
          const timer = realTimers.setTimeout(() => finish({ kind: 'died', exit }), DRAIN_MS);
          port1.once('close', () => {
            realTimers.clearTimeout(timer);
            finish({ kind: 'died', exit });
          });
        },
      );
    });
  }

  /** Route what the thread has written since the last look. */
  #readRing(): void {
    if (this.#route === null) return; // no batch yet: nothing can have been written
    const messages = this.#ringReader.read() as FromWorkerMessage[];
    if (messages.length === 0) return;
    if (this.#state === 'starting') this.#state = 'running';
    for (const message of messages) routeWorkerMessage(message, this.#route);
  }

  #freshRing(): void {
    this.#ring = createRingBuffer(RING_BYTES);
    this.#ringReader = new RingReader(this.#ring);
  }

  /** Bring the slot's view up to date: route what the thread has written (the watchdog asks before it judges). */
  sync(): void {
    this.#readRing();
  }

  requestStop(): void {
    Atomics.store(this.#stopFlag, 0, 1);
  }

  kill(reason: string): void {
    if (this.#abort === null) return;
    this.#killedFor = reason;
    this.#abort.abort();
  }

  async close(): Promise<void> {
    if (this.#state === 'stopped') return;
    const idle = this.#abort === null && this.#state !== 'crashed';
    this.#readRing();
    this.#state = 'stopping';
    this.#port?.close();
    this.#previousPort?.close();
    const pool = this.#pool;
    this.#pool = null;
    this.#abort?.abort();
    if (pool !== null && idle && this.#options.config.coverageTemp !== undefined) await flushThreadCoverage(pool);
    if (pool !== null) await pool.destroy().catch(() => undefined);
    this.#state = 'stopped';
  }
}

/** The factory of thread slots. */
export function createThreadWorker(options: PoolWorkerOptions): PoolWorker {
  return new ThreadWorker(options);
}
