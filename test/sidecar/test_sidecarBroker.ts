/**
 * Tests for src/sidecar/sidecarBroker.ts, with in-memory sidecar definitions.
 */
import { TestCase } from 'trial-ts';
import type { SidecarStateEvent } from '../../src/runner/events';
import type { SidecarDefinition, SidecarStartContext } from '../../src/sidecar/interfaces';
import { createSidecarBroker } from '../../src/sidecar/sidecarBroker';
import { SidecarConfigError } from '../../src/sidecar/sidecarErrors';

/** A definition that counts starts and closes and gives `{worker}` connections. */
function fakeDefinition() {
  const record = { starts: 0, closes: 0, context: null as SidecarStartContext | null };
  const definition: SidecarDefinition = {
    kind: 'fake',
    start: async (context) => {
      record.starts++;
      record.context = context;
      return {
        connectionFor: async (i) => ({ worker: i, env: {} }),
        logTail: () => [],
        logLinesFor: (db) => [`line of ${db}`],
        close: async () => void record.closes++,
      };
    },
  };
  return { definition, record };
}

/** Tests for `createSidecarBroker`. */
export class SidecarBrokerTests extends TestCase {
  #events: SidecarStateEvent[] = [];

  #broker(definitions: Record<string, SidecarDefinition>) {
    this.#events = [];
    const broker = createSidecarBroker(definitions, { tempDir: this.mktemp(), cwd: '.', workers: 2, onEvent: (e) => this.#events.push(e) });
    this.addCleanup(() => broker.close());
    return broker;
  }

  /** Nothing starts until the first acquire; then it starts once for every worker. */
  async test_startsLazilyOnce() {
    const { definition, record } = fakeDefinition();
    const broker = this.#broker({ db: definition });
    this.assertEqual(record.starts, 0);
    const [a, b] = await Promise.all([broker.acquire('db', 0), broker.acquire('db', 1)]);
    this.assertEqual([a.worker, b.worker, record.starts], [0, 1, 1]);
    this.assertEqual(broker.started(), ['db']);
    this.assertEqual(this.#events.map((e) => e.state), ['starting', 'ready']);
  }

  /** An unknown name is a config error naming the declared ones. */
  async test_unknownName() {
    const { definition } = fakeDefinition();
    const broker = this.#broker({ db: definition });
    const error = await this.assertRejects(SidecarConfigError, broker.acquire('dbb', 0));
    this.assertSubstring('"dbb"', (error as Error).message);
    this.assertSubstring('declared: db', (error as Error).message);
  }

  /** close() stops started sidecars once, however often it is called, and reports `stopped`. */
  async test_closeIdempotent() {
    const { definition, record } = fakeDefinition();
    const broker = this.#broker({ db: definition, unused: fakeDefinition().definition });
    await broker.acquire('db', 0);
    await Promise.all([broker.close(), broker.close()]);
    await broker.close();
    this.assertEqual(record.closes, 1);
    this.assertEqual(this.#events.at(-1)?.state, 'stopped');
  }

  /** A crash reported by the sidecar becomes a `crashed` event with the reason and the log. */
  async test_crashEvent() {
    const { definition, record } = fakeDefinition();
    const broker = this.#broker({ db: definition });
    await broker.acquire('db', 0);
    record.context!.onCrash('it died', 'last line');
    this.assertEqual(this.#events.at(-1), { type: 'sidecar:state', name: 'db', state: 'crashed', detail: 'it died\n\nlast line' });
  }

  /** A failed start rejects every acquire with the same error and reports `crashed`. */
  async test_failedStart() {
    const failing: SidecarDefinition = { kind: 'fake', start: () => Promise.reject(new Error('no binaries')) };
    const broker = this.#broker({ db: failing });
    await this.assertRejects(Error, broker.acquire('db', 0));
    this.assertEqual(this.#events.at(-1)?.detail, 'no binaries');
  }

  /** Log lines by database are gathered from running sidecars. */
  async test_logLinesFor() {
    const { definition } = fakeDefinition();
    const broker = this.#broker({ db: definition });
    this.assertEqual(broker.logLinesFor('trial_w0', 0), []);
    await broker.acquire('db', 0);
    this.assertEqual(broker.logLinesFor('trial_w0', 0), ['line of trial_w0']);
  }
}
