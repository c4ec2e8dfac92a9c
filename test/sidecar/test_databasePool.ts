/**
 * Tests for src/sidecar/databasePool.ts, over an in-memory backend.
 */
import { TestCase } from 'trial-ts';
import { DatabasePool, type PoolBackend } from '../../src/sidecar/databasePool';

/** A backend that records what it did; `create` can be made to fail. */
function fakeBackend(failCreates = 0): PoolBackend & { created: string[]; dropped: string[] } {
  let failures = failCreates;
  const backend = {
    created: [] as string[],
    dropped: [] as string[],
    create: async (name: string) => {
      if (failures-- > 0) throw new Error('clone failed');
      backend.created.push(name);
    },
    drop: async (name: string) => void backend.dropped.push(name),
  };
  return backend;
}

const settle = () => new Promise((r) => setImmediate(r));

/** Tests for `DatabasePool`. */
export class DatabasePoolTests extends TestCase {
  /** `fill()` creates `size` databases ahead of need. */
  async test_fillsAhead() {
    let n = 0;
    const backend = fakeBackend();
    const pool = new DatabasePool(backend, 3, () => `t${++n}`);
    pool.fill();
    for (let i = 0; i < 5; i++) await settle();
    this.assertEqual(backend.created, ['t1', 't2', 't3']);
    pool.close();
  }

  /** Each take gets a distinct database, and the pool refills behind it. */
  async test_takeIsDistinctAndRefills() {
    let n = 0;
    const backend = fakeBackend();
    const pool = new DatabasePool(backend, 1, () => `t${++n}`);
    const [a, b] = await Promise.all([pool.take(), pool.take()]);
    this.assertNotEqual(a, b);
    for (let i = 0; i < 5; i++) await settle();
    this.assertEqual(backend.created.length, 3);
    pool.close();
  }

  /** A given-back database is dropped. */
  async test_giveDrops() {
    const backend = fakeBackend();
    const pool = new DatabasePool(backend, 1, () => 't1');
    await pool.give('t9');
    this.assertEqual(backend.dropped, ['t9']);
    pool.close();
  }

  /** A failed clone is retried. */
  async test_retriesFailedClone() {
    let n = 0;
    const backend = fakeBackend(1);
    const pool = new DatabasePool(backend, 1, () => `t${++n}`);
    this.assertEqual(await pool.take(), 't2');
    pool.close();
  }

  /** Closing fails waiting takers rather than leaving them hanging. */
  async test_closeRejectsWaiters() {
    const pool = new DatabasePool({ create: () => new Promise(() => undefined), drop: async () => undefined }, 1, () => 't');
    const taken = pool.take();
    pool.close();
    await this.assertRejects(Error, taken);
  }
}
