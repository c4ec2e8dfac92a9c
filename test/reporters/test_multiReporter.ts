/**
 * Tests for src/reporters/multiReporter.ts: one reporter made of several.
 */
import { TestCase } from 'trial-ts';
import type { Reporter } from '../../src/reporters/interfaces';
import { multiReporter } from '../../src/reporters/multiReporter';
import type { RunnerEvent } from '../../src/runner/events';

const EVENT = { type: 'run:start' } as unknown as RunnerEvent;

/** A reporter that logs what it is given, and throws when told to. */
function part(name: string, log: string[], fail: { handle?: boolean; close?: boolean } = {}): Reporter {
  return {
    handle(event) {
      log.push(`${name} ${event.type}`);
      if (fail.handle) throw new Error(`${name} handle`);
    },
    async close() {
      log.push(`${name} close`);
      if (fail.close) throw new Error(`${name} close`);
    },
  };
}

/** Tests of combining reporters. */
export class MultiReporterTests extends TestCase {
  /** Every part sees every event and is closed, in order. */
  async test_fansOutInOrder(): Promise<void> {
    const log: string[] = [];
    const reporter = multiReporter(part('a', log), part('b', log));
    reporter.handle(EVENT);
    await reporter.close();
    this.assertEqual(log, ['a run:start', 'b run:start', 'a close', 'b close']);
  }

  /** A part that throws does not starve the others; the first error is rethrown after all ran. */
  async test_firstErrorAfterAllParts(): Promise<void> {
    const log: string[] = [];
    const reporter = multiReporter(part('a', log, { handle: true, close: true }), part('b', log, { handle: true }), part('c', log));
    const handled = this.assertRaises(Error, () => reporter.handle(EVENT));
    this.assertEqual(handled.message, 'a handle');
    const closed = await this.assertRejects(Error, reporter.close());
    this.assertEqual([closed.message, log], ['a close', ['a run:start', 'b run:start', 'c run:start', 'a close', 'b close', 'c close']]);
  }
}
