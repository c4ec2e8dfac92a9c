/**
 * Tests for src/workers/sidecarRequests.ts: a worker's sidecar request is answered from the
 * broker, for that worker's index, on the same channel.
 */
import { TestCase } from 'trial-ts';
import { serveSidecarRequest } from '../../src/workers/sidecarRequests';
import type { SidecarResponseMessage } from '../../src/workers/protocol';
import type { SidecarBroker, SidecarConnection } from '../../src/sidecar/interfaces';

function broker(acquire: (name: string, index: number) => Promise<SidecarConnection>): SidecarBroker {
  return {
    acquire,
    acquireForTest: acquire,
    releaseForTest: async () => {},
    logLinesFor: () => [],
    started: () => [],
    close: async () => {},
  };
}

function served(b: SidecarBroker, index: number, name: string): Promise<SidecarResponseMessage> {
  return new Promise((resolve) => serveSidecarRequest(b, index, { requestId: 7, name }, resolve));
}

export class ServeSidecarRequestTests extends TestCase {
  /** The broker is asked for this worker's connection and the answer carries the request id. */
  async test_serveAnswersWithWorkersConnection(): Promise<void> {
    const asked: [string, number][] = [];
    const reply = await served(
      broker(async (name, index) => {
        asked.push([name, index]);
        return { env: { PGDATABASE: `db_${index}` } };
      }),
      3,
      'db',
    );
    this.assertEqual(asked, [['db', 3]]);
    this.assertEqual(reply.requestId, 7);
    this.assertEqual(reply.connection, { env: { PGDATABASE: 'db_3' } });
  }

  /** A broker failure travels back as a serialized error, never as a hang. */
  async test_serveAnswersWithError(): Promise<void> {
    const reply = await served(
      broker(async () => {
        throw new TypeError('no such sidecar');
      }),
      0,
      'nope',
    );
    this.assertIdentical(reply.connection, undefined);
    this.assertEqual([reply.error?.name, reply.error?.message], ['TypeError', 'no such sidecar']);
  }
}
