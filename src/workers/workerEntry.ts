/**
 * The plain-JS entry of every worker, for both pools (compiled to
 * `dist/workers/workerEntry.js`). A worker thread gets it as piscina's task module; a child
 * process runs it as its main module. Either way it builds the worker's state on its
 * first batch (which registers the TypeScript loader and source maps in this thread),
 * then serves batches: one `runUnits` call per unit, events sent as they happen (a test's
 * end travels with the next event, see `WorkerSession.#emit`; a thread writes them into a
 * shared ring rather than posting each, see messageRing.ts).
 *
 * This file is a composition root: the one session object below is the worker's state.
 *
 * @packageDocumentation
 */
// First: the compile cache must be on before the runner's modules below load.
import './workerBoot';
import type { MessagePort } from 'node:worker_threads';
import type { EventSink, RunnerEvent } from '../runner/events';
import type { SidecarConnection } from '../sidecar/interfaces';
import { createWorkerState, type WorkerState } from '../runner/workerState';
import { runUnits } from '../runner/runUnits';
import { failsRun } from '../runner/summary';
import { DIST_BRAND, isDistMessage, toSerializedError } from './protocol';
import { flushCoverage, isFlushCoverageRequest, startCoverageCollector, type FLUSH_COVERAGE_REQUEST } from '../coverage/collector';
import { registerEsmHooksForPackage } from '../runner/loader/registerTypeScript';
import type { BatchMessage, FromWorkerMessage, SidecarOp, ToWorkerMessage } from './protocol';
import { RING_WAKE, RingWriter } from './messageRing';

// --coverage: collect from before the first test file loads (the run names the folder in the env).
startCoverageCollector();

/** Captured at load, before any test can fake it. */
const realSetInterval = globalThis.setInterval;
// Taken before any test loads: while tests run, process.exit throws (see processExitGuard).
const realExit = process.exit.bind(process);
/** How often a worker proves its event loop is alive to the watchdog. */
const HEARTBEAT_MS = 250;

type Post = (message: FromWorkerMessage) => void;

/** One worker's life: its state, where its messages go, and its pending sidecar requests. */
class WorkerSession {
  #transport: Post;
  /**
   * A test's end not yet sent: it goes with whatever this worker sends next, most often the
   * next test's start, which halves the messages of a suite of quick tests. Nothing the
   * tests wrote runs while it waits (the next send comes first: the next start, the next
   * file's `unit:start`, the class-hook flush, {@link WorkerSession.sendHeldEnd}), so a worker that dies still
   * leaves the main thread knowing exactly which test, or none, was running.
   */
  #heldEnd: RunnerEvent | null = null;
  /** Ends this worker (its slot starts a fresh one for the next batch). */
  readonly #end: () => void;
  #state: Promise<WorkerState> | null = null;
  #stopRequested = false;
  /** A thread's stop flag, shared with the main thread: read without waiting for the event loop. */
  #stopFlag: Int32Array | null = null;
  #nextRequestId = 1;
  readonly #pending = new Map<number, { resolve(c: SidecarConnection): void; reject(e: Error): void }>();
  /** A test in this worker failed the run (for `-x`). */
  #failed = false;
  /** The run's `strictTodo`, from the batch: an unexpected success then fails it too. */
  #strictTodo = false;
  /** The project root of the batches served (coverage keeps its scripts only). */
  #coverageRoot: string | undefined;
  readonly #emit: EventSink = (event: RunnerEvent) => {
    if ((event.type === 'test:end' && failsRun(event.outcome, this.#strictTodo)) || event.type === 'test:lateError') {
      this.#failed = true;
    }
    const held = this.#heldEnd;
    if (held !== null && event.type !== 'test:end') {
      this.#heldEnd = null;
      return this.#transport({ brand: DIST_BRAND, kind: 'events', events: [held, event] });
    }
    this.sendHeldEnd();
    if (event.type === 'test:end') this.#heldEnd = event;
    else this.#transport({ brand: DIST_BRAND, kind: 'event', event });
  };

  constructor(post: Post, end: () => void) {
    this.#transport = post;
    this.#end = end;
    realSetInterval(() => this.#post({ brand: DIST_BRAND, kind: 'alive' }), HEARTBEAT_MS).unref();
  }

  /** Send from now on through `post` (a thread gets a fresh port with every batch). */
  setPost(post: Post): void {
    this.#transport = post;
  }

  /** Send a message other than an event, after the held test end if there is one. */
  #post(message: FromWorkerMessage): void {
    this.sendHeldEnd();
    this.#transport(message);
  }

  /** Send the held test end, if there is one: a class hook (user code) is about to run, or another message goes. */
  readonly sendHeldEnd = (): void => {
    const held = this.#heldEnd;
    this.#heldEnd = null;
    if (held !== null) this.#transport({ brand: DIST_BRAND, kind: 'event', event: held });
  };

  /** Use a shared stop flag (threads), so a stop is seen between synchronous tests too. */
  setStopFlag(flag: Int32Array): void {
    this.#stopFlag = flag;
  }

  /**
   * --coverage: write what ran here. Called once, as the worker ends (closed by its slot,
   * or recycled), not per batch: each take of V8's coverage costs ~15 ms. A worker killed
   * for a crash or a hang takes its coverage with it.
   */
  flushCoverage(): void {
    if (this.#coverageRoot !== undefined) flushCoverage(this.#coverageRoot);
  }

  /** Handle a control message from the main process. */
  receive(message: ToWorkerMessage): void {
    if (message.kind === 'stop') {
      this.#stopRequested = true;
    } else if (message.kind === 'sidecar:response') {
      const pending = this.#pending.get(message.requestId);
      if (pending === undefined) return;
      this.#pending.delete(message.requestId);
      if (message.connection !== undefined) pending.resolve(message.connection);
      else pending.reject(Object.assign(new Error(message.error?.message ?? 'sidecar unavailable'), { name: message.error?.name ?? 'Error' }));
    }
  }

  /** Run one batch, then say so. Never throws: a runner error travels with `batch:done`. */
  async serve(batch: BatchMessage): Promise<void> {
    try {
      this.#state ??= createWorkerState(batch.config, {
        emit: this.#emit,
        requestSidecar: (name) => this.#requestSidecar(name, 'acquire'),
        requestSidecarForTest: (name) => this.#requestSidecar(name, 'acquireForTest'),
        releaseSidecarForTest: async (name, connection) => {
          await this.#requestSidecar(name, 'releaseForTest', connection);
        },
        onOutput: (stream, text) => this.#post({ brand: DIST_BRAND, kind: 'output', stream, text }),
        beforeClassHook: this.sendHeldEnd,
      });
      const state = await this.#state;
      this.#coverageRoot = batch.config.cwd;
      const exitFirst = batch.config.exitFirst === true;
      this.#strictTodo = batch.config.strictTodo === true;
      const shouldStop = (): boolean =>
        this.#stopRequested || (exitFirst && this.#failed) || (this.#stopFlag !== null && Atomics.load(this.#stopFlag, 0) === 1);
      for (let index = 0; index < batch.units.length && !shouldStop(); index++) {
        this.#post({ brand: DIST_BRAND, kind: 'unit:start', batchId: batch.batchId, index });
        await runUnits([batch.units[index]], state, this.#emit, shouldStop);
      }
      this.#post({ brand: DIST_BRAND, kind: 'batch:done', batchId: batch.batchId });
      // The janitor could not close something a test left behind: start afresh.
      if (state.needsRecycle) this.#end();
    } catch (error) {
      this.#post({ brand: DIST_BRAND, kind: 'batch:done', batchId: batch.batchId, error: toSerializedError(error) });
    }
  }

  #requestSidecar(name: string, op: SidecarOp, connection?: SidecarConnection): Promise<SidecarConnection> {
    const requestId = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject });
      this.#post({ brand: DIST_BRAND, kind: 'sidecar:request', requestId, name, op, ...(connection === undefined ? {} : { connection }) });
    });
  }
}

/** A thread's task: the batch, and the ring and port its messages go through. */
export interface ThreadTask {
  batch: BatchMessage;
  /** Its messages are written here (see messageRing.ts)... */
  ring: SharedArrayBuffer;
  /** ...and a wake-up is posted here when one cannot wait for the main thread's next look. */
  port: MessagePort;
  /** Set to 1 by the main thread to stop after the current test. */
  stopFlag: Int32Array;
}

let threadSession: WorkerSession | null = null;
let threadRing: { buffer: SharedArrayBuffer; writer: RingWriter } | null = null;
/** The port of the batch being served: where wake-ups go. */
let wakePort: MessagePort | null = null;

/** Messages the main thread must act on at once: a sidecar request awaits its answer, a finished batch its successor. */
function isUrgent(message: FromWorkerMessage): boolean {
  return message.kind === 'sidecar:request' || message.kind === 'batch:done';
}

function wakeMainThread(): void {
  wakePort?.postMessage(RING_WAKE);
}

/** A thread recycles: its coverage first, then the exit (its slot starts a fresh one). */
function endThread(): void {
  threadSession?.flushCoverage();
  realExit(0);
}

/**
 * piscina's task handler (worker threads): serve one batch over the task's port.
 *
 * @param task - the batch and a fresh `MessagePort` to the supervisor, or the
 *   {@link FLUSH_COVERAGE_REQUEST}.
 */
export default async function serveThreadTask(task: ThreadTask | typeof FLUSH_COVERAGE_REQUEST): Promise<void> {
  if (isFlushCoverageRequest(task)) return threadSession?.flushCoverage();
  wakePort = task.port;
  if (threadRing?.buffer !== task.ring) threadRing = { buffer: task.ring, writer: new RingWriter(task.ring, wakeMainThread) };
  const writer = threadRing.writer;
  const post: Post = (message) => {
    writer.write(message);
    if (isUrgent(message)) wakeMainThread();
  };
  if (threadSession === null) threadSession = new WorkerSession(post, endThread);
  else threadSession.setPost(post);
  const session = threadSession;
  session.setStopFlag(task.stopFlag);
  task.port.on('message', (message: unknown) => {
    if (isDistMessage(message)) session.receive(message as ToWorkerMessage);
  });
  await session.serve(task.batch);
}

/** A child process: serve batches over the IPC channel until it closes. */
function serveProcess(): void {
  const send = process.send!.bind(process);
  // Disconnecting flushes queued messages first; the 'disconnect' handler then exits.
  const end = (): void => {
    session.flushCoverage();
    process.disconnect();
  };
  const session = new WorkerSession((message) => {
    send(message);
  }, end);
  // Ctrl-C reaches the whole process group; the main process decides when we stop.
  process.on('SIGINT', () => {});
  process.on('disconnect', () => realExit(0));
  process.on('message', (message: unknown) => {
    if (isFlushCoverageRequest(message)) return end();
    if (!isDistMessage(message)) return;
    const typed = message as ToWorkerMessage;
    if (typed.kind === 'batch') void session.serve(typed);
    else session.receive(typed);
  });
}

if (require.main === module && typeof process.send === 'function') serveProcess();

// While the thread waits for its first batch, load the public API its test files import
// (the project's own `trial-ts`, found by path as test files are), and the ES-module
// hooks in an ES-module package: the batch then finds them ready instead of loading ~100
// modules (and, on Node 20, starting the hooks' thread) after the main thread handed it
// the tests.
setImmediate(() => {
  try {
    require(require.resolve('trial-ts', { paths: [process.cwd()] }));
    registerEsmHooksForPackage(process.cwd());
  } catch {
    // the test file's own import reports the problem
  }
});
