/**
 * The main process's side of a worker's messages, the same for thread and process slots:
 * events and heartbeats go to the batch's listener, sidecar requests are answered, and
 * the current batch's unit starts and end are told apart from a previous batch's.
 *
 * @packageDocumentation
 */
import type { SidecarBroker } from '../sidecar/interfaces';
import type { PoolWorkerListener } from './interfaces';
import type { FromWorkerMessage, SidecarResponseMessage } from './protocol';
import { serveSidecarRequest } from './sidecarRequests';

/** A worker's message saying that a batch has ended. */
export type BatchDoneMessage = Extract<FromWorkerMessage, { kind: 'batch:done' }>;

/** Where one worker slot's messages go. */
export interface WorkerMessageRoute {
  /** The slot's index (each slot asks the broker for its own connection). */
  index: number;
  /** The run's sidecar broker. */
  broker: SidecarBroker;
  /** The current batch: unit starts and ends of other batches are dropped. */
  batchId: number;
  /** The current batch's listener, or null when there is none. */
  listener: PoolWorkerListener | null;
  /** Sends a sidecar response back to the worker. */
  reply(message: SidecarResponseMessage): void;
  /** The current batch has ended (with `message.error` when its runner failed). */
  onBatchDone(message: BatchDoneMessage): void;
}

/**
 * Pass one message from a worker on to where it goes.
 *
 * @param message - the message, already known to be the dist protocol's.
 * @param route - the slot's listener, current batch and replies.
 */
export function routeWorkerMessage(message: FromWorkerMessage, route: WorkerMessageRoute): void {
  const listener = route.listener;
  switch (message.kind) {
    case 'event':
      listener?.onEvent(message.event);
      break;
    case 'events':
      for (const event of message.events) listener?.onEvent(event);
      break;
    case 'unit:start':
      if (message.batchId === route.batchId) listener?.onUnitStart(message.index);
      break;
    case 'alive':
      listener?.onAlive();
      break;
    case 'output':
      listener?.onOutput(message.stream, message.text);
      break;
    case 'sidecar:request':
      serveSidecarRequest(route.broker, route.index, message, route.reply);
      break;
    case 'batch:done':
      if (message.batchId === route.batchId) route.onBatchDone(message);
      break;
    default:
      message satisfies never;
  }
}
