import { TestCase } from 'trial-ts';
import {
  assertPromisePending,
  flushMicrotasks,
  promiseFailureOf,
  promiseResultOf,
  track,
} from '../../src/internet/promiseState';

async function hops(depth: number, value: string): Promise<string> {
  for (let i = 0; i < depth; i++) await null;
  return value;
}

const isAssertion = (error: unknown): boolean => (error as Error).name === 'AssertionError';

export class PromiseStateTests extends TestCase {
  /** A tracked promise reads pending until a flush, even when already settled. */
  async test_stateAfterFlush(): Promise<void> {
    const tracked = track(Promise.resolve(5));
    this.assertEqual(tracked.state, 'pending');
    await flushMicrotasks();
    this.assertEqual(tracked.state, 'fulfilled');
    this.assertEqual(promiseResultOf(tracked), 5);
  }

  /** A promise waiting on something outside the microtask queue stays pending. */
  async test_pendingStaysPending(): Promise<void> {
    const tracked = track(new Promise<void>(() => undefined));
    await flushMicrotasks();
    assertPromisePending(tracked);
  }

  /** A deep async chain settles within the default flush. */
  async test_deepChainSettles(): Promise<void> {
    const tracked = track(hops(200, 'deep'));
    await flushMicrotasks();
    this.assertEqual(promiseResultOf(tracked), 'deep');
  }

  /** The limit is deterministic: a chain longer than the turns given is still pending. */
  async test_turnsLimit(): Promise<void> {
    const tracked = track(hops(50, 'x'));
    await flushMicrotasks(10);
    assertPromisePending(tracked);
    await flushMicrotasks(100);
    this.assertEqual(promiseResultOf(tracked), 'x');
  }

  /** A rejection is read with promiseFailureOf, checked by class, and is never unhandled. */
  async test_rejection(): Promise<void> {
    const tracked = track(Promise.reject(new RangeError('no')));
    await flushMicrotasks();
    const error = promiseFailureOf(tracked, RangeError);
    this.assertEqual(error.message, 'no');
    this.assertTrue(isAssertion(this.assertRaises(Error, () => promiseFailureOf(tracked, TypeError))));
    this.assertTrue(isAssertion(this.assertRaises(Error, () => promiseResultOf(tracked))));
  }

  /** Each helper fails, as an assertion, on the wrong state. */
  async test_wrongStates(): Promise<void> {
    const pending = track(new Promise<void>(() => undefined));
    const done = track(Promise.resolve('v'));
    await flushMicrotasks();
    this.assertTrue(isAssertion(this.assertRaises(Error, () => promiseResultOf(pending))));
    this.assertTrue(isAssertion(this.assertRaises(Error, () => promiseFailureOf(pending))));
    this.assertTrue(isAssertion(this.assertRaises(Error, () => promiseFailureOf(done))));
    const error = this.assertRaises(Error, () => assertPromisePending(done));
    this.assertSubstring('fulfilled with "v"', error.message);
  }
}
