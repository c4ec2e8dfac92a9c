/**
 * Tests for src/workers/routeWorkerMessage.ts: each message a worker sends reaches the right
 * place, and messages of an earlier batch are dropped.
 */
import { SynchronousTestCase } from 'trial-ts';
import type { SidecarBroker } from '../../src/sidecar/interfaces';
import { DIST_BRAND } from '../../src/workers/protocol';
import { routeWorkerMessage, type WorkerMessageRoute } from '../../src/workers/routeWorkerMessage';

function routeRecording(calls: string[], batchId = 2): WorkerMessageRoute {
  return {
    index: 1,
    broker: {} as SidecarBroker,
    batchId,
    listener: {
      onEvent: (event) => calls.push(`event ${event.type}`),
      onUnitStart: (index) => calls.push(`unit ${index}`),
      onAlive: () => calls.push('alive'),
      onOutput: (stream, text) => calls.push(`${stream} ${text}`),
    },
    reply: () => calls.push('reply'),
    onBatchDone: (message) => calls.push(`done ${message.batchId}`),
  };
}

export class RouteWorkerMessageTests extends SynchronousTestCase {
  /** Events, unit starts, heartbeats and the end of the current batch reach their handlers. */
  test_currentBatchMessagesAreRouted() {
    const calls: string[] = [];
    const route = routeRecording(calls);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'unit:start', batchId: 2, index: 3 }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'alive' }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'event', event: { type: 'sidecar:state', name: 'db', state: 'ready' } }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'output', stream: 'stderr', text: 'hello' }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'batch:done', batchId: 2 }, route);
    this.assertEqual(calls, ['unit 3', 'alive', 'event sidecar:state', 'stderr hello', 'done 2']);
  }

  /** Events sent as one message (a test's end and the next start) reach the listener in their order. */
  test_eventsInOneMessageKeepTheirOrder() {
    const calls: string[] = [];
    const test = { id: 'test/test_a.ts:A.test_x', file: 'test/test_a.ts', className: 'A', methodName: 'test_x' };
    routeWorkerMessage(
      {
        brand: DIST_BRAND,
        kind: 'events',
        events: [
          { type: 'test:end', test, worker: 1, outcome: 'success', durationMs: 1, errors: [] },
          { type: 'test:start', test: { ...test, methodName: 'test_y' }, worker: 1, timeoutMs: 1000 },
        ],
      },
      routeRecording(calls),
    );
    this.assertEqual(calls, ['event test:end', 'event test:start']);
  }

  /** A unit start or batch end of another batch (a late message) is dropped. */
  test_otherBatchesAreDropped() {
    const calls: string[] = [];
    const route = routeRecording(calls, 5);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'unit:start', batchId: 4, index: 0 }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'batch:done', batchId: 4 }, route);
    this.assertEqual(calls, []);
  }

  /** Without a listener (between batches), events and heartbeats go nowhere and nothing throws. */
  test_noListenerIsQuiet() {
    const calls: string[] = [];
    const route = { ...routeRecording(calls), listener: null };
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'alive' }, route);
    routeWorkerMessage({ brand: DIST_BRAND, kind: 'event', event: { type: 'sidecar:state', name: 'db', state: 'ready' } }, route);
    this.assertEqual(calls, []);
  }
}
