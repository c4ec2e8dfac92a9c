/**
 * Tests for src/reporters/json.ts: one JSON event per line, with the protocol version.
 */
import { TestCase } from 'trial-ts';
import { PROTOCOL_VERSION, type RunnerEvent } from '../../src/runner/events';
import { eventLine, json } from '../../src/reporters/json';
import { everyOutcome, render } from './sampleEvents';

export class JsonReporterTests extends TestCase {
  /** Every event becomes one line that parses back to the event plus `version`. */
  async test_eventsRoundTrip(): Promise<void> {
    const events = everyOutcome();
    const lines = (await render(json, events)).split('\n');
    this.assertEqual(lines.pop(), '');
    this.assertEqual(lines.map((line) => JSON.parse(line)), events.map((event) => ({ version: PROTOCOL_VERSION, ...event })));
  }

  /** `version` comes first on every line, and control characters stay escaped on one line. */
  test_eventLine(): void {
    const event: RunnerEvent = { type: 'sidecar:state', name: 'pg\n\u0000', state: 'ready' };
    this.assertEqual(eventLine(event), '{"version":1,"type":"sidecar:state","name":"pg\\n\\u0000","state":"ready"}\n');
  }
}
