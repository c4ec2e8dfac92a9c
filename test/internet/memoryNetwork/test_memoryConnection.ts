/**
 * MemoryConnection and the janitor, end to end over fixtures/leakingMemoryConnection:
 * a connection left open is a leak of its test, named with the user's line, and closed;
 * an awaited network.fetch leaves nothing; a pending fetch is named too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent } from '../../../src/runner/events';
import { MemoryConnection } from '../../../src/internet/memoryNetwork/memoryConnection';
import { FIXTURES, runCli } from '../../support/runCli';

const FIXTURE_FILE = 'fixtures/leakingMemoryConnection/test_leakingMemoryConnection.ts';

function lineOf(snippet: string): number {
  const lines = fs.readFileSync(path.join(FIXTURES, '..', FIXTURE_FILE), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(snippet)) + 1;
}

export class MemoryConnectionLeakTests extends TestCase {
  /** The leaking test errors with MEMORYCONNECTION at its line; the others pass; the run exits 1. */
  async test_leftOpenConnectionIsALeakOfItsTest(): Promise<void> {
    const base = this.mktemp();
    fs.mkdirSync(base, { recursive: true });
    const events = path.join(base, 'events.jsonl');
    const result = await runCli(['--temp-directory', path.join(base, 'trial'), '--reporter', `json:${events}`, path.join(FIXTURES, 'leakingMemoryConnection')], { timeoutMs: 60_000 });
    const ends = new Map<string, TestEndEvent>();
    for (const line of fs.readFileSync(events, 'utf8').split('\n').filter(Boolean)) {
      const event = JSON.parse(line) as RunnerEvent;
      if (event.type === 'test:end') ends.set(event.test.methodName, event);
    }
    this.assertEqual(result.code, 1, result.stdout + result.stderr);
    const outcomes = [...ends].map(([name, end]) => `${name} ${end.outcome} ${(end.warnings ?? []).length}`).sort();
    this.assertEqual(outcomes, ['test_fetchLeavesNothing success 0', 'test_leaksMemoryConnection error 0', 'test_leaksPendingFetch error 0', 'test_nextIsClean success 0']);
    const leaked = ends.get('test_leaksMemoryConnection')!.errors[0];
    this.assertSubstring('a memory connection from 127.0.0.1:', leaked.message);
    this.assertSubstring(`to api.test:80 (open), created at ${FIXTURE_FILE}:${lineOf("this.network.connect('api.test:80');")}:`, leaked.message);
    const pending = ends.get('test_leaksPendingFetch')!.errors[0].message;
    const fetchLine = lineOf('void stalled.fetch(');
    this.assertSubstring(`a memory fetch GET http://stalled.test/never still waiting for its response, created at ${FIXTURE_FILE}:${fetchLine}:`, pending);
    this.assertSubstring(`a memory connection from 127.0.0.1:49152 to stalled.test:80 (open), created at ${FIXTURE_FILE}:${fetchLine}:`, pending);
  }
}

export class MemoryConnectionTests extends TestCase {
  /** close() (the janitor's way) destroys both ends, and then the connection is no longer open. */
  test_closeDestroysBothEnds(): void {
    const connection = new MemoryConnection(
      { delivery: 'eager', chunkSize: Infinity, clock: undefined, latency: 0, markPending: () => undefined },
      {
        key: 'a.test:1',
        client: { localAddress: '127.0.0.1', localPort: 50000, localFamily: 'IPv4', remoteAddress: '127.0.0.1', remotePort: 1, remoteFamily: 'IPv4' },
        server: { localAddress: '127.0.0.1', localPort: 1, localFamily: 'IPv4', remoteAddress: '127.0.0.1', remotePort: 50000, remoteFamily: 'IPv4' },
        sink: { emit: () => true },
        allowHalfOpen: false,
      },
    );
    const before = [connection.isOpen(), connection.description];
    connection.close();
    this.assertEqual([...before, connection.isOpen(), connection.client.destroyed, connection.server.destroyed], [true, 'a memory connection from 127.0.0.1:50000 to a.test:1 (still connecting)', false, true, true]);
  }
}
