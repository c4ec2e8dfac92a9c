/**
 * The main process's side of a worker's `sidecar(name)`: ask the broker for this
 * worker's connection and send the answer back on the same channel.
 *
 * @packageDocumentation
 */
import type { SidecarBroker } from '../sidecar/interfaces';
import type { SidecarConnection } from '../sidecar/interfaces';
import { DIST_BRAND, toSerializedError, type SidecarOp, type SidecarResponseMessage } from './protocol';

/**
 * Answer one `sidecar:request` from worker `workerIndex`: its connection, a per-test one,
 * or the release of a per-test one (answered with the connection given back).
 *
 * @param broker - the run's sidecar broker.
 * @param workerIndex - the asking worker's index (its own database, for postgres).
 * @param request - the request's id and sidecar name.
 * @param reply - sends the response to the worker.
 */
export function serveSidecarRequest(
  broker: SidecarBroker,
  workerIndex: number,
  request: { requestId: number; name: string; op?: SidecarOp; connection?: SidecarConnection },
  reply: (message: SidecarResponseMessage) => void,
): void {
  answer(broker, workerIndex, request).then(
    (connection) => reply({ brand: DIST_BRAND, kind: 'sidecar:response', requestId: request.requestId, connection }),
    (error: unknown) =>
      reply({ brand: DIST_BRAND, kind: 'sidecar:response', requestId: request.requestId, error: toSerializedError(error) }),
  );
}

function answer(
  broker: SidecarBroker,
  workerIndex: number,
  request: { name: string; op?: SidecarOp; connection?: SidecarConnection },
): Promise<SidecarConnection> {
  switch (request.op ?? 'acquire') {
    case 'acquire':
      return broker.acquire(request.name, workerIndex);
    case 'acquireForTest':
      return broker.acquireForTest(request.name, workerIndex);
    case 'releaseForTest':
      return broker.releaseForTest(request.name, request.connection!).then(() => request.connection!);
  }
}
