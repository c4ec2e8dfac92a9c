/**
 * The settle phase: before judging what a test left, let work that is finishing by
 * itself finish, bounded twice over.
 * 1. Turns: while anything is live, at most `turns` loop turns (an immediate, then a
 *    1 ms timer, alternately), so a pending `setImmediate` or a 1 ms timer is not a leak.
 * 2. The closing window: then, while something still live is already closing (an ended
 *    or destroyed socket waiting for the peer's FIN, a signalled child, a closing
 *    server), wait up to `windowMs` on 1 ms timer turns. `pool.end()` from pg resolves
 *    before its sockets have closed; this is what makes that correct cleanup clean.
 * A test that left nothing costs no turn; one that left only real leaks (live and not
 * closing) costs at most the turns, never the window.
 *
 * @packageDocumentation
 */

/** What settling needs: the resources, how to read them, and how to wait. */
export interface SettleSource<T> {
  /** The resources to wait for (read again after every turn: it may grow). */
  items(): readonly T[];
  /** Still open or pending. */
  isLive(item: T): boolean;
  /** Live, but closing by itself. */
  isClosing(item: T): boolean;
  /** One loop turn: `immediate` (setImmediate) or a timer of `ms` milliseconds. */
  turn(kind: 'immediate' | 'timer', ms: number): Promise<void>;
  /** The clock the window is measured on, in ms. */
  now(): number;
}

/** Bounds of {@link settle}. */
export interface SettleBounds {
  /** Most loop turns while something is live (default 4). */
  turns: number;
  /** Longest wait for resources that are closing by themselves, in ms (default 1000). */
  windowMs: number;
}

/** What settling did, for tests and the benchmark. */
export interface SettleResult {
  /** Loop turns taken. */
  turns: number;
  /** True when the closing window was used up with something still closing. */
  windowExpired: boolean;
}

/**
 * Wait, bounded, until what is live is either gone or a leak.
 *
 * @param source - resources and waiting.
 * @param bounds - see {@link SettleBounds}.
 * @returns how many turns it took and whether the window expired.
 */
export async function settle<T>(source: SettleSource<T>, bounds: SettleBounds): Promise<SettleResult> {
  const live = (): T[] => source.items().filter((item) => source.isLive(item));
  let turns = 0;
  for (; turns < bounds.turns && live().length > 0; turns++) {
    await (turns % 2 === 0 ? source.turn('immediate', 0) : source.turn('timer', 1));
  }
  const deadline = source.now() + bounds.windowMs;
  for (;;) {
    const left = live();
    if (left.length === 0 || !left.some((item) => source.isClosing(item))) return { turns, windowExpired: false };
    if (source.now() >= deadline) return { turns, windowExpired: true };
    await source.turn('timer', 1);
    turns++;
  }
}
