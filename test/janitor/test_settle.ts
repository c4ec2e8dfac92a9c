/** The settle phase's two bounds, on a fake clock: the turn bound and the closing window. */
import { SynchronousTestCase, TestCase } from 'trial-ts';
import { settle, type SettleSource } from '../../src/janitor/settle';

interface Item {
  live: boolean;
  closing: boolean;
  /** Turns left until it goes away by itself (Infinity: never). */
  goneAfter: number;
}

/** A source over `items` whose clock advances by each timer turn's ms; counts turns by kind. */
function fakeSource(items: Item[]): SettleSource<Item> & { kinds: string[]; clock: number } {
  const source = {
    kinds: [] as string[],
    clock: 0,
    items: () => items,
    isLive: (item: Item) => item.live,
    isClosing: (item: Item) => item.closing,
    now: () => source.clock,
    async turn(kind: 'immediate' | 'timer', ms: number) {
      source.kinds.push(kind);
      source.clock += kind === 'timer' ? ms : 0;
      for (const item of items) if (--item.goneAfter <= 0) item.live = false;
    },
  };
  return source;
}

export class SettleTests extends TestCase {
  /** Nothing live: no turn at all. */
  async test_nothingLiveCostsNoTurn(): Promise<void> {
    const source = fakeSource([{ live: false, closing: false, goneAfter: Infinity }]);
    this.assertEqual(await settle(source, { turns: 4, windowMs: 1000 }), { turns: 0, windowExpired: false });
  }

  /** A leak that is not closing costs exactly the turn bound (immediate and timer alternately), never the window. */
  async test_liveLeakStopsAtTheTurnBound(): Promise<void> {
    const source = fakeSource([{ live: true, closing: false, goneAfter: Infinity }]);
    this.assertEqual(await settle(source, { turns: 4, windowMs: 1000 }), { turns: 4, windowExpired: false });
    this.assertEqual(source.kinds, ['immediate', 'timer', 'immediate', 'timer']);
  }

  /** Something that goes away in two turns stops the settling there. */
  async test_pendingWorkEndsEarly(): Promise<void> {
    const source = fakeSource([{ live: true, closing: false, goneAfter: 2 }]);
    this.assertEqual((await settle(source, { turns: 4, windowMs: 1000 })).turns, 2);
  }

  /** A closing socket that needs 30 turns past the turn bound is waited for inside the window. */
  async test_closingResourceIsWaitedFor(): Promise<void> {
    const item = { live: true, closing: true, goneAfter: 34 };
    const source = fakeSource([item]);
    this.assertEqual(await settle(source, { turns: 4, windowMs: 1000 }), { turns: 34, windowExpired: false });
    this.assertFalse(item.live);
  }

  /** Something closing forever is given up on when the window ends: the bound holds. */
  async test_closingWindowIsBounded(): Promise<void> {
    const source = fakeSource([{ live: true, closing: true, goneAfter: Infinity }]);
    const result = await settle(source, { turns: 4, windowMs: 50 });
    this.assertTrue(result.windowExpired);
    this.assertTrue(source.clock >= 50 && source.clock <= 52, `clock ${source.clock}`);
    this.assertEqual(result.turns, 4 + 50);
  }
}

/** The bounds are plain data: a zero bound means no waiting. */
export class SettleBoundsTests extends SynchronousTestCase {
  /** With both bounds zero, settle returns without a turn (checked synchronously on the source). */
  test_zeroBoundsNeverTurn(): void {
    const source = fakeSource([{ live: true, closing: true, goneAfter: Infinity }]);
    void settle(source, { turns: 0, windowMs: 0 });
    this.assertEqual(source.kinds, []);
  }
}
