/**
 * The messages the main process and a worker exchange, for both pools (a thread's
 * `MessagePort`, a child's `fork` IPC channel). Events never travel on stdout. Runner
 * events ride inside `event` messages unchanged; the rest is the pool's own plumbing.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import type { RunnerEvent, SerializedError, TestLateErrorEvent } from '../runner/events';
import { messages } from './messages';
import type { WorkUnit, WorkerConfig } from '../runner/interfaces';
import type { SidecarConnection } from '../sidecar/interfaces';

/** Brand on every message, so stray messages (a test's own `process.send`) are ignored. */
export const DIST_BRAND = 'trial-ts.dist/1';

/** A batch of units for one worker. */
export interface BatchMessage {
  brand: typeof DIST_BRAND;
  kind: 'batch';
  batchId: number;
  /** The worker's config; the worker builds its state from it on its first batch. */
  config: WorkerConfig;
  units: WorkUnit[];
}

/**
 * A worker asks the main process about a sidecar: its own connection (`acquire`), a fresh
 * one for the next test (`acquireForTest`, `database-per-test`), or to give a test's back.
 */
export interface SidecarRequestMessage {
  brand: typeof DIST_BRAND;
  kind: 'sidecar:request';
  requestId: number;
  name: string;
  /** What is asked; absent means `acquire`. */
  op?: SidecarOp;
  /** With `releaseForTest`: the connection given back. */
  connection?: SidecarConnection;
}

/** The sidecar operations a worker can ask for. */
export type SidecarOp = 'acquire' | 'acquireForTest' | 'releaseForTest';

/** The answer to a {@link SidecarRequestMessage}. */
export interface SidecarResponseMessage {
  brand: typeof DIST_BRAND;
  kind: 'sidecar:response';
  requestId: number;
  connection?: SidecarConnection;
  error?: SerializedError;
}

/** Stop after the current test (`-x`, SIGINT). */
export interface StopMessage {
  brand: typeof DIST_BRAND;
  kind: 'stop';
}

/** Messages from the main process to a worker. */
export type ToWorkerMessage = BatchMessage | SidecarResponseMessage | StopMessage;

/** Messages from a worker to the main process. */
export type FromWorkerMessage =
  | { brand: typeof DIST_BRAND; kind: 'event'; event: RunnerEvent }
  /** Events in order, sent as one (a test's end and what followed it). */
  | { brand: typeof DIST_BRAND; kind: 'events'; events: RunnerEvent[] }
  | { brand: typeof DIST_BRAND; kind: 'unit:start'; batchId: number; index: number }
  | { brand: typeof DIST_BRAND; kind: 'batch:done'; batchId: number; error?: SerializedError }
  | SidecarRequestMessage
  | { brand: typeof DIST_BRAND; kind: 'alive' }
  | { brand: typeof DIST_BRAND; kind: 'output'; stream: 'stdout' | 'stderr'; text: string };

/** Anything carrying the brand. */
export function isDistMessage(value: unknown): value is { brand: typeof DIST_BRAND; kind: string } {
  return typeof value === 'object' && value !== null && (value as { brand?: unknown }).brand === DIST_BRAND;
}

/** A plain-JSON copy of any thrown value. */
export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      stack: error.stack ?? '',
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(error), stack: '' };
}

/** What a failure of the runner itself in a worker becomes: an orphan error, so the run fails. */
export function runnerErrorEvent(worker: number, error: SerializedError): TestLateErrorEvent {
  return { type: 'test:lateError', test: null, worker, error: { ...error, message: messages.runnerError(error.message) } };
}
